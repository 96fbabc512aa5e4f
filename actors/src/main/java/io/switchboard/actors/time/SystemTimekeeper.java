package io.switchboard.actors.time;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/** A node's time: {@code clock} for timestamps and Pekko's timers and scheduler for delays. */
final class SystemTimekeeper implements Timekeeper {
    private final Clock clock;
    private final ActorSystem<?> system;

    SystemTimekeeper(Clock clock, ActorSystem<?> system) {
        this.clock = clock;
        this.system = system;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public <T> Behavior<T> withTimers(Function<Timers<T>, Behavior<T>> factory) {
        return Behaviors.withTimers(timers -> factory.apply(new PekkoTimers<>(timers)));
    }

    @Override
    public Cancellable scheduleOnce(Duration delay, Runnable action) {
        return system.scheduler().scheduleOnce(delay, action, system.executionContext());
    }

    private record PekkoTimers<T>(TimerScheduler<T> timers) implements Timers<T> {
        @Override
        public void startSingleTimer(Object key, T message, Duration delay) {
            timers.startSingleTimer(key, message, delay);
        }

        @Override
        public void startTimerWithFixedDelay(Object key, T message, Duration delay) {
            timers.startTimerWithFixedDelay(key, message, delay);
        }

        @Override
        public boolean isTimerActive(Object key) {
            return timers.isTimerActive(key);
        }

        @Override
        public void cancel(Object key) {
            timers.cancel(key);
        }

        @Override
        public void cancelAll() {
            timers.cancelAll();
        }
    }
}
