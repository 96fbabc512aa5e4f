package io.switchboard.simulator;

import io.switchboard.simulator.clock.SimClock;
import io.switchboard.simulator.playback.MediaDurations;
import java.util.List;

/**
 * How to start a simulated Asterisk.
 *
 * @param port      0 picks a free port
 * @param endpoints the PJSIP endpoints that exist, e.g. {@code PJSIP/agent1}
 * @param checkSpec validate every event sent against the ARI spec; {@link SimulatedAsterisk#close()} then
 *                  fails on any violation. Defaults to the system property {@code switchboard.sim.check-spec}.
 * @param outbound  a persistent outbound ARI WebSocket to the application, null for none (the default)
 */
public record SimConfig(String host, int port, String user, String password, SimClock clock, String asteriskId,
                        List<String> endpoints, MediaDurations sounds, boolean checkSpec,
                        OutboundWebSocketConfig outbound) {

    public static SimConfig defaults() {
        return new SimConfig("127.0.0.1", 0, "asterisk", "asterisk", SimClock.realTime(), "02:fc:00:00:00:01",
                List.of("PJSIP/agent1", "PJSIP/agent2", "PJSIP/agent3", "PJSIP/caller"), MediaDurations.defaults(),
                Boolean.getBoolean("switchboard.sim.check-spec"), null);
    }

    public SimConfig withSpecCheck(boolean value) {
        return new SimConfig(host, port, user, password, clock, asteriskId, endpoints, sounds, value, outbound);
    }

    public SimConfig withPort(int value) {
        return new SimConfig(host, value, user, password, clock, asteriskId, endpoints, sounds, checkSpec, outbound);
    }

    public SimConfig withCredentials(String newUser, String newPassword) {
        return new SimConfig(host, port, newUser, newPassword, clock, asteriskId, endpoints, sounds, checkSpec, outbound);
    }

    public SimConfig withClock(SimClock value) {
        return new SimConfig(host, port, user, password, value, asteriskId, endpoints, sounds, checkSpec, outbound);
    }

    public SimConfig withEndpoints(List<String> value) {
        return new SimConfig(host, port, user, password, clock, asteriskId, value, sounds, checkSpec, outbound);
    }

    public SimConfig withSounds(MediaDurations value) {
        return new SimConfig(host, port, user, password, clock, asteriskId, endpoints, value, checkSpec, outbound);
    }

    public SimConfig withOutboundWebSocket(OutboundWebSocketConfig value) {
        return new SimConfig(host, port, user, password, clock, asteriskId, endpoints, sounds, checkSpec, value);
    }
}
