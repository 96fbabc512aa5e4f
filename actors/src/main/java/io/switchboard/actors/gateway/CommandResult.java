package io.switchboard.actors.gateway;

import io.switchboard.actors.serialization.CborSerializable;
import io.switchboard.ari.json.AriDecodeException;
import io.switchboard.ari.rest.AriException;
import io.switchboard.ari.rest.ResponseType;
import java.nio.charset.StandardCharsets;

/** The gateway's answer to an {@link AriCommand}. */
public sealed interface CommandResult extends CborSerializable {

    /** Asterisk carried it out; {@code body} is its JSON answer, or null for 204. */
    record Succeeded(String body) implements CommandResult {
        public <T> T decode(ResponseType<T> type) {
            try {
                return type.decode(body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8));
            } catch (AriDecodeException e) {
                throw new AriException.BadResponse("answer", 200, e);
            }
        }
    }

    /**
     * It failed. {@code status} is Asterisk's HTTP status, or 0 when no answer came ({@code kind} then says
     * TIMEOUT or CONNECTION).
     */
    record Failed(String request, Kind kind, int status, String message) implements CommandResult {
        public enum Kind { STATUS, TIMEOUT, CONNECTION, BAD_RESPONSE }

        public static Failed of(String request, Throwable failure) {
            String detail = String.valueOf(failure.getMessage()).replace(request + ": ", "");
            if (failure instanceof AriException.Timeout) {
                return new Failed(request, Kind.TIMEOUT, 0, detail);
            }
            if (failure instanceof AriException.ConnectionFailed) {
                return new Failed(request, Kind.CONNECTION, 0, detail);
            }
            if (failure instanceof AriException.BadResponse) {
                return new Failed(request, Kind.BAD_RESPONSE, 0, detail);
            }
            if (failure instanceof AriException ari) {
                return new Failed(request, Kind.STATUS, ari.status(), ari.asteriskMessage());
            }
            return new Failed(request, Kind.CONNECTION, 0, String.valueOf(failure));
        }

        /** The same failure as the typed exception the ARI client would have thrown. */
        public AriException toException() {
            return switch (kind) {
                case STATUS -> AriException.forStatus(request, status, message);
                case TIMEOUT -> new AriException.Timeout(request, message);
                default -> new AriException.ConnectionFailed(request, new java.io.IOException(message));
            };
        }

        /** True when no answer came, so the command may be sent again. */
        public boolean transportFailure() {
            return kind == Kind.TIMEOUT || kind == Kind.CONNECTION;
        }
    }
}
