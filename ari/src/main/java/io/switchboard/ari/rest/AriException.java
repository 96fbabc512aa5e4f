package io.switchboard.ari.rest;

/**
 * Why an ARI request failed. Subclasses name the case (for instance {@link NotFound} when a channel has
 * gone); each carries the request and, for HTTP answers, Asterisk's status and {@code message}.
 */
public abstract sealed class AriException extends RuntimeException {
    private final String request;
    private final int status;
    private final String asteriskMessage;

    protected AriException(String request, int status, String asteriskMessage, String summary, Throwable cause) {
        super(request + ": " + summary, cause);
        this.request = request;
        this.status = status;
        this.asteriskMessage = asteriskMessage;
    }

    /** Method and URI of the failed request, e.g. {@code POST /channels/c1/answer}. */
    public String request() {
        return request;
    }

    /** The HTTP status Asterisk answered, or 0 when no answer came. */
    public int status() {
        return status;
    }

    /** Asterisk's own explanation (its {@code message} or {@code error} field), or empty. */
    public String asteriskMessage() {
        return asteriskMessage;
    }

    /** Builds the exception that matches an HTTP error status. */
    public static AriException forStatus(String request, int status, String asteriskMessage) {
        return switch (status) {
            case 400 -> new BadRequest(request, asteriskMessage);
            case 401, 403 -> new Unauthorized(request, status, asteriskMessage);
            case 404 -> new NotFound(request, asteriskMessage);
            case 409 -> new Conflict(request, asteriskMessage);
            case 422 -> new Unprocessable(request, asteriskMessage);
            default -> status >= 500 ? new ServerError(request, status, asteriskMessage)
                    : new UnexpectedStatus(request, status, asteriskMessage);
        };
    }

    private static String summary(int status, String message) {
        return status + (message == null || message.isEmpty() ? "" : " " + message);
    }

    /** 400: a parameter is missing or invalid. */
    public static final class BadRequest extends AriException {
        public BadRequest(String request, String message) {
            super(request, 400, message, summary(400, message), null);
        }
    }

    /** 401/403: wrong or missing ARI credentials. */
    public static final class Unauthorized extends AriException {
        public Unauthorized(String request, int status, String message) {
            super(request, status, message, summary(status, message) + " (check the ARI user and password)", null);
        }
    }

    /** 404: the channel, bridge, playback, recording or route does not exist (any more). */
    public static final class NotFound extends AriException {
        public NotFound(String request, String message) {
            super(request, 404, message, summary(404, message), null);
        }
    }

    /** 409: a conflict, e.g. a duplicate id or a channel not in a Stasis application. */
    public static final class Conflict extends AriException {
        public Conflict(String request, String message) {
            super(request, 409, message, summary(409, message), null);
        }
    }

    /** 422: the request is well formed but cannot apply, e.g. a channel not in Stasis added to a bridge. */
    public static final class Unprocessable extends AriException {
        public Unprocessable(String request, String message) {
            super(request, 422, message, summary(422, message), null);
        }
    }

    /** 5xx: Asterisk failed while handling the request. */
    public static final class ServerError extends AriException {
        public ServerError(String request, int status, String message) {
            super(request, status, message, summary(status, message), null);
        }
    }

    /** Any other non-2xx status. */
    public static final class UnexpectedStatus extends AriException {
        public UnexpectedStatus(String request, int status, String message) {
            super(request, status, message, summary(status, message), null);
        }
    }

    /** No answer within the request timeout. The request may or may not have been carried out. */
    public static final class Timeout extends AriException {
        public Timeout(String request, java.time.Duration after) {
            this(request, "no answer within " + after.toMillis() + " ms");
        }

        /** A timeout reported elsewhere (e.g. by another node), with its own description. */
        public Timeout(String request, String description) {
            super(request, 0, "", description, null);
        }
    }

    /** Asterisk could not be reached (refused, reset, or the event socket carrying the request closed). */
    public static final class ConnectionFailed extends AriException {
        public ConnectionFailed(String request, Throwable cause) {
            super(request, 0, "", "connection failed: " + cause.getMessage(), cause);
        }
    }

    /** Asterisk answered 2xx but the body was not what the spec says. */
    public static final class BadResponse extends AriException {
        public BadResponse(String request, int status, Throwable cause) {
            super(request, status, "", "unreadable answer: " + cause.getMessage(), cause);
        }
    }
}
