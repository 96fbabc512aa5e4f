package io.switchboard.ari.client;

import io.switchboard.ari.events.EventStreamItem;

/**
 * Takes the items of an event socket as they arrive: {@code Connected}, the decoded frames in socket order, then
 * {@code Disconnected}, again for each connection. Called from the socket's thread, one item at a time per
 * socket; hand the item on (for instance to an actor) rather than working on it here.
 */
public interface EventReceiver {

    void receive(EventStreamItem item);

    /**
     * How many items this receiver has taken and not yet handled. When it reaches the client's
     * {@code eventBufferSize}, the socket is closed with a {@code Disconnected} saying the consumer is too slow
     * (so that no event is dropped silently) and opened again after the reconnect backoff.
     */
    default int backlog() {
        return 0;
    }
}
