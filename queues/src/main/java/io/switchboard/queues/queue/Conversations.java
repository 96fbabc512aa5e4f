package io.switchboard.queues.queue;

import io.switchboard.actors.channel.ChannelAction;
import io.switchboard.actors.channel.ChannelEntity;
import io.switchboard.actors.channel.Outcome;
import io.switchboard.actors.gateway.EntityIds;
import io.switchboard.queues.agent.AgentEntity;
import io.switchboard.queues.queue.QueueEntity.AwaitConversation;
import io.switchboard.queues.queue.QueueEntity.BridgeAnswered;
import io.switchboard.queues.queue.QueueEntity.CallerConnected;
import io.switchboard.queues.queue.QueueEntity.CallerTransferred;
import io.switchboard.queues.queue.QueueEntity.Connected;
import io.switchboard.queues.queue.QueueEntity.ConversationEnded;
import io.switchboard.queues.queue.QueueEntity.ConversationOver;
import io.switchboard.queues.queue.QueueEntity.ConversationResult;
import io.switchboard.queues.queue.QueueEntity.Event;
import io.switchboard.queues.queue.QueueEntity.PartyLeft;
import io.switchboard.queues.queue.QueueEntity.TransferCaller;
import io.switchboard.queues.queue.QueueEntity.TransferRefused;
import io.switchboard.queues.queue.QueueEntity.Transferred;
import io.switchboard.queues.queue.QueueEntity.TransferredTo;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.typed.javadsl.Effect;

/**
 * The conversations of a queue's callers with its agents, from the bridge's answer (the caller is connected)
 * until one side hangs up (the other side is hung up, or the caller goes on in the dialplan, and the agent
 * wraps up) or the caller is transferred to another queue. A caller's flow learns how its conversation ended.
 */
final class Conversations {
    /** A conversation the queue watches until it ends; {@code flow} is the caller's flow waiting on it, if known. */
    private record Conversation(String callerId, String callerChannel, String agentId, String agentChannelId,
                                Instant connectedAt, long waitedSeconds, ActorRef<ConversationResult> flow) {
        Conversation withFlow(ActorRef<ConversationResult> value) {
            return new Conversation(callerId, callerChannel, agentId, agentChannelId, connectedAt, waitedSeconds,
                    value);
        }
    }

    private final QueueContext queue;
    private final Offers offers;
    private final Map<String, Conversation> conversations = new HashMap<>();
    /** Callers transferred before their flow asked how the conversation ends: caller → target queue. */
    private final Map<String, String> transferredUnasked = new HashMap<>();

    Conversations(QueueContext queue, Offers offers) {
        this.queue = queue;
        this.offers = offers;
    }

    Effect<Event, QueueState> onBridgeAnswered(QueueState state, BridgeAnswered answered) {
        WaitingCaller caller = state.callers.get(answered.callerId());
        offers.end(answered.callerId());
        if (caller == null || !(answered.outcome() instanceof Outcome.Bridged bridged)) {
            // the caller left meanwhile, or the bridge failed (the caller waits on): end the agent's side
            queue.hangup(EntityIds.of(EntityIds.asteriskId(answered.callerId()), answered.agentChannelId()));
            queue.agent(answered.agentId()).tell(new AgentEntity.CallEnded(queue.name, answered.callerId(),
                    Duration.ZERO));
            return queue.effect().none();
        }
        long waited = caller.waitedSeconds(queue.clock.instant());
        Conversation conversation = new Conversation(caller.callerId(), caller.channelEntityId(), answered.agentId(),
                answered.agentChannelId(), queue.clock.instant(), waited, null);
        conversations.put(caller.callerId(), conversation);
        watchEnd(caller.callerId(), answered.agentId(), answered.agentChannelId(), caller.channelEntityId(), "CALLER");
        watchEnd(caller.callerId(), answered.agentId(), answered.agentChannelId(),
                EntityIds.of(caller.asteriskId(), answered.agentChannelId()), "AGENT");
        return queue.effect().persist(new CallerConnected(caller.callerId(), answered.agentId(), waited,
                        queue.clock.instant()))
                .thenRun(s -> caller.replyTo().tell(new Connected(answered.agentId(), answered.agentChannelId(),
                        bridged.bridgeId(), waited)))
                .thenRun(offers::dispatch);
    }

    private void watchEnd(String callerId, String agentId, String agentChannelId, String channelEntityId,
                          String who) {
        queue.context.ask(Outcome.class, queue.channel(channelEntityId), Duration.ofHours(12),
                ChannelEntity.WhenEnded::new, (done, failure) -> new PartyLeft(callerId, agentId, agentChannelId, who));
    }

