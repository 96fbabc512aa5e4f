package io.switchboard.simulator.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.simulator.state.AriError;
import io.switchboard.simulator.state.AsteriskState;
import io.switchboard.simulator.state.StasisApp;
import java.util.ArrayList;
import java.util.List;

/** /applications: list, subscriptions, event filters. */
final class ApplicationsResource {
    private ApplicationsResource() {
    }

    static void register(RouteTable t, Services s) {
        AsteriskState ast = s.state();
        t.add("GET", "applications", r -> RestResponse.ok(ast.apps.all().stream().map(StasisApp::toModel).toList()));
        t.add("GET", "applications/{app}", r -> RestResponse.ok(ast.apps.require(r.path("app")).toModel()));
        t.add("POST", "applications/{app}/subscription", r -> subscribe(s, r, true));
        t.add("DELETE", "applications/{app}/subscription", r -> subscribe(s, r, false));
        t.add("PUT", "applications/{app}/eventFilter", r -> {
            StasisApp app = ast.apps.require(r.path("app"));
            JsonNode body = r.body();
            if (body == null || body.isEmpty() || !body.isObject()) {
                app.allowed = new ArrayList<>();
                app.disallowed = new ArrayList<>();
                return RestResponse.ok(app.toModel());
            }
            List<JsonNode> allowed = filter(body, "allowed", app.allowed);
            List<JsonNode> disallowed = filter(body, "disallowed", app.disallowed);
            app.allowed = allowed;
            app.disallowed = disallowed;
            return RestResponse.ok(app.toModel());
        });
    }

    private static List<JsonNode> filter(JsonNode body, String field, List<JsonNode> current) {
        if (!body.has(field)) {
            return current;
        }
        JsonNode list = body.get(field);
        if (!list.isArray()) {
            throw AriError.badRequest("Invalid format definition");
        }
        List<JsonNode> result = new ArrayList<>();
        list.forEach(result::add);
        return result;
    }

    private static RestResponse subscribe(Services s, RestRequest r, boolean on) {
        AsteriskState ast = s.state();
        String source = r.param("eventSource");
        if (source == null) {
            throw AriError.badRequest("Missing parameter eventSource");
        }
        StasisApp app = ast.apps.require(r.path("app"));
        for (String one : source.split(",")) {
            int colon = one.indexOf(':');
            String scheme = colon < 0 ? one : one.substring(0, colon);
            String name = colon < 0 ? "" : one.substring(colon + 1);
            boolean exists;
            boolean subscribed;
            switch (scheme) {
                case "channel" -> {
                    exists = ast.channel(name).isPresent();
                    subscribed = app.followsExplicitly(name);
                }
                case "bridge" -> {
                    exists = ast.bridges.containsKey(name);
                    subscribed = app.followsBridge(name);
                }
                case "endpoint" -> {
                    exists = s.endpoints().exists(name);
                    subscribed = app.endpoints.contains(name);
                }
                case "deviceState" -> {
                    exists = true;
                    subscribed = app.devices.contains(name);
                }
                default -> throw AriError.badRequest("Invalid event source URI scheme");
            }
            if (on && !exists) {
                throw AriError.unprocessable("Event source does not exist");
            }
            if (!on && !subscribed) {
                throw AriError.unprocessable("Event source was not subscribed to");
            }
            apply(app, scheme, name, on);
        }
        return RestResponse.ok(app.toModel());
    }

    private static void apply(StasisApp app, String scheme, String name, boolean on) {
        switch (scheme) {
            case "channel" -> {
                if (on) {
                    app.follow(name, StasisApp.Follow.EXPLICIT);
                } else {
                    app.unfollow(name, StasisApp.Follow.EXPLICIT);
                }
            }
            case "bridge" -> {
                if (on) {
                    app.followBridge(name);
                } else {
                    app.unfollowBridge(name);
                }
            }
            case "endpoint" -> {
                if (on) {
                    app.endpoints.add(name);
                } else {
                    app.endpoints.remove(name);
                }
            }
            default -> {
                if (on) {
                    app.devices.add(name);
                } else {
                    app.devices.remove(name);
                }
            }
        }
    }
}
