package io.switchboard.actors.flow;

import io.switchboard.actors.SwitchboardActors;
import io.switchboard.actors.time.Timekeeper;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Something a flow repeats every period on the node's time while it waits for a sharded entity (a queue, a
 * conference room) to answer: it tells the entity it is still there, so that one restarted elsewhere meanwhile
 * learns whom to answer. It runs until told to stop or the call ends.
 */
public final class Heartbeat {
    private final ActorSystem<?> system;
    private final Duration period;

    public Heartbeat(ActorSystem<?> system, Duration period) {
        this.system = system;
        this.period = period;
    }

    /** Runs {@code beat} every period from one period on; the answer stops it (so does the call's end). */
    public Runnable every(Call call, Runnable beat) {
        Timekeeper time = SwitchboardActors.get(system).timekeeper();
        Timekeeper timekeeper = time != null ? time : Timekeeper.system(system);
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicReference<Cancellable> next = new AtomicReference<>();
        Runnable stop = () -> {
            stopped.set(true);
            Cancellable pending = next.get();
            if (pending != null) {
                pending.cancel();
            }
        };
        new Object() {
            void schedule() {
                next.set(timekeeper.scheduleOnce(period, () -> {
                    if (stopped.get() || call.isEnded()) {
                        return;
                    }
                    beat.run();
                    schedule();
                }));
            }
        }.schedule();
        call.ended().thenRun(stop);
        return stop;
    }
}
