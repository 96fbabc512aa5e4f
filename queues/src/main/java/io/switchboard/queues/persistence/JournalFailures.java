package io.switchboard.queues.persistence;

import java.time.Duration;
import org.apache.pekko.actor.typed.BackoffSupervisorStrategy;
import org.apache.pekko.actor.typed.SupervisorStrategy;

/**
 * How a queue or agent entity rides out a journal that cannot be written or read (a database restarting, a network
 * hiccup): it restarts, after a backoff that grows from half a second to ten, and recovers its state from the
 * journal; commands that arrive meanwhile are stashed for it. Pekko's default would stop the entity instead.
 */
public final class JournalFailures {
    /** Up to 10,000 commands wait for the restart (Pekko's default, 1,000, is a few seconds of a busy queue's). */
    public static final BackoffSupervisorStrategy RESTART_WITH_BACKOFF = SupervisorStrategy.restartWithBackoff(
            Duration.ofMillis(500), Duration.ofSeconds(10), 0.2).withStashCapacity(10_000);

    private JournalFailures() {
    }
}
