package io.switchboard.queues.flow;

import io.switchboard.actors.bridge.BridgeEntity;
import io.switchboard.actors.channel.Outcome;
import io.switchboard.actors.flow.Call;
import io.switchboard.actors.flow.CallFlow;
import io.switchboard.actors.flow.Gather;
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
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * What a caller's call does in a queue: {@code Stasis(callcenter, <queue>[, priority=N][, skills=a:50+b:20])}.
 * The caller is answered and hears music on hold while the queue looks for an agent; the queue rings the
 * agent, bridges them and watches the conversation. A caller transferred to another queue waits there with
 * that queue's music, its priority and skills kept. The flow ends when the call does, or when the caller
 * leaves a queue without an agent (it then hears a goodbye and is hung up).
 */
public final class QueueCallFlow implements CallFlow {
    private static final Duration LONGEST_STAY = Duration.ofHours(8);

    private final ActorSystem<?> system;
    private final QueuesSettings settings;

    public QueueCallFlow(ActorSystem<?> system, QueuesSettings settings) {
        this.system = system;
        this.settings = settings;
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
        return serve(caller);
    }

    /** A caller's journey: the queue they are in now, its priority and skills, kept across transfers. */
    private record Caller(Call call, String id, int priority, Map<String, Integer> skills,
                          AtomicReference<String> queue) {
    }

    /** Waits in the caller's current queue; after a conversation that ends in a transfer, in the next one. */
    private CompletionStage<QueueEntity.EnterResult> serve(Caller caller) {
        Call call = caller.call();
        String queueName = caller.queue().get();
        QueueConfig config = settings.configOf(queueName);
        EntityRef<QueueEntity.Command> queue = queue(queueName);
        Duration stay = config.maxWait() == null ? LONGEST_STAY : config.maxWait().plusMinutes(10);
        return waitWithMusic(call, queueName, config)
                .thenCompose(x -> queue.<QueueEntity.EnterResult>ask(replyTo -> new QueueEntity.Enter(
                        call.asteriskId(), call.channelId(), caller.priority(), caller.skills(), replyTo), stay))
                .thenCompose(result -> {
                    if (!(result instanceof QueueEntity.Connected)) {
                        return goodbye(call).thenApply(x -> result);
                    }
                    return conversationOver(call, queue, caller.id()).thenCompose(over -> {
                        if (over instanceof QueueEntity.TransferredTo to && !call.isEnded()) {
                            caller.queue().set(to.queue());
                            return serve(caller);
                        }
                        return call.ended().thenApply(reason -> result);
                    });
                });
    }

    /** A transfer to another queue, or the end of the call (also when the queue cannot say). */
    static CompletionStage<QueueEntity.ConversationResult> conversationOver(
            Call call, EntityRef<QueueEntity.Command> queue, String callerId) {
        CompletableFuture<QueueEntity.ConversationResult> over = new CompletableFuture<>();
        call.ended().thenRun(() -> over.complete(new QueueEntity.ConversationOver(callerId)));
        queue.<QueueEntity.ConversationResult>ask(replyTo -> new QueueEntity.AwaitConversation(callerId, replyTo),
                LONGEST_STAY).thenAccept(result -> {
                    if (result instanceof QueueEntity.TransferredTo) {
                        over.complete(result);
                    }
                });
        return over;
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
