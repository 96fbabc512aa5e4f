package io.switchboard.simulator.rest;

import io.switchboard.ari.events.ChannelUserevent;
import io.switchboard.ari.events.DeviceStateChanged;
import io.switchboard.ari.json.AriJson;
import io.switchboard.ari.model.Bridge;
import io.switchboard.ari.model.Channel;
import io.switchboard.ari.model.DeviceState;
import io.switchboard.ari.model.Endpoint;
import io.switchboard.ari.model.Mailbox;
import io.switchboard.simulator.channels.DeviceStates;
import io.switchboard.simulator.state.AriError;
import io.switchboard.simulator.state.AsteriskState;
import io.switchboard.simulator.state.SimChannel;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** /endpoints, /deviceStates, /mailboxes and /events (user events). */
final class SystemResources {
    private static final Set<String> DEVICE_STATES = Set.of("UNKNOWN", "NOT_INUSE", "INUSE", "BUSY", "INVALID",
            "UNAVAILABLE", "RINGING", "RINGINUSE", "ONHOLD");

    private SystemResources() {
    }

    private static Endpoint endpoint(AsteriskState ast, String key) {
        return Endpoints.model(ast, key);
    }

    /** A controlled {@code Stasis:} device as last set; a SIP device from its endpoint and channels. */
    private static String deviceState(Services s, String name) {
        if (name.startsWith("PJSIP/")) {
            return s.endpoints().exists(name) ? DeviceStates.sipState(s.state(), name) : "INVALID";
        }
        return s.state().deviceStates.getOrDefault(name, "UNKNOWN");
    }

    static void register(RouteTable t, Services s) {
        AsteriskState ast = s.state();
        t.add("GET", "endpoints", r -> {
            List<Endpoint> all = new ArrayList<>();
            s.endpoints().endpoints().forEach(e -> all.add(endpoint(ast, e)));
            return RestResponse.ok(all);
        });
        t.add("GET", "endpoints/{tech}", r -> {
            List<Endpoint> all = new ArrayList<>();
            s.endpoints().endpoints().forEach(e -> {
                if (e.startsWith(r.path("tech") + "/")) {
                    all.add(endpoint(ast, e));
                }
            });
            if (all.isEmpty()) {
                throw AriError.notFound("No Endpoints found - invalid tech " + r.path("tech"));
            }
            return RestResponse.ok(all);
        });
        t.add("GET", "endpoints/{tech}/{resource}", r -> {
            String key = r.path("tech") + "/" + r.path("resource");
            if (!s.endpoints().exists(key)) {
                throw AriError.notFound("Endpoint not found");
            }
            return RestResponse.ok(endpoint(ast, key));
        });

        t.add("GET", "deviceStates", r -> RestResponse.ok(ast.deviceStates.entrySet().stream()
                .map(e -> new DeviceState(e.getKey(), e.getValue())).toList()));
        t.add("GET", "deviceStates/{name}", r -> RestResponse.ok(new DeviceState(r.path("name"),
                deviceState(s, r.path("name")))));
        t.add("PUT", "deviceStates/{name}", r -> {
            String name = r.path("name");
            if (!name.startsWith("Stasis:")) {
                throw AriError.conflict("Uncontrolled device specified");
            }
            String state = r.required("deviceState");
            if (!DEVICE_STATES.contains(state)) {
                throw AriError.of(500, "Unknown device");
            }
            ast.deviceStates.put(name, state);
            String ts = ast.timestamp();
            ast.bus.toDevice(name, app -> new DeviceStateChanged(ast.asteriskId, app, ts, new DeviceState(name, state)));
            return RestResponse.noContent();
        });
        t.add("DELETE", "deviceStates/{name}", r -> {
            if (!r.path("name").startsWith("Stasis:")) {
                throw AriError.conflict("Uncontrolled device specified");
            }
            ast.deviceStates.remove(r.path("name"));
            return RestResponse.noContent();
        });

        t.add("GET", "mailboxes", r -> RestResponse.ok(ast.mailboxes.entrySet().stream()
                .map(e -> new Mailbox(e.getKey(), e.getValue()[0], e.getValue()[1])).toList()));
        t.add("GET", "mailboxes/{name}", r -> {
            int[] counts = ast.mailboxes.get(r.path("name"));
            if (counts == null) {
                throw AriError.notFound("Mailbox is does not exist");
            }
            return RestResponse.ok(new Mailbox(r.path("name"), counts[0], counts[1]));
        });
        t.add("PUT", "mailboxes/{name}", r -> {
            Integer old = r.integer("oldMessages");
            Integer fresh = r.integer("newMessages");
            ast.mailboxes.put(r.path("name"), new int[] {old == null ? 0 : old, fresh == null ? 0 : fresh});
            return RestResponse.noContent();
        });
        t.add("DELETE", "mailboxes/{name}", r -> {
            if (ast.mailboxes.remove(r.path("name")) == null) {
                throw AriError.notFound("Mailbox is does not exist");
            }
            return RestResponse.noContent();
        });

        t.add("POST", "events/user/{eventName}", r -> userEvent(s, r));
        t.add("POST", "events/claim", r -> {
            s.calls().broadcasts().claim(r.param("channelId"), r.param("application"));
            return RestResponse.noContent();
        });
    }

    private static RestResponse userEvent(Services s, RestRequest r) {
        AsteriskState ast = s.state();
        String appName = r.required("application");
        ast.apps.require(appName);
        Channel channel = null;
        Bridge bridge = null;
        Endpoint endpoint = null;
        for (String source : r.list("source")) {
            int colon = source.indexOf(':');
            String scheme = colon < 0 ? source : source.substring(0, colon);
            String name = colon < 0 ? "" : source.substring(colon + 1);
            switch (scheme) {
                case "channel" -> channel = ast.channel(name).map(SimChannel::toModel)
                        .orElseThrow(() -> AriError.unprocessable("Event source was not found"));
                case "bridge" -> {
                    if (!ast.bridges.containsKey(name)) {
                        throw AriError.unprocessable("Event source was not found");
                    }
                    bridge = ast.bridges.get(name).toModel();
                }
                case "endpoint" -> {
                    if (!s.endpoints().exists(name)) {
                        throw AriError.unprocessable("Event source was not found");
                    }
                    endpoint = endpoint(ast, name);
                }
                case "deviceState" -> {
                }
                default -> throw AriError.badRequest("Invalid event source URI scheme");
            }
        }
        String eventName = r.path("eventName");
        ObjectNode userevent = AriJson.mapper().createObjectNode();
        r.variables().forEach(userevent::put);
        userevent.put("eventname", eventName);
        String ts = ast.timestamp();
        Channel c = channel;
        Bridge b = bridge;
        Endpoint e = endpoint;
        ast.bus.toApp(appName, app -> new ChannelUserevent(ast.asteriskId, app, ts, eventName, c, b, e, userevent));
        return RestResponse.noContent();
    }
}
