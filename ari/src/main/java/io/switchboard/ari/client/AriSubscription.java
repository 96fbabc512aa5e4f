package io.switchboard.ari.client;

import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/** A running subscription to an event socket ({@link AriClient#listen}, {@link AriClient#receiveEvents}). */
public final class AriSubscription implements AutoCloseable {
    private final Runnable close;
    private final CompletionStage<Done> done;

    AriSubscription(Runnable close, CompletionStage<Done> done) {
        this.close = close;
        this.done = done;
    }

    /** Completes when the subscription has stopped. */
    public CompletionStage<Done> done() {
        return done;
    }

    /** Closes the socket and stops reconnecting. */
    @Override
    public void close() {
        close.run();
    }
}
