package io.switchboard.simulator.clock;

import java.time.Duration;
import java.time.Instant;

/**
 * The time every simulated delay reads: ring times, phone behaviours, playback durations, dial timeouts.
 * Timer actions run on the simulator's state thread.
 */
public interface SimClock {

    Instant now();

    /** Runs {@code action} on the state thread once {@code delay} has passed on this clock. */
    SimTimer schedule(Duration delay, Runnable action);

    /** Hands the clock the serial executor that owns simulator state; called once when the simulator starts. */
    void attach(StateExecutor executor);

    static SimClock realTime() {
        return new RealClock();
    }

    static ManualClock manual() {
        return manual(Instant.parse("2026-01-01T09:00:00Z"));
    }

    static ManualClock manual(Instant start) {
        return new ManualClock(start);
    }
}
