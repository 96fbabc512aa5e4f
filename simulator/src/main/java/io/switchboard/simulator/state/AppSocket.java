package io.switchboard.simulator.state;

/** One events WebSocket as the state thread sees it: frames go out in the order they are sent. */
public interface AppSocket {
    void send(String frame);

    /** Frames handed to this socket so far. */
    long sent();
}
