package io.switchboard.platform.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.HttpChallenge;
import org.apache.pekko.http.javadsl.model.headers.WWWAuthenticate;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/** Lets a request through only with {@code Authorization: Bearer <token>}; otherwise 401. */
final class BearerAuth extends AllDirectives {
    private final byte[] token;

    BearerAuth(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    Route authenticated(Supplier<Route> inner) {
        return optionalHeaderValueByName("Authorization", header -> {
            if (matches(header)) {
                return inner.get();
            }
            return respondWithHeader(WWWAuthenticate.create(HttpChallenge.create("Bearer", "switchboard")),
                    () -> complete(ApiDirectives.errorResponse(StatusCodes.UNAUTHORIZED,
                            header.isPresent() ? "Authorization: wrong bearer token"
                                    : "Authorization: a bearer token is required")));
        });
    }

    /** Lets a request through only with {@code ?token=<token>} (for WebSocket upgrades); otherwise 401. */
    Route tokenParameter(Supplier<Route> inner) {
        return parameterOptional("token", given -> {
            if (given.isPresent() && MessageDigest.isEqual(given.get().getBytes(StandardCharsets.UTF_8), token)) {
                return inner.get();
            }
            return complete(ApiDirectives.errorResponse(StatusCodes.UNAUTHORIZED,
                    given.isPresent() ? "token: wrong token" : "token: the query parameter token is required"));
        });
    }

    private boolean matches(Optional<String> header) {
        if (header.isEmpty() || !header.get().regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        byte[] given = header.get().substring(7).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, token);
    }
}
