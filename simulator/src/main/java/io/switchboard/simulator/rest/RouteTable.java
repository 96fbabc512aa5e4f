package io.switchboard.simulator.rest;

import io.switchboard.simulator.state.AriError;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Path patterns like {@code channels/{channelId}/play} per method; 404 for unknown paths, 405 for a wrong method. */
public final class RouteTable {
    @FunctionalInterface
    public interface Handler {
        RestResponse handle(RestRequest request);
    }

    private record Route(String method, String[] segments, Handler handler) {
    }

    private final List<Route> routes = new ArrayList<>();

    public RouteTable add(String method, String pattern, Handler handler) {
        routes.add(new Route(method, pattern.split("/"), handler));
        return this;
    }

    /** Every route as {@code METHOD path/pattern}, e.g. {@code POST channels/{channelId}/play}. */
    public List<String> describe() {
        return routes.stream().map(r -> r.method() + " " + String.join("/", r.segments())).toList();
    }

    /** Runs the handler of the request's route; Asterisk errors become their answers. */
    public RestResponse dispatch(RestRequest request) {
        String[] parts = request.path.isEmpty() ? new String[0] : request.path.split("/", -1);
        boolean pathKnown = false;
        for (Route route : routes) {
            Map<String, String> params = match(route.segments(), parts);
            if (params == null) {
                continue;
            }
            pathKnown = true;
            if (!route.method().equals(request.method)) {
                continue;
            }
            request.bindPath(params);
            try {
                return route.handler().handle(request);
            } catch (AriError e) {
                return RestResponse.error(e);
            }
        }
        return pathKnown ? RestResponse.message(405, "Invalid method") : RestResponse.message(404, "Resource not found");
    }

    /** A segment such as {@code silence%2F1} (an id holding a slash) to {@code silence/1}. */
    private static String percentDecoded(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        try {
            return java.net.URLDecoder.decode(segment.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return segment;
        }
    }

    private static Map<String, String> match(String[] pattern, String[] parts) {
        if (pattern.length != parts.length) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.startsWith("{")) {
                if (parts[i].isEmpty()) {
                    return null;
                }
                params.put(p.substring(1, p.length() - 1), percentDecoded(parts[i]));
            } else if (!p.equals(parts[i])) {
                return null;
            }
        }
        return params;
    }
}
