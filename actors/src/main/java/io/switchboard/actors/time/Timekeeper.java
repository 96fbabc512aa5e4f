package io.switchboard.actors.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;

/**
 * The one clock and scheduler behind every time-driven behaviour of Switchboard: queue ticks, ring timeouts,
 * wrap-up, announcements, gather timeouts, reattach grace, window turns. A node runs on the system clock and
 * Pekko's scheduler ({@link #system}); a test hands in time that moves only when it says so
 * ({@link #driven}, or the test kit's {@code TestTime}), so that it moves time and then asserts.
 */
public interface Timekeeper {

    /** The clock every timestamp is read from. */
    Clock clock();

    default Instant now() {
        return clock().instant();
    }

    /** Like {@code Behaviors.withTimers}: the behaviour's timers run on this timekeeper's time. */
    <T> Behavior<T> withTimers(Function<Timers<T>, Behavior<T>> factory);

    /** Runs {@code action} once {@code delay} has passed on this timekeeper's time (outside any actor). */
    Cancellable scheduleOnce(Duration delay, Runnable action);

    /** Wall-clock time and Pekko's own timers. */
    static Timekeeper system(ActorSystem<?> system) {
        return new SystemTimekeeper(Clock.systemUTC(), system);
    }

    /** {@code clock} for timestamps, Pekko's own timers for delays: only for a test that needs no timer to move. */
    static Timekeeper system(ActorSystem<?> system, Clock clock) {
        return new SystemTimekeeper(clock, system);
    }

    /** Time that an outside source moves: every timer is handed to {@code source} and fires when it says so. */
    static Timekeeper driven(TimeSource source) {
        return new DrivenTimekeeper(source);
    }

    /** {@link #driven} by a clock's {@code now} and its {@code schedule}, which returns what cancels a timer. */
    static Timekeeper driven(Supplier<Instant> now, BiFunction<Duration, Runnable, Runnable> schedule) {
        return new DrivenTimekeeper(new TimeSource() {
            @Override
            public Instant now() {
                return now.get();
            }

            @Override
            public Runnable schedule(Duration delay, Runnable action) {
                return schedule.apply(delay, action);
            }
        });
    }

    /** What a {@link #driven} timekeeper needs of the time that drives it. */
    interface TimeSource {
        Instant now();

        /** Runs {@code action} (on any thread) once {@code delay} has passed on this source's time; returns its cancel. */
        Runnable schedule(Duration delay, Runnable action);
    }
}
