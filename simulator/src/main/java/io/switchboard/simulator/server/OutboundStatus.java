package io.switchboard.simulator.server;

import java.time.Instant;

/**
 * The outbound WebSocket as {@code GET /sim/outbound} reports it.
 *
 * @param uri       the URI connected to now, else the one tried last (null before the first attempt)
 * @param connects  successful connections so far (the first one included)
 * @param attempts  connection attempts so far, failed ones included
 * @param queued    frames waiting for the next connection
 */
public record OutboundStatus(boolean configured, boolean connected, String uri, int connects, int attempts, int queued,
                             Instant lastConnectedAt, Instant lastDisconnectedAt) {

    public static final OutboundStatus NONE = new OutboundStatus(false, false, null, 0, 0, 0, null, null);
}
