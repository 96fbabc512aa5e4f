package io.switchboard.queues.queue;

import io.switchboard.actors.channel.ChannelAction;
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
 * The conversations are in the queue's state ({@link TalkingCaller}): a restarted queue watches them again.
 */
final class Conversations {
    private final QueueContext queue;
    private final Offers offers;
    /** The flow of each talking caller that asked how its conversation ends (not journaled: flows come back). */
    private final Map<String, ActorRef<ConversationResult>> flows = new HashMap<>();
    /** Callers transferred before their flow asked how the conversation ends: caller → where they were sent. */
    private final Map<String, TransferredAway> transferredUnasked = new HashMap<>();

    private record TransferredAway(String toQueue, TalkingCaller conversation) {
    }

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
            if (caller != null) {
                // a hang-up heard while bridging waited for this answer: the channel's entity tells it again at once
                queue.watchWaiting(caller);
            }
            return queue.effect().none();
        }
        long waited = caller.waitedSeconds(queue.clock.instant());
        return queue.effect().persist(new CallerConnected(caller.callerId(), answered.agentId(), waited,
                        queue.clock.instant(), caller.channelEntityId(), answered.agentChannelId(), bridged.bridgeId()))
                .thenRun(s -> queue.flows.tell(caller.callerId(), new Connected(answered.agentId(),
                        answered.agentChannelId(), bridged.bridgeId(), waited)))
                .thenRun(s -> watch(s.conversations.get(caller.callerId())))
                .thenRun(offers::dispatch);
    }

    /** After a restart: both parties of every conversation in progress are watched again. */
    void watchAll(QueueState state) {
        state.conversations.values().forEach(this::watch);
    }

    private void watch(TalkingCaller talk) {
        watchEnd(talk, "CALLER");
        watchEnd(talk, "AGENT");
    }

    private void watchEnd(TalkingCaller talk, String who) {
        queue.watches.watch("CALLER".equals(who) ? talk.callerChannel() : talk.agentChannel(),
                new PartyLeft(talk.callerId(), talk.agentId(), talk.agentChannelId(), who), queue.clock.instant());
    }

    /** Whether the end of a party's channel still means that a conversation in progress here lost that party. */
    static boolean stillTalking(QueueState state, PartyLeft left) {
        TalkingCaller talk = state.conversations.get(left.callerId());
        return talk != null && talk.agentChannelId().equals(left.agentChannelId());
    }

    /**
     * A caller talking here, or null. A caller transferred away whose flow has not heard of it yet counts as
     * talking here still: their flow, told so, asks how the conversation ended and learns of the transfer.
     */
    TalkingCaller talking(QueueState state, String callerId) {
        TalkingCaller talking = state.conversations.get(callerId);
        TransferredAway away = transferredUnasked.get(callerId);
        return talking != null ? talking : away != null ? away.conversation() : null;
    }

    /** One side of a conversation hung up: the other side is hung up, the agent goes to wrap-up. */
    Effect<Event, QueueState> onPartyLeft(QueueState state, PartyLeft left) {
        TalkingCaller conversation = state.conversations.get(left.callerId());
        if (conversation == null || !conversation.agentChannelId().equals(left.agentChannelId())) {
            // over already, or an earlier conversation of a caller transferred away and back
            return queue.effect().none();
        }
        ActorRef<ConversationResult> flow = flows.remove(left.callerId());
        if (flow != null) {
            flow.tell(new ConversationOver(left.callerId()));
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
        List<TalkingCaller> matching = state.conversations.values().stream()
                .filter(c -> c.callerId().equals(transfer.caller()) || c.callerId().endsWith("/" + transfer.caller()))
                .toList();
        if (matching.size() != 1) {
            return queue.effect().reply(transfer.replyTo(), new TransferRefused(TransferRefused.Refusal.UNKNOWN_CALLER,
                    matching.isEmpty() ? "no caller " + transfer.caller() + " is talking to an agent of " + name
                            : "caller " + transfer.caller() + " is ambiguous: give <asteriskId>/<channelId>"));
        }
        TalkingCaller c = matching.get(0);
        ActorRef<ConversationResult> flow = flows.remove(c.callerId());
        long talk = endAgentSide(state, c);
        queue.context.getLog().info("queue {}: {} transferred from {} to queue {} after talking {} s", name,
                c.callerId(), c.agentId(), transfer.toQueue(), talk);
        return queue.effect().persist(new CallerTransferred(c.callerId(), c.agentId(), transfer.toQueue(),
                        c.waitedSeconds(), talk, queue.clock.instant()))
                .thenRun(s -> {
                    if (flow != null) {
                        flow.tell(new TransferredTo(transfer.toQueue()));
                    } else {
                        transferredUnasked.put(c.callerId(), new TransferredAway(transfer.toQueue(), c));
                    }
                })
                .thenReply(transfer.replyTo(), s -> new Transferred(c.callerId(), name, transfer.toQueue()));
    }

    /** Hangs up the agent's leg and sends the agent to wrap-up; returns the seconds they talked. */
    private long endAgentSide(QueueState state, TalkingCaller conversation) {
        queue.hangup(conversation.agentChannel());
        queue.agent(conversation.agentId()).tell(new AgentEntity.CallEnded(queue.name, conversation.callerId(),
                state.config.wrapUp()));
        return conversation.talkSeconds(queue.clock.instant());
    }

    /**
     * The flow of a talking caller asks how the conversation ends; it asks again now and then with the same
     * {@code replyTo}, so that a queue restarted meanwhile knows whom to tell of a transfer.
     */
    Effect<Event, QueueState> onAwaitConversation(QueueState state, AwaitConversation await) {
        TransferredAway away = transferredUnasked.remove(await.callerId());
        if (away != null) {
            await.replyTo().tell(new TransferredTo(away.toQueue()));
        } else if (state.conversations.containsKey(await.callerId())) {
            flows.put(await.callerId(), await.replyTo());
        } else {
            await.replyTo().tell(new ConversationOver(await.callerId()));
        }
        return queue.effect().none();
    }
}
