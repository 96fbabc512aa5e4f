package io.switchboard.simulator.rest;

import io.switchboard.ari.model.AsteriskInfo;
import io.switchboard.ari.model.AsteriskPing;
import io.switchboard.ari.model.BuildInfo;
import io.switchboard.ari.model.ConfigInfo;
import io.switchboard.ari.model.SetId;
import io.switchboard.ari.model.StatusInfo;
import io.switchboard.ari.model.SystemInfo;
import io.switchboard.ari.model.Variable;
import io.switchboard.simulator.state.AriError;
import io.switchboard.simulator.state.AsteriskState;
import java.util.List;

/** /asterisk: info, ping, global variables. */
final class AsteriskResource {
    static final String VERSION = "22.10.1";

    private AsteriskResource() {
    }

    static void register(RouteTable t, Services s) {
        AsteriskState ast = s.state();
        t.add("GET", "asterisk/info", r -> {
            List<String> only = r.list("only");
            BuildInfo build = new BuildInfo("Linux", "simulated", "OPTIONAL_API", "x86_64", "2026-01-01 00:00:00 UTC", "root");
            SystemInfo system = new SystemInfo(VERSION, ast.asteriskId);
            ConfigInfo config = new ConfigInfo("", "en", null, null, null, new SetId("", ""));
            StatusInfo status = new StatusInfo(ast.startupTime(), ast.startupTime());
            return RestResponse.ok(new AsteriskInfo(
                    only.isEmpty() || only.contains("build") ? build : null,
                    only.isEmpty() || only.contains("system") ? system : null,
                    only.isEmpty() || only.contains("config") ? config : null,
                    only.isEmpty() || only.contains("status") ? status : null));
        });
        t.add("GET", "asterisk/ping", r -> RestResponse.ok(new AsteriskPing(ast.asteriskId, "pong", ast.timestamp())));
        t.add("GET", "asterisk/variable", r -> {
            String name = r.param("variable");
            if (name == null || name.isEmpty()) {
                throw AriError.badRequest("Variable name is required");
            }
            return RestResponse.ok(new Variable(ast.globals.getOrDefault(name, "")));
        });
        t.add("POST", "asterisk/variable", r -> {
            String name = r.param("variable");
            if (name == null || name.isEmpty()) {
                throw AriError.badRequest("Variable name is required");
            }
            String value = r.param("value");
            if (value == null || value.isEmpty()) {
                ast.globals.remove(name);
            } else {
                ast.globals.put(name, value);
            }
            return RestResponse.noContent();
        });
    }
}
