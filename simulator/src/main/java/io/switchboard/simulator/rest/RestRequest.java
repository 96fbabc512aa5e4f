package io.switchboard.simulator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.simulator.state.AriError;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One ARI request however it arrived (HTTP or REST over WebSocket). Parameters come from the query string,
 * a form body, or the fields of a JSON object body, as Asterisk accepts all three.
 */
public final class RestRequest {
    public final String method;
    /** Path below /ari, without leading slash, e.g. {@code channels/out-1/play}. */
    public final String path;
    private final Map<String, String> query;
    private final JsonNode body;
    private Map<String, String> pathParams = Map.of();

    public RestRequest(String method, String path, Map<String, String> query, JsonNode body) {
        this.method = method;
        this.path = path;
        this.query = query;
        this.body = body;
    }

    public static Map<String, String> parseQuery(String raw) {
        Map<String, String> result = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return result;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            result.put(key, value);
        }
        return result;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    void bindPath(Map<String, String> params) {
        this.pathParams = params;
    }

    public String path(String name) {
        return pathParams.get(name);
    }

    public JsonNode body() {
        return body;
    }

    public String param(String name) {
        String value = query.get(name);
        if (value != null) {
            return value;
        }
        if (body instanceof ObjectNode object && object.has(name) && !object.get(name).isContainerNode()) {
            return object.get(name).asText();
        }
        return null;
    }

    public String required(String name) {
        String value = param(name);
        if (value == null) {
            throw AriError.badRequest("Missing parameter " + name);
        }
        return value;
    }

    public List<String> list(String name) {
        String value = param(name);
        if (value == null || value.isEmpty()) {
            return List.of();
        }
        return new ArrayList<>(Arrays.asList(value.split(",")));
    }

    public Integer integer(String name) {
        String value = param(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw AriError.badRequest("Invalid value for " + name);
        }
    }

    public boolean bool(String name) {
        return "true".equalsIgnoreCase(param(name));
    }

    /** The {@code variables} object of a JSON body, as name to text. */
    public Map<String, String> variables() {
        Map<String, String> result = new LinkedHashMap<>();
        JsonNode vars = body == null ? null : body.get("variables");
        if (vars != null && vars.isObject()) {
            vars.fields().forEachRemaining(e -> result.put(e.getKey(), e.getValue().asText()));
        }
        return result;
    }
}