    /** One side of a conversation hung up: the other side is hung up, the agent goes to wrap-up. */
    Effect<Event, QueueState> onPartyLeft(QueueState state, PartyLeft left) {
        Conversation conversation = conversations.get(left.callerId());
        if (conversation == null || !conversation.agentChannelId().equals(left.agentChannelId())) {
            // over already, or an earlier conversation of a caller transferred away and back
            return queue.effect().none();
        }
        conversations.remove(left.callerId());
        if (conversation.flow() != null) {
            conversation.flow().tell(new ConversationOver(left.callerId()));
        }
        String afterAgent = state.config.afterAgent();
        if ("AGENT".equals(left.who()) && afterAgent.startsWith("dialplan:")) {
            String[] target = afterAgent.substring("dialplan:".length()).split(",");
            queue.perform(conversation.callerChannel(), new ChannelAction.ContinueInDialplan(target[0], target[1],
                    Integer.valueOf(target[2])));
        } else {
            queue.hangup(conversation.callerChannel());
        }
        long talk = endAgentSide(state, conversation);
        queue.context.getLog().info("queue {}: {} and {} talked {} s; the {} hung up", queue.name, left.callerId(),
                left.agentId(), talk, left.who().toLowerCase(Locale.ROOT));
        return queue.effect().persist(new ConversationEnded(left.callerId(), left.agentId(), talk, left.who(),
                queue.clock.instant()));
    }

    Effect<Event, QueueState> onTransferCaller(QueueState state, TransferCaller transfer) {
        String name = queue.name;
        if (transfer.toQueue() == null || transfer.toQueue().isBlank()) {
            return queue.effect().reply(transfer.replyTo(), new TransferRefused(TransferRefused.Refusal.UNKNOWN_QUEUE,
                    "toQueue: the queue to transfer to is missing"));
        }
        if (transfer.toQueue().equals(name)) {
            return queue.effect().reply(transfer.replyTo(), new TransferRefused(TransferRefused.Refusal.SAME_QUEUE,
                    "toQueue: the caller is in " + name + " already"));
        }
        List<Conversation> matching = conversations.values().stream()
                .filter(c -> c.callerId().equals(transfer.caller()) || c.callerId().endsWith("/" + transfer.caller()))
                .toList();
        if (matching.size() != 1) {
            return queue.effect().reply(transfer.replyTo(), new TransferRefused(TransferRefused.Refusal.UNKNOWN_CALLER,
                    matching.isEmpty() ? "no caller " + transfer.caller() + " is talking to an agent of " + name
                            : "caller " + transfer.caller() + " is ambiguous: give <asteriskId>/<channelId>"));
        }
        Conversation c = matching.get(0);
        conversations.remove(c.callerId());
        long talk = endAgentSide(state, c);
        queue.context.getLog().info("queue {}: {} transferred from {} to queue {} after talking {} s", name,
                c.callerId(), c.agentId(), transfer.toQueue(), talk);
        return queue.effect().persist(new CallerTransferred(c.callerId(), c.agentId(), transfer.toQueue(),
                        c.waitedSeconds(), talk, queue.clock.instant()))
                .thenRun(s -> {
                    if (c.flow() != null) {
                        c.flow().tell(new TransferredTo(transfer.toQueue()));
                    } else {
                        transferredUnasked.put(c.callerId(), transfer.toQueue());
                    }
                })
                .thenReply(transfer.replyTo(), s -> new Transferred(c.callerId(), name, transfer.toQueue()));
    }

    /** Hangs up the agent's leg and sends the agent to wrap-up; returns the seconds they talked. */
    private long endAgentSide(QueueState state, Conversation conversation) {
        queue.hangup(EntityIds.of(EntityIds.asteriskId(conversation.callerId()), conversation.agentChannelId()));
        queue.agent(conversation.agentId()).tell(new AgentEntity.CallEnded(queue.name, conversation.callerId(),
                state.config.wrapUp()));
        return Duration.between(conversation.connectedAt(), queue.clock.instant()).toSeconds();
    }

    Effect<Event, QueueState> onAwaitConversation(QueueState state, AwaitConversation await) {
        String toQueue = transferredUnasked.remove(await.callerId());
        Conversation conversation = conversations.get(await.callerId());
        if (toQueue != null) {
            await.replyTo().tell(new TransferredTo(toQueue));
        } else if (conversation != null) {
            conversations.put(await.callerId(), conversation.withFlow(await.replyTo()));
        } else {
            await.replyTo().tell(new ConversationOver(await.callerId()));
        }
        return queue.effect().none();
    }
}
