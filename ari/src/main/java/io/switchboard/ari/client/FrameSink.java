package io.switchboard.ari.client;

/** Where the text frames of one open event socket go: false when the socket cannot take the frame. */
@FunctionalInterface
interface FrameSink {
    boolean send(String frame);
}
