package io.switchboard.simulator;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * A persistent outbound ARI WebSocket, as Asterisk 22.5+ configures it in {@code websocket_client.conf}
 * ({@code connection_type = persistent}, {@code uri}, {@code protocols = ari}, {@code username},
 * {@code password}, {@code reconnect_interval}) and {@code ari.conf} ({@code type = outbound_websocket},
 * {@code apps}, {@code subscribe_all}). The simulator connects to the application instead of waiting for it.
 *
 * <p>Asterisk takes one {@code uri}; users put a load-balanced service in front of several application nodes
 * (e.g. a Kubernetes Service) so that each reconnection may land on another node. The simulator stands in for
 * that service: it takes a list and tries the next URI on every connection attempt, round-robin.
 *
 * @param id                the connection name (the ari.conf section), used in logs
 * @param uris              where to connect, tried in turn, e.g. {@code ws://127.0.0.1:8091/asterisk/sim}
 * @param apps              the Stasis apps this connection serves; registered at start, before any connection
 * @param username          Basic auth towards the application, null for none
 * @param reconnectInterval the wait after a failed attempt (Asterisk's default is 500 ms), on the simulator's clock
 */
public record OutboundWebSocketConfig(String id, List<URI> uris, List<String> apps, boolean subscribeAll,
                                      String username, String password, Duration reconnectInterval) {
    public static final Duration DEFAULT_RECONNECT_INTERVAL = Duration.ofMillis(500);

    public OutboundWebSocketConfig {
        if (uris == null || uris.isEmpty()) {
            throw new IllegalArgumentException("an outbound WebSocket needs at least one URI");
        }
        if (apps == null || apps.isEmpty()) {
            throw new IllegalArgumentException("an outbound WebSocket needs at least one app");
        }
        uris = List.copyOf(uris);
        apps = List.copyOf(apps);
        reconnectInterval = reconnectInterval == null ? DEFAULT_RECONNECT_INTERVAL : reconnectInterval;
    }

    /** One connection for {@code apps}, no auth, Asterisk's default reconnect interval. */
    public static OutboundWebSocketConfig of(List<URI> uris, List<String> apps) {
        return new OutboundWebSocketConfig("outbound", uris, apps, false, null, null, DEFAULT_RECONNECT_INTERVAL);
    }

    public OutboundWebSocketConfig withCredentials(String newUsername, String newPassword) {
        return new OutboundWebSocketConfig(id, uris, apps, subscribeAll, newUsername, newPassword, reconnectInterval);
    }

    public OutboundWebSocketConfig withReconnectInterval(Duration value) {
        return new OutboundWebSocketConfig(id, uris, apps, subscribeAll, username, password, value);
    }
}
