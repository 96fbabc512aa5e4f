package io.switchboard.simulator.rest;

import io.switchboard.simulator.state.AsteriskState;
import io.switchboard.simulator.state.SimBridge;

/** /bridges. */
final class BridgesResource {
    private BridgesResource() {
    }

    static void register(RouteTable t, Services s) {
        AsteriskState ast = s.state();
        t.add("GET", "bridges", r -> RestResponse.ok(ast.bridges.values().stream().map(SimBridge::toModel).toList()));
        t.add("POST", "bridges", r -> RestResponse.ok(s.bridges().create(r.param("bridgeId"), r.param("type"), r.param("name")).toModel()));
        t.add("POST", "bridges/{bridgeId}", r -> RestResponse.ok(s.bridges().create(r.path("bridgeId"), r.param("type"), r.param("name")).toModel()));
        t.add("GET", "bridges/{bridgeId}", r -> RestResponse.ok(ast.requireBridge(r.path("bridgeId")).toModel()));
        t.add("DELETE", "bridges/{bridgeId}", r -> {
            s.bridges().destroy(r.path("bridgeId"));
            return RestResponse.noContent();
        });
        t.add("POST", "bridges/{bridgeId}/addChannel", r -> {
            s.bridges().addChannels(r.path("bridgeId"), r.param("channel"));
            return RestResponse.noContent();
        });
        t.add("POST", "bridges/{bridgeId}/removeChannel", r -> {
            s.bridges().removeChannels(r.path("bridgeId"), r.param("channel"));
            return RestResponse.noContent();
        });
        t.add("POST", "bridges/{bridgeId}/moh", r -> {
            s.bridges().startMoh(r.path("bridgeId"), r.param("mohClass"));
            return RestResponse.noContent();
        });
        t.add("DELETE", "bridges/{bridgeId}/moh", r -> {
            s.bridges().stopMoh(r.path("bridgeId"));
            return RestResponse.noContent();
        });
        t.add("POST", "bridges/{bridgeId}/play", r -> play(s, r, r.param("playbackId")));
        t.add("POST", "bridges/{bridgeId}/play/{playbackId}", r -> play(s, r, r.path("playbackId")));
        t.add("POST", "bridges/{bridgeId}/record", r -> {
            SimBridge bridge = ast.requireBridge(r.path("bridgeId"));
            return RestResponse.created(s.recordings().record("bridge:" + bridge.id, r.param("name"), r.param("format"),
                    r.integer("maxDurationSeconds"), r.param("ifExists"), r.param("terminateOn")));
        });
    }

    private static RestResponse play(Services s, RestRequest r, String playbackId) {
        SimBridge bridge = s.state().requireBridge(r.path("bridgeId"));
        Integer skip = r.integer("skipms");
        return RestResponse.created(s.playbacks().play("bridge:" + bridge.id, r.param("media"), r.param("lang"),
                playbackId, skip == null ? null : skip.longValue(), false));
    }
}
