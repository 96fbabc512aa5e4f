package io.switchboard.ari.events;

import java.time.Instant;
import java.util.List;

/**
 * The event socket is open and Asterisk accepted it for these applications.
 *
 * @param url         the WebSocket URL, without credentials
 * @param apps        the applications the socket serves
 * @param connection  1 for the first connection of this stream, then one more per reconnect
 * @param at          when the upgrade was accepted
 */
public record Connected(String url, List<String> apps, int connection, Instant at) implements EventStreamItem {
}
