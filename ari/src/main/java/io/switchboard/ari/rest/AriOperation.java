package io.switchboard.ari.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.ari.json.AriJson;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * A request to one ARI operation being built: the generated resource classes set its parameters, the
 * caller sets the optional ones, then {@link #send()} hands it to the transport.
 *
 * @param <T> what a successful answer decodes to ({@code Void} when Asterisk answers 204)
 */
public abstract class AriOperation<T> {
    private final AriTransport transport;
    private final String method;
    private final String pathTemplate;
    private final ResponseType<T> responseType;
    private final Map<String, String> pathParams = new LinkedHashMap<>(4);
    private final List<Map.Entry<String, String>> query = new ArrayList<>(6);
    private ObjectNode bodyFields;
    private Object bodyValue;
    private String idParam;

    protected AriOperation(AriTransport transport, String method, String pathTemplate, ResponseType<T> responseType) {
        this.transport = transport;
        this.method = method;
        this.pathTemplate = pathTemplate;
        this.responseType = responseType;
    }

    /** Sends the request; the stage fails with an {@link AriException} if Asterisk refuses it. */
    public CompletionStage<T> send() {
        return transport.execute(toRequest(), responseType);
    }

    public ResponseType<T> responseType() {
        return responseType;
    }

    /** The request exactly as it would be sent. */
    public AriRequest toRequest() {
        if (idParam != null && query.stream().noneMatch(e -> e.getKey().equals(idParam))) {
            query(idParam, ClientIds.next());
        }
        return new AriRequest(method, pathTemplate, expandPath(), query, body());
    }

    /** Makes the request carry a fresh client-assigned id in {@code param} if the caller sets none. */
    protected final void assignIdUnlessGiven(String param) {
        idParam = param;
    }

    protected final void pathParam(String name, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException(name + " is required");
        }
        pathParams.put(name, value);
    }

    protected final void query(String name, Object value) {
        query.removeIf(e -> e.getKey().equals(name));
        if (value != null) {
            query.add(new AbstractMap.SimpleImmutableEntry<>(name, value.toString()));
        }
    }

    /** A parameter that takes several values: Asterisk reads them comma-separated. */
    protected final void queryList(String name, String... values) {
        query(name, values == null || values.length == 0 ? null : String.join(",", values));
    }

    protected final void queryList(String name, List<String> values) {
        queryList(name, values == null ? null : values.toArray(new String[0]));
    }

    protected final void bodyField(String name, Object value) {
        if (bodyFields == null) {
            bodyFields = AriJson.mapper().createObjectNode();
        }
        if (value == null) {
            bodyFields.remove(name);
        } else {
            bodyFields.set(name, AriJson.mapper().valueToTree(value));
        }
    }

    protected final void bodyValue(Object value) {
        bodyValue = value;
    }

    private Optional<byte[]> body() {
        Object body = bodyValue != null ? bodyValue : bodyFields;
        if (body == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(AriJson.mapper().writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("request body cannot be written as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private String expandPath() {
        if (pathParams.isEmpty()) {
            return pathTemplate;
        }
        StringBuilder out = new StringBuilder(pathTemplate.length() + 32);
        int i = 0;
        while (i < pathTemplate.length()) {
            int open = pathTemplate.indexOf('{', i);
            if (open < 0) {
                out.append(pathTemplate, i, pathTemplate.length());
                break;
            }
            int close = pathTemplate.indexOf('}', open);
            String name = pathTemplate.substring(open + 1, close);
            String value = pathParams.get(name);
            if (value == null) {
                throw new IllegalArgumentException(name + " is required");
            }
            out.append(pathTemplate, i, open).append(UriEncoding.component(value));
            i = close + 1;
        }
        return out.toString();
    }
}
