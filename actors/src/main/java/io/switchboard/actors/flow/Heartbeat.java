package io.switchboard.queues.flow;

import io.switchboard.actors.SwitchboardActors;
import io.switchboard.actors.flow.Call;
import io.switchboard.actors.time.Timekeeper;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Something a flow repeats every period on the node's time while it waits for its queue (it tells the queue it
 * is still there), until told to stop or the call ends.
 */
final class Heartbeat {
    private final ActorSystem<?> system;
    private final Duration period;

    Heartbeat(ActorSystem<?> system, Duration period) {
        this.system = system;
        this.period = period;
    }

    /** Runs {@code beat} every period from one period on; the answer stops it (so does the call's end). */
    Runnable every(Call call, Runnable beat) {
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
