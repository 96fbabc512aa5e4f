package io.switchboard.ari.rest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One ARI REST request, ready for a transport: the method, the path below {@code /ari} with its parameters
 * filled in and encoded, the query parameters in the order they were set, and the JSON body if any.
 *
 * @param method       GET, POST, PUT or DELETE
 * @param pathTemplate the spec's path, e.g. {@code /channels/{channelId}/play}
 * @param path         the encoded path, e.g. {@code /channels/out-1/play}
 * @param query        query parameters (decoded values), in order
 * @param body         the JSON body, when the operation has one
 */
public record AriRequest(String method, String pathTemplate, String path, List<Map.Entry<String, String>> query,
                         Optional<byte[]> body) {

    public AriRequest {
        query = List.copyOf(query);
    }

    /** The encoded query string without '?', empty when there are no parameters. */
    public String queryString() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> param : query) {
            if (out.length() > 0) {
                out.append('&');
            }
            out.append(UriEncoding.component(param.getKey())).append('=').append(UriEncoding.component(param.getValue()));
        }
        return out.toString();
    }

    /** Path and query as sent over HTTP below the base URL, e.g. {@code /channels?endpoint=PJSIP%2F100}. */
    public String uri() {
        String q = queryString();
        return q.isEmpty() ? path : path + "?" + q;
    }

    /** The first value of a query parameter. */
    public Optional<String> queryParam(String name) {
        return query.stream().filter(e -> e.getKey().equals(name)).map(Map.Entry::getValue).findFirst();
    }

    /** The body as text, when there is one. */
    public Optional<String> bodyText() {
        return body.map(bytes -> new String(bytes, StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return method + " " + uri();
    }
}
