package io.switchboard.ari.events;

import java.time.Instant;
import java.util.Optional;

/**
 * The event socket closed. Events raised by Asterisk from now until the next {@link Connected} are lost.
 *
 * @param connection the connection that ended (as numbered by {@link Connected#connection()})
 * @param reason     a one-line explanation: closed by the server, a network error, or a consumer too slow
 * @param cause      the failure, when the socket did not close normally
 * @param at         when the stream noticed
 */
public record Disconnected(int connection, String reason, Optional<Throwable> cause, Instant at)
        implements EventStreamItem {
}
