package io.switchboard.simulator.rest;

import io.switchboard.ari.model.Endpoint;
import io.switchboard.simulator.state.AsteriskState;
import java.util.List;

/** The Endpoint model of a SIP endpoint with its live channels. */
public final class Endpoints {
    private Endpoints() {
    }

    public static Endpoint model(AsteriskState ast, String key) {
        int slash = key.indexOf('/');
        List<String> ids = ast.channels.values().stream().filter(c -> key.equals(c.endpoint) && !c.hungUp)
                .map(c -> c.id).toList();
        return new Endpoint(key.substring(0, slash), key.substring(slash + 1),
                ast.endpointStates.getOrDefault(key, "online"), ids);
    }
}
