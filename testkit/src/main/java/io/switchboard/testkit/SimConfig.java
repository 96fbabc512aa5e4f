package io.switchboard.testkit;

import io.switchboard.testkit.clock.SimClock;
import io.switchboard.testkit.playback.MediaDurations;
import java.util.List;

/**
 * How to start a simulated Asterisk.
 *
 * @param port      0 picks a free port
 * @param endpoints the PJSIP endpoints that exist, e.g. {@code PJSIP/agent1}
 */
public record SimConfig(String host, int port, String user, String password, SimClock clock, String asteriskId,
                        List<String> endpoints, MediaDurations sounds) {

    public static SimConfig defaults() {
        return new SimConfig("127.0.0.1", 0, "asterisk", "asterisk", SimClock.realTime(), "02:fc:00:00:00:01",
                List.of("PJSIP/agent1", "PJSIP/agent2", "PJSIP/agent3", "PJSIP/caller"), MediaDurations.defaults());
    }

    public SimConfig withPort(int value) {
        return new SimConfig(host, value, user, password, clock, asteriskId, endpoints, sounds);
    }

    public SimConfig withCredentials(String newUser, String newPassword) {
        return new SimConfig(host, port, newUser, newPassword, clock, asteriskId, endpoints, sounds);
    }

    public SimConfig withClock(SimClock value) {
        return new SimConfig(host, port, user, password, value, asteriskId, endpoints, sounds);
    }

    public SimConfig withEndpoints(List<String> value) {
        return new SimConfig(host, port, user, password, clock, asteriskId, value, sounds);
    }

    public SimConfig withSounds(MediaDurations value) {
        return new SimConfig(host, port, user, password, clock, asteriskId, endpoints, value);
    }
}
