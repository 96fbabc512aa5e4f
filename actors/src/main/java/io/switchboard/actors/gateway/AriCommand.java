package io.switchboard.actors.gateway;

import io.switchboard.actors.serialization.CborSerializable;
import io.switchboard.ari.rest.AriOperation;
import io.switchboard.ari.rest.AriRequest;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ARI REST request in a form that can travel between nodes: entities build it with the typed ARI client
 * and the gateway of their Asterisk sends it.
 *
 * @param method GET, POST, PUT or DELETE
 * @param pathTemplate the spec's path, e.g. {@code /channels/{channelId}/play}
 * @param path   the encoded path below {@code /ari}
 * @param query  query parameters in order
 * @param body   the JSON body, or null
 */
public record AriCommand(String method, String pathTemplate, String path, List<QueryParam> query, String body)
        implements CborSerializable {

    public record QueryParam(String name, String value) implements CborSerializable {
    }

    public static AriCommand of(AriOperation<?> operation) {
        return of(operation.toRequest());
    }

    public static AriCommand of(AriRequest request) {
        return new AriCommand(request.method(), request.pathTemplate(), request.path(),
                request.query().stream().map(e -> new QueryParam(e.getKey(), e.getValue())).toList(),
                request.bodyText().orElse(null));
    }

    public AriRequest toRequest() {
        List<Map.Entry<String, String>> entries = query.stream()
                .<Map.Entry<String, String>>map(q -> new AbstractMap.SimpleImmutableEntry<>(q.name(), q.value()))
                .toList();
        return new AriRequest(method, pathTemplate, path, entries,
                Optional.ofNullable(body).map(b -> b.getBytes(StandardCharsets.UTF_8)));
    }

    /** True when the request carries an id the client chose, so a duplicate answers 409 instead of acting twice. */
    public boolean hasClientId() {
        return pathTemplate.contains("{channelId}") || pathTemplate.contains("{bridgeId}")
                || pathTemplate.contains("{playbackId}") || pathTemplate.contains("{snoopId}")
                || query.stream().anyMatch(q -> q.name().equals("channelId") || q.name().equals("bridgeId")
                        || q.name().equals("playbackId") || q.name().equals("snoopId"));
    }

    @Override
    public String toString() {
        return toRequest().toString();
    }
}
