package io.switchboard.ari.client;

import io.switchboard.ari.events.AriEvent;
import io.switchboard.ari.events.AriMessage;
import io.switchboard.ari.events.Connected;
import io.switchboard.ari.events.Disconnected;
import io.switchboard.ari.events.MalformedFrame;

/**
 * Callbacks for users who do not use Pekko Streams. Called one at a time, in socket order; an exception
 * thrown here is logged and the stream goes on.
 */
@FunctionalInterface
public interface AriEventListener {

    void onEvent(AriEvent event);

    /** A message that is not an event (such as MissingParams). */
    default void onMessage(AriMessage message) {
    }

    /** The socket is up: a good moment to reconcile with GET /channels and /bridges. */
    default void onConnected(Connected connected) {
    }

    /** The socket is down; events raised until the next connect are lost. */
    default void onDisconnected(Disconnected disconnected) {
    }

    default void onMalformedFrame(MalformedFrame frame) {
    }
}
