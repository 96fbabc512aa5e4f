package io.switchboard.ari.events;

/**
 * A frame that could not be decoded as an ARI message. It is reported and skipped; the stream goes on.
 *
 * @param frame the frame's text (binary frames are described, not copied)
 * @param error why it could not be decoded
 */
public record MalformedFrame(String frame, String error) implements EventStreamItem {
}
