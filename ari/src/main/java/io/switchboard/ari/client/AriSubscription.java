package io.switchboard.ari.client;

import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.stream.UniqueKillSwitch;

/** A running {@link AriClient#listen} loop. */
public final class AriSubscription implements AutoCloseable {
    private final UniqueKillSwitch killSwitch;
    private final CompletionStage<Done> done;

    AriSubscription(UniqueKillSwitch killSwitch, CompletionStage<Done> done) {
        this.killSwitch = killSwitch;
        this.done = done;
    }

    /** Completes when the loop has stopped. */
    public CompletionStage<Done> done() {
        return done;
    }

    /** Closes the socket and stops the loop. */
    @Override
    public void close() {
        killSwitch.shutdown();
    }
}
