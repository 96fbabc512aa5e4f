package io.switchboard.actors.support;

import io.switchboard.actors.time.Timekeeper;
import io.switchboard.simulator.clock.ManualClock;
import io.switchboard.simulator.clock.SimTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.Cancellable;

/**
 * Switchboard's timers on the simulated Asterisk's manual clock, so that one {@code advance} moves both and
 * their timers fire in due-time order. (The test kit's {@code TestTime} does this for users; the actors module's
 * own tests cannot depend on the test kit.)
 */
public final class ManualClockTimekeeper {
    private ManualClockTimekeeper() {
    }

    public static Timekeeper of(ManualClock clock) {
        return Timekeeper.driven(new Timekeeper.TimeSource() {
            @Override
            public Instant now() {
                return clock.now();
            }

            @Override
            public Cancellable schedule(Duration delay, Runnable action) {
                return new Scheduled(clock.scheduleFromAnyThread(delay, action));
            }
        });
    }

    private static final class Scheduled implements Cancellable {
        private final SimTimer timer;
        private final AtomicBoolean cancelled = new AtomicBoolean();

        Scheduled(SimTimer timer) {
            this.timer = timer;
        }

        @Override
        public boolean cancel() {
            if (cancelled.compareAndSet(false, true)) {
                timer.cancel();
                return true;
            }
            return false;
        }

        @Override
        public boolean isCancelled() {
            return cancelled.get();
        }
    }
}
