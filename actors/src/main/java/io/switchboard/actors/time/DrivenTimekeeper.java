package io.switchboard.actors.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BehaviorInterceptor;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.Signal;
import org.apache.pekko.actor.typed.TypedActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Time moved by a {@link Timekeeper.TimeSource}: a due timer tells its actor the message from the source's
 * thread. A timer restarted under the same key before it fires replaces the earlier one, as Pekko's do.
 */
final class DrivenTimekeeper implements Timekeeper {
    private final Timekeeper.TimeSource source;
    private final Clock clock;

    DrivenTimekeeper(Timekeeper.TimeSource source) {
        this.source = source;
        this.clock = new SourceClock(source);
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Cancellable scheduleOnce(Duration delay, Runnable action) {
        AtomicBoolean cancelled = new AtomicBoolean();
        Runnable cancel = source.schedule(delay, action);
        return new Cancellable() {
            @Override
            public boolean cancel() {
                if (cancelled.compareAndSet(false, true)) {
                    cancel.run();
                    return true;
                }
                return false;
            }

            @Override
            public boolean isCancelled() {
                return cancelled.get();
            }
        };
    }

    @Override
    public <T> Behavior<T> withTimers(Function<Timers<T>, Behavior<T>> factory) {
        return Behaviors.setup(context -> {
            DrivenTimers<T> timers = new DrivenTimers<>(source, context.getSelf());
            return Behaviors.intercept(() -> new CancelOnStop<>(timers), factory.apply(timers));
        });
    }

    private static final class CancelOnStop<T> extends BehaviorInterceptor<T, T> {
        private final DrivenTimers<T> timers;

        @SuppressWarnings("unchecked")
        CancelOnStop(DrivenTimers<T> timers) {
            super((Class<T>) (Class<?>) Object.class);
            this.timers = timers;
        }

        @Override
        public Behavior<T> aroundReceive(TypedActorContext<T> ctx, T msg, ReceiveTarget<T> target) {
            return target.apply(ctx, msg);
        }

        @Override
        public Behavior<T> aroundSignal(TypedActorContext<T> ctx, Signal signal, SignalTarget<T> target) {
            // as Pekko's timers: a restarted behaviour starts with none of its predecessor's timers
            if (signal instanceof PostStop || signal instanceof PreRestart) {
                timers.cancelAll();
            }
            return target.apply(ctx, signal);
        }
    }

    /**
     * Keyed timers whose state is touched by the actor and by the source's thread when one fires. Each start
     * gets a fresh token, so a timer that fires after it was replaced or cancelled tells nothing.
     */
    private static final class DrivenTimers<T> implements Timers<T> {
        private final Timekeeper.TimeSource source;
        private final ActorRef<T> self;
        private final Map<Object, Running> running = new HashMap<>();

        private static final class Running {
            volatile Runnable cancelScheduled;
        }

        DrivenTimers(Timekeeper.TimeSource source, ActorRef<T> self) {
            this.source = source;
            this.self = self;
        }

        @Override
        public synchronized void startSingleTimer(Object key, T message, Duration delay) {
            cancel(key);
            start(key, message, delay, false);
        }

        @Override
        public synchronized void startTimerWithFixedDelay(Object key, T message, Duration delay) {
            cancel(key);
            start(key, message, delay, true);
        }

        private synchronized void start(Object key, T message, Duration delay, boolean repeat) {
            Running token = new Running();
            running.put(key, token);
            token.cancelScheduled = source.schedule(delay, () -> fire(key, token, message, delay, repeat));
        }

        private synchronized void fire(Object key, Running token, T message, Duration delay, boolean repeat) {
            if (running.get(key) != token) {
                return;
            }
            running.remove(key);
            self.tell(message);
            if (repeat) {
                start(key, message, delay, true);
            }
        }

        @Override
        public synchronized boolean isTimerActive(Object key) {
            return running.containsKey(key);
        }

        @Override
        public synchronized void cancel(Object key) {
            Running previous = running.remove(key);
            if (previous != null && previous.cancelScheduled != null) {
                previous.cancelScheduled.run();
            }
        }

        @Override
        public synchronized void cancelAll() {
            running.values().forEach(r -> {
                if (r.cancelScheduled != null) {
                    r.cancelScheduled.run();
                }
            });
            running.clear();
        }
    }

    private static final class SourceClock extends Clock {
        private final Timekeeper.TimeSource source;

        SourceClock(Timekeeper.TimeSource source) {
            this.source = source;
        }

        @Override
        public Instant instant() {
            return source.now();
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
