package io.switchboard.actors.flow;

/** The call ended (hung up, left the application) while an operation was waiting on it. */
public final class CallEndedException extends RuntimeException {
    public CallEndedException(String message) {
        super(message, null, false, false);
    }
}
