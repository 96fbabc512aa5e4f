package io.switchboard.queues.flow;

import io.switchboard.actors.flow.Call;
import io.switchboard.actors.flow.CallFlow;
import io.switchboard.queues.queue.QueueEntity;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * The call back to a caller who kept their place: {@code Stasis(app, switchboard-callback, <queue>, <caller>)}.
 * It stands in for the caller in the queue, which rings the agent it reserved and connects them.
 */
public final class CallbackFlow implements CallFlow {
    private final ActorSystem<?> system;
    private final QueueCallFlow queueFlow;

    /** {@code queueFlow} takes over a called-back caller who is transferred to another queue. */
    public CallbackFlow(ActorSystem<?> system, QueueCallFlow queueFlow) {
        this.system = system;
        this.queueFlow = queueFlow;
    }

    @Override
    public CompletionStage<?> run(Call call) {
        String queueName = call.args().get(1);
        String callerId = call.args().get(2);
        var queue = ClusterSharding.get(system).entityRefFor(QueueEntity.TYPE_KEY, queueName);
        return call.answer()
                .thenCompose(x -> queue.<QueueEntity.EnterResult>ask(
                        replyTo -> new QueueEntity.CallbackAnswered(callerId, call.channelId(), replyTo),
                        Duration.ofMinutes(10)))
                .thenCompose(result -> {
                    if (!(result instanceof QueueEntity.Connected)) {
                        return call.play("sound:vm-goodbye").thenApply(x -> result);
                    }
                    return QueueCallFlow.conversationOver(call, queue, callerId, queueFlow.heartbeat())
                            .thenCompose(over -> over instanceof QueueEntity.TransferredTo to && !call.isEnded()
                                    ? queueFlow.transferredIn(call, to.queue())
                                    : call.ended().thenApply(reason -> result));
                });
    }
}
