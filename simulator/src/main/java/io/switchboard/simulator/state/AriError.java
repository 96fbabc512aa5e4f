package io.switchboard.simulator.state;

/** A request Asterisk would refuse: the HTTP status and the {@code message} of its error body. */
public final class AriError extends RuntimeException {
    private final int status;
    private final String field;

    private AriError(int status, String field, String message) {
        super(message, null, false, false);
        this.status = status;
        this.field = field;
    }

    public static AriError of(int status, String message) {
        return new AriError(status, "message", message);
    }

    /** The one error Asterisk words differently: {@code {"error": "..."}}. */
    public static AriError withErrorField(int status, String message) {
        return new AriError(status, "error", message);
    }

    public static AriError badRequest(String message) {
        return of(400, message);
    }

    public static AriError notFound(String message) {
        return of(404, message);
    }

    public static AriError conflict(String message) {
        return of(409, message);
    }

    public static AriError unprocessable(String message) {
        return of(422, message);
    }

    public int status() {
        return status;
    }

    public String field() {
        return field;
    }
}
