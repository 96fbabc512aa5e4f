package io.switchboard.testkit.time;

import io.switchboard.actors.time.Timekeeper;
import io.switchboard.simulator.SimulatedAsterisk;
import io.switchboard.simulator.clock.ManualClock;
import io.switchboard.simulator.clock.SimClock;
import io.switchboard.simulator.clock.SimTimer;
import io.switchboard.simulator.clock.StateExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.actor.Cancellable;

/**
 * One test's time: the simulated Asterisk's manual clock, also driving Switchboard's clock and timers (queue
 * ticks, ring timeouts, wrap-up, gather timeouts...). Nothing moves until the test calls {@link #advance}; then
 * the simulator's and Switchboard's timers fire in due-time order.
 *
 * <pre>{@code
 * SimulatedAsterisk sim = SimulatedAsterisk.start(SimConfig.defaults().withClock(SimClock.manual()));
 * TestTime time = TestTime.of(sim);
 * SwitchboardQueues.get(system).start(time.timekeeper());
 * ...
 * time.advance(Duration.ofSeconds(30));   // then assert what 30 s changed
 * }</pre>
 */
public final class TestTime {
    private final ManualClock clock;
    private final Timekeeper timekeeper;

    private TestTime(ManualClock clock) {
        this.clock = clock;
        this.timekeeper = Timekeeper.driven(new Timekeeper.TimeSource() {
            @Override
            public Instant now() {
                return clock.now();
            }

            @Override
            public Cancellable schedule(Duration delay, Runnable action) {
                return new TimerHandle(clock.scheduleFromAnyThread(delay, action));
            }
        });
    }

    /** The time of {@code sim}, which must run on a manual clock. */
    public static TestTime of(SimulatedAsterisk sim) {
        return new TestTime(sim.manualClock());
    }

    public static TestTime of(ManualClock clock) {
        return new TestTime(clock);
    }

    /** Time of its own, starting at {@code start}, for a test with no simulated Asterisk. */
    public static TestTime startingAt(Instant start) {
        ManualClock clock = SimClock.manual(start);
        clock.attach(new StateExecutor("test-time"));
        return new TestTime(clock);
    }

    /** What Switchboard's actors read time from and schedule on. */
    public Timekeeper timekeeper() {
        return timekeeper;
    }

    /** The same time as a {@link Clock}. */
    public Clock clock() {
        return timekeeper.clock();
    }

    public Instant now() {
        return clock.now();
    }

    /** Moves time forward, firing every timer (the simulator's and Switchboard's) that falls due on the way. */
    public void advance(Duration amount) {
        clock.advance(amount);
    }

    public ManualClock simulatorClock() {
        return clock;
    }

    private static final class TimerHandle implements Cancellable {
        private final SimTimer timer;
        private final AtomicBoolean cancelled = new AtomicBoolean();

        TimerHandle(SimTimer timer) {
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
