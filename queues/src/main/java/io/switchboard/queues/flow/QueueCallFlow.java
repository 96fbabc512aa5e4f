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
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * What a caller's call does in a queue: {@code Stasis(callcenter, <queue>[, priority=N][, skills=a:50+b:20])}.
 * The caller is answered and hears music on hold while the queue looks for an agent; the queue rings the
 * agent, bridges them and watches the conversation. The flow ends when the call does, or when the caller
 * leaves the queue without an agent (it then hears a goodbye and is hung up).
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
        String queueName = call.args().get(0);
        QueueConfig config = settings.configOf(queueName);
        Map<String, String> options = options(call);
        int priority = Integer.parseInt(options.getOrDefault("priority", "0"));
        Map<String, Integer> skills = skills(options.getOrDefault("skills", ""));
        EntityRef<QueueEntity.Command> queue = ClusterSharding.get(system).entityRefFor(QueueEntity.TYPE_KEY,
                queueName);
        String callerId = EntityIds.of(call.asteriskId(), call.channelId());
        call.ended().thenRun(() -> queue.tell(new QueueEntity.Abandon(callerId)));
        AtomicBoolean typingNumber = new AtomicBoolean();
        if (config.exitKey() != null || config.callback().key() != null) {
            call.onDtmf(digit -> {
                if (typingNumber.get()) {
                    return;
                }
                queue.tell(new QueueEntity.KeyPressed(callerId, digit));
                if (digit.equals(config.callback().key()) && typingNumber.compareAndSet(false, true)) {
                    askForNumber(call, queue, callerId, digit);
                }
            });
        }
        Duration stay = config.maxWait() == null ? LONGEST_STAY : config.maxWait().plusMinutes(10);
        return call.answer()
                .thenCompose(x -> waitWithMusic(call, queueName, config))
                .thenCompose(x -> queue.<QueueEntity.EnterResult>ask(replyTo -> new QueueEntity.Enter(
                        call.asteriskId(), call.channelId(), priority, skills, replyTo), stay))
                .thenCompose(result -> result instanceof QueueEntity.Connected
                        ? call.ended().thenApply(reason -> result)
                        : goodbye(call).thenApply(x -> result));
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
