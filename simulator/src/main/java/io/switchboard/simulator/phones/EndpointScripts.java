package io.switchboard.simulator.phones;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The SIP endpoints the simulated Asterisk knows (like pjsip.conf) and how each behaves when dialled.
 * Tests script them, e.g. {@code script("PJSIP/agent1", PhoneScript.answerAfter(Duration.ofSeconds(3)))}.
 */
public final class EndpointScripts {
    private final Map<String, PhoneScript> scripts = new LinkedHashMap<>();

    public EndpointScripts(Iterable<String> endpoints) {
        endpoints.forEach(e -> scripts.put(e, PhoneScript.answerAfter(java.time.Duration.ZERO)));
    }

    public void script(String endpoint, PhoneScript script) {
        scripts.put(endpoint, script);
    }

    public Optional<PhoneScript> scriptOf(String endpoint) {
        return Optional.ofNullable(scripts.get(endpoint));
    }

    public boolean exists(String endpoint) {
        return scripts.containsKey(endpoint);
    }

    public Iterable<String> endpoints() {
        return scripts.keySet();
    }
}
