package io.switchboard.ari.events;

/**
 * What an ARI event stream emits: decoded messages from Asterisk, plus the stream's own signals.
 *
 * <p>{@link Connected} and {@link Disconnected} bracket every WebSocket connection. Asterisk discards an
 * application's events while its socket is down, so a {@code Connected} after a {@code Disconnected} is the
 * moment to reconcile state with {@code GET /channels} and {@code GET /bridges}.
 */
public sealed interface EventStreamItem permits AriMessage, Connected, Disconnected, MalformedFrame {
}
