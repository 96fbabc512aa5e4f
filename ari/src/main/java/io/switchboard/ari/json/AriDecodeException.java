package io.switchboard.ari.json;

/** Text that should have been an ARI message or model could not be decoded. */
public class AriDecodeException extends RuntimeException {
    public AriDecodeException(String message) {
        super(message);
    }

    public AriDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
