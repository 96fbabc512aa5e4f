package io.switchboard.testkit.time;

import io.switchboard.actors.time.Timekeeper;
import io.switchboard.simulator.SimulatedAsterisk;
import io.switchboard.simulator.clock.ManualClock;
import io.switchboard.simulator.clock.SimClock;
import io.switchboard.simulator.clock.StateExecutor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

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
public final class TestTime implements AutoCloseable {
    private final ManualClock clock;
    private final Timekeeper timekeeper;
    /** The thread that runs due timers when no simulator owns the clock; null otherwise. */
    private final StateExecutor ownThread;

    private TestTime(ManualClock clock, StateExecutor ownThread) {
        this.clock = clock;
        this.ownThread = ownThread;
        this.timekeeper = Timekeeper.driven(clock::now,
                (delay, action) -> clock.scheduleFromAnyThread(delay, action)::cancel);
    }

    /** The time of {@code sim}, which must run on a manual clock. */
    public static TestTime of(SimulatedAsterisk sim) {
        return new TestTime(sim.manualClock(), null);
    }

    /** {@code clock} must be attached to its simulator (or another state thread) already. */
    public static TestTime of(ManualClock clock) {
        return new TestTime(clock, null);
    }

    /**
     * Time for a test without a simulated Asterisk (starting at {@code 2026-01-01T09:00:00Z}); due timers run on
     * a thread of its own, stopped by {@link #close}.
     */
    public static TestTime standalone() {
        return startingAt(Instant.parse("2026-01-01T09:00:00Z"));
    }

    /** {@link #standalone} time starting at {@code start}. */
    public static TestTime startingAt(Instant start) {
        ManualClock clock = SimClock.manual(start);
        StateExecutor thread = new StateExecutor("test-time");
        clock.attach(thread);
        return new TestTime(clock, thread);
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

    /**
     * Moves time {@code step} at a time until {@code done} holds, letting actors and sockets work between steps;
     * fails (naming {@code what}) once {@code max} of this time or 30 s of real time have gone by without it.
     */
    public void advanceUntil(String what, BooleanSupplier done, Duration step, Duration max)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Duration advanced = Duration.ZERO;
        while (!done.getAsBoolean()) {
            if (advanced.compareTo(max) > 0 || System.nanoTime() > deadline) {
                throw new AssertionError("not reached: " + what);
            }
            advance(step);
            advanced = advanced.plus(step);
            Thread.sleep(30);
        }
    }

    public ManualClock simulatorClock() {
        return clock;
    }

    /** Stops the thread of a {@link #standalone} time; a simulator's time stops with its simulator. */
    @Override
    public void close() {
        if (ownThread != null) {
            ownThread.close();
        }
    }
}
