package io.switchboard.queues.flow;

import io.switchboard.actors.bridge.BridgeEntity;
import io.switchboard.actors.channel.Outcome;
import io.switchboard.actors.flow.Call;
import io.switchboard.actors.flow.CallFlow;
import io.switchboard.actors.flow.Gather;
import io.switchboard.actors.flow.Heartbeat;
import io.switchboard.actors.gateway.EntityIds;
import io.switchboard.queues.queue.QueueConfig;
import io.switchboard.queues.queue.QueueEntity;
import io.switchboard.queues.settings.QueuesSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * What a caller's call does in a queue: {@code Stasis(callcenter, <queue>[, priority=N][, skills=a:50+b:20])}.
 * The caller is answered and hears music on hold while the queue looks for an agent; the queue rings the
 * agent, bridges them and watches the conversation. A caller transferred to another queue waits there with
 * that queue's music, its priority and skills kept. The flow ends when the call does, or when the caller
 * leaves a queue without an agent (it then hears a goodbye and is hung up). Run again after its node was lost
 * ({@link Call#resumed()}), it picks the caller up where the queue has them.
 */
public final class QueueCallFlow implements CallFlow {
    private static final Duration LONGEST_STAY = Duration.ofHours(8);
    private static final Duration LOCATE_TIMEOUT = Duration.ofSeconds(20);

    private final ActorSystem<?> system;
    private final QueuesSettings settings;
    private final Heartbeat heartbeat;

    public QueueCallFlow(ActorSystem<?> system, QueuesSettings settings) {
        this.system = system;
        this.settings = settings;
        this.heartbeat = new Heartbeat(system, settings.callerHeartbeat());
    }

    @Override
    public CompletionStage<?> run(Call call) {
        if (call.args().isEmpty()) {
            return call.answer().thenCompose(x -> call.play("sound:an-error-has-occurred"));
        }
        Map<String, String> options = options(call);
        Caller caller = new Caller(call, EntityIds.of(call.asteriskId(), call.channelId()),
                Integer.parseInt(options.getOrDefault("priority", "0")), skills(options.getOrDefault("skills", "")),
                new AtomicReference<>(call.args().get(0)));
        return call.answer().thenCompose(x -> journey(caller));
    }

    /**
     * An answered call that was talking to an agent elsewhere (a caller called back) and is transferred to
     * {@code queueName}: from here on it is a caller of that queue like any other.
     */
    CompletionStage<QueueEntity.EnterResult> transferredIn(Call call, String queueName) {
        return journey(new Caller(call, EntityIds.of(call.asteriskId(), call.channelId()), 0, Map.of(),
                new AtomicReference<>(queueName)));
    }

    private CompletionStage<QueueEntity.EnterResult> journey(Caller caller) {
        Call call = caller.call();
        // the queue the caller waits in hears of the digits; of the hang-up it hears from the channel entity
        AtomicBoolean typingNumber = new AtomicBoolean();
        call.onDtmf(digit -> {
            String queueName = caller.queue().get();
            QueueConfig config = settings.configOf(queueName);
            if (typingNumber.get() || (config.exitKey() == null && config.callback().key() == null)) {
                return;
            }
            queue(queueName).tell(new QueueEntity.KeyPressed(caller.id(), digit));
            if (digit.equals(config.callback().key()) && typingNumber.compareAndSet(false, true)) {
                askForNumber(call, queue(queueName), caller.id(), digit);
            }
        });
        return call.resumed() ? resume(caller) : serve(caller);
    }

    /** A caller's journey: the queue they are in now, its priority and skills, kept across transfers. */
    private record Caller(Call call, String id, int priority, Map<String, Integer> skills,
                          AtomicReference<String> queue) {
    }

    /** Waits in the caller's current queue; after a conversation that ends in a transfer, in the next one. */
    private CompletionStage<QueueEntity.EnterResult> serve(Caller caller) {
        String queueName = caller.queue().get();
        QueueConfig config = settings.configOf(queueName);
        return waitWithMusic(caller.call(), queueName, config).thenCompose(x -> waitIn(caller));
    }

    /**
     * A flow run again after its node was lost (the call was adopted): the caller may be talking to an agent,
     * or waiting in the queue's room already. Neither is moved nor enters again; a caller the queue does not
     * know takes the usual way.
     */
    private CompletionStage<QueueEntity.EnterResult> resume(Caller caller) {
        EntityRef<QueueEntity.Command> queue = queue(caller.queue().get());
        return locate(caller, queue).thenCompose(where -> {
            if (where instanceof QueueEntity.TalkingHere talking) {
                return talk(caller, queue, talking.connected());
            }
            if (where instanceof QueueEntity.WaitingHere) {
                return waitIn(caller);
            }
            return serve(caller);
        });
    }

    /** Where the caller is in the queue; asked again while the queue does not answer (it may be restarting). */
    private CompletionStage<QueueEntity.Location> locate(Caller caller, EntityRef<QueueEntity.Command> queue) {
        return queue.<QueueEntity.Location>ask(replyTo -> new QueueEntity.Locate(caller.id(), replyTo), LOCATE_TIMEOUT)
                .handle((where, failure) -> where != null || caller.call().isEnded()
                        ? CompletableFuture.completedFuture(where != null ? where
                                : (QueueEntity.Location) new QueueEntity.NotHere(caller.id()))
                        : locate(caller, queue))
                .thenCompose(next -> next);
    }

    /** In the room already: enters the queue and waits for an agent, or for the wait to end otherwise. */
    private CompletionStage<QueueEntity.EnterResult> waitIn(Caller caller) {
        Call call = caller.call();
        EntityRef<QueueEntity.Command> queue = queue(caller.queue().get());
        QueueConfig config = settings.configOf(caller.queue().get());
        Duration stay = config.maxWait() == null ? LONGEST_STAY : config.maxWait().plusMinutes(10);
        return enter(caller, queue, stay).thenCompose(result -> {
            if (!(result instanceof QueueEntity.Connected)) {
                return goodbye(call).thenApply(x -> result);
            }
            return talk(caller, queue, result);
        });
    }

    /**
     * Enters the queue and waits for the outcome. While waiting it tells the queue every caller heartbeat that it
     * still waits, with the Enter's {@code replyTo}: a queue restarted elsewhere meanwhile takes the caller back,
     * and one that lost the Enter answers NotWaiting, on which the caller enters again. Whatever the queue answers
     * first is the outcome: a caller connected or gone meanwhile is told so, not NotWaiting.
     */
    private CompletionStage<QueueEntity.EnterResult> enter(Caller caller, EntityRef<QueueEntity.Command> queue,
                                                         Duration stay) {
        Call call = caller.call();
        return heartbeat.<QueueEntity.Command, QueueEntity.EnterResult>askAndRepeat(call, queue,
                replyTo -> new QueueEntity.Enter(call.asteriskId(), call.channelId(), caller.priority(),
                        caller.skills(), replyTo),
                replyTo -> new QueueEntity.StillWaiting(caller.id(), replyTo), stay).thenCompose(result ->
                result instanceof QueueEntity.NotWaiting && !call.isEnded() ? enter(caller, queue, stay)
                        : CompletableFuture.completedFuture(result));
    }

    /** Talking to an agent: until the call ends, or on in the queue the caller is transferred to. */
    private CompletionStage<QueueEntity.EnterResult> talk(Caller caller, EntityRef<QueueEntity.Command> queue,
                                                        QueueEntity.EnterResult connected) {
        Call call = caller.call();
        return conversationOver(call, queue, caller.id(), heartbeat).thenCompose(over -> {
            if (over instanceof QueueEntity.TransferredTo to && !call.isEnded()) {
                caller.queue().set(to.queue());
                return serve(caller);
            }
            return call.ended().thenApply(reason -> connected);
        });
    }

    /**
     * A transfer to another queue, or the end of the call (also when the queue cannot say). The question is asked
     * again every heartbeat with the same {@code replyTo}, so that a queue restarted meanwhile knows whom to tell.
     */
    static CompletionStage<QueueEntity.ConversationResult> conversationOver(
            Call call, EntityRef<QueueEntity.Command> queue, String callerId, Heartbeat heartbeat) {
        CompletableFuture<QueueEntity.ConversationResult> over = new CompletableFuture<>();
        call.ended().thenRun(() -> over.complete(new QueueEntity.ConversationOver(callerId)));
        Function<ActorRef<QueueEntity.ConversationResult>, QueueEntity.Command> await =
                replyTo -> new QueueEntity.AwaitConversation(callerId, replyTo);
        heartbeat.askAndRepeat(call, queue, await, await, LONGEST_STAY).thenAccept(result -> {
            if (result instanceof QueueEntity.TransferredTo) {
                over.complete(result);
            }
        });
        return over;
    }

    Heartbeat heartbeat() {
        return heartbeat;
    }

    private EntityRef<QueueEntity.Command> queue(String name) {
        return ClusterSharding.get(system).entityRefFor(QueueEntity.TYPE_KEY, name);
    }

    /** In the queue's holding bridge (its music plays to everyone waiting), or with music on the caller's channel. */
    private CompletionStage<?> waitWithMusic(Call call, String queueName, QueueConfig config) {
        if (!config.waitsInBridge()) {
            return call.startMusicOnHold(config.musicClass());
        }
        var room = ClusterSharding.get(system).entityRefFor(BridgeEntity.TYPE_KEY,
                EntityIds.of(call.asteriskId(), "queue-" + queueName));
        // a caller resumed after a failover may already be in the room: waiting matters more than the music
        return room.<Outcome>ask(replyTo -> new BridgeEntity.Hold(call.channelId(), config.musicClass(), replyTo),
                Duration.ofSeconds(30)).exceptionally(failure -> null);
    }

    /** "Keep my place": the caller types the number to call back, then hangs up (or is hung up). */
    private static void askForNumber(Call call, EntityRef<QueueEntity.Command> queue, String callerId,
                                     String callbackKey) {
        call.stopMusicOnHold().exceptionally(e -> null)
                .thenCompose(x -> call.play("sound:queue-callback-number"))
                .thenCompose(x -> call.gather(Gather.digits(20).terminator("#")
                        .timeouts(Duration.ofSeconds(10), Duration.ofSeconds(5))))
                // the callback key itself waits in the call's type-ahead digits: it is not part of the number
                .whenComplete((number, failure) -> queue.tell(new QueueEntity.RequestCallback(callerId,
                        failure == null ? number.replaceFirst("^" + java.util.regex.Pattern.quote(callbackKey), "")
                                : "")));
    }

    private static CompletionStage<Void> goodbye(Call call) {
        if (call.isEnded()) {
            return CompletableFuture.completedFuture(null);
        }
        return call.stopMusicOnHold().exceptionally(e -> null)
                .thenCompose(x -> call.play("sound:vm-goodbye"))
                .thenApply(x -> null);
    }

    private static Map<String, String> options(Call call) {
        Map<String, String> out = new HashMap<>();
        for (String arg : call.args().subList(1, call.args().size())) {
            int eq = arg.indexOf('=');
            if (eq > 0) {
                out.put(arg.substring(0, eq).trim(), arg.substring(eq + 1).trim());
            }
        }
        return out;
    }

    /** {@code billing:50+english:20} → {billing=50, english=20}. */
    static Map<String, Integer> skills(String spec) {
        Map<String, Integer> out = new HashMap<>();
        for (String part : spec.split("\\+")) {
            if (part.isBlank()) {
                continue;
            }
            String[] kv = part.split(":");
            out.put(kv[0].trim(), kv.length > 1 ? Integer.parseInt(kv[1].trim()) : 1);
        }
        return out;
    }
}
