package io.switchboard.actors.flow;

import io.switchboard.actors.SwitchboardActors;
import io.switchboard.actors.time.Timekeeper;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

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

    /**
     * Asks {@code target} with {@code first}, then tells it {@code again} with the same reply-to every period until
     * the answer comes (or the call ends): an entity restarted elsewhere meanwhile learns whom to answer.
     */
    public <Req, Res> CompletionStage<Res> askAndRepeat(Call call, EntityRef<Req> target,
                                                        Function<ActorRef<Res>, Req> first,
                                                        Function<ActorRef<Res>, Req> again, Duration timeout) {
        AtomicReference<ActorRef<Res>> askedWith = new AtomicReference<>();
        CompletionStage<Res> answer = target.ask(replyTo -> {
            askedWith.set(replyTo);
            return first.apply(replyTo);
        }, timeout);
        Runnable stop = every(call, () -> target.tell(again.apply(askedWith.get())));
        return answer.whenComplete((result, failure) -> stop.run());
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
