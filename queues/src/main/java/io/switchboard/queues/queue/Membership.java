package io.switchboard.queues.queue;

import io.switchboard.actors.channel.ChannelEntity;
import io.switchboard.queues.agent.AgentEntity;
import io.switchboard.queues.agent.AgentState;
import io.switchboard.queues.agent.AgentStatus;
import io.switchboard.queues.queue.QueueEntity.AgentChanged;
import io.switchboard.queues.queue.QueueEntity.CallerView;
import io.switchboard.queues.queue.QueueEntity.ConfigChanged;
import io.switchboard.queues.queue.QueueEntity.Event;
import io.switchboard.queues.queue.QueueEntity.GetSnapshot;
import io.switchboard.queues.queue.QueueEntity.MemberAdded;
import io.switchboard.queues.queue.QueueEntity.MemberRemoved;
import io.switchboard.queues.queue.QueueEntity.QueueSnapshot;
import io.switchboard.queues.queue.QueueEntity.UpdateConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.persistence.typed.javadsl.Effect;

/**
 * Who serves the queue and how it is set up: agents become members (or stop being members) as their status
 * says, a new configuration applies at once, and the queue's snapshot shows callers, offers and agents.
 */
final class Membership {
    private final QueueContext queue;
    private final Offers offers;
    private final QueueAgents agents;

    Membership(QueueContext queue, Offers offers, QueueAgents agents) {
        this.queue = queue;
        this.offers = offers;
        this.agents = agents;
    }

    /** After a restart the members tell the queue where they are; until then nobody is offered a call. */
    void askMembersWhereTheyAre(QueueState state) {
        state.memberOrder.forEach(id -> queue.agent(id).tell(new AgentEntity.GetStatus(
                queue.context.messageAdapter(AgentStatus.class, AgentChanged::new))));
    }

    Effect<Event, QueueState> onAgentChanged(QueueState state, AgentChanged changed) {
        AgentStatus status = changed.status();
        endWhatTheQueueForgot(state, status);
        boolean member = status.queuePenalties().containsKey(queue.name);
        boolean known = state.memberOrder.contains(status.agentId());
        if (member) {
            agents.update(status);
        } else {
            agents.remove(status.agentId());
        }
        if (member && !known) {
            return queue.effect().persist(new MemberAdded(status.agentId(), queue.clock.instant()))
                    .thenRun(offers::dispatch);
        }
        if (!member && known) {
            return queue.effect().persist(new MemberRemoved(status.agentId(), queue.clock.instant()))
                    .thenRun(offers::dispatch);
        }
        offers.dispatch(state);
        return queue.effect().none();
    }

    /**
     * An agent busy with a caller of this queue whom the queue neither offers to it nor has talking to it missed
     * the end of that call: the queue's word was lost with a node (the agent's entity, restarted elsewhere, then
     * tells its state), or the queue itself restarted while the agent was reserved or ringing. The agent is told
     * now; a call-progress message naming the same caller was sent before this one, so a late status is harmless.
     */
    private void endWhatTheQueueForgot(QueueState state, AgentStatus status) {
        String callerId = status.busyWith();
        if (callerId == null || !queue.name.equals(status.busyInQueue())) {
            return;
        }
        Offers.InFlight offer = offers.get(callerId);
        TalkingCaller talk = state.conversations.get(callerId);
        if (offer != null && offer.agents.contains(status.agentId())
                || talk != null && talk.agentId().equals(status.agentId())) {
            return;
        }
        boolean talked = status.state() == AgentState.ON_CALL;
        queue.context.getLog().info("queue {}: agent {} is {} with {}, whom the queue no longer offers or connects; "
                + "ending that for the agent", queue.name, status.agentId(), status.state(), callerId);
        queue.agent(status.agentId()).tell(new AgentEntity.CallEnded(queue.name, callerId,
                talked ? state.config.wrapUp() : Duration.ZERO));
        WaitingCaller waiting = state.callers.get(callerId);
        if (!talked && waiting != null) {
            // the lost offer's dial may still ring the agent's phone, which would keep showing the agent busy
            queue.channel(waiting.channelEntityId()).tell(new ChannelEntity.CancelDialsTo(status.endpoint()));
        }
    }

    Effect<Event, QueueState> onUpdateConfig(QueueState state, UpdateConfig update) {
        if (!update.config().name().equals(queue.name)) {
            throw new IllegalArgumentException("config for " + update.config().name() + " sent to queue "
                    + queue.name);
        }
        return queue.effect().persist(new ConfigChanged(update.config())).thenRun(s -> {
            update.replyTo().tell(snapshot(s));
            offers.dispatch(s);
        });
    }

    Effect<Event, QueueState> onGetSnapshot(QueueState state, GetSnapshot get) {
        get.replyTo().tell(snapshot(state));
        return queue.effect().none();
    }

    private QueueSnapshot snapshot(QueueState state) {
        List<CallerView> callers = new ArrayList<>();
        List<WaitingCaller> ordered = state.inOrder();
        for (int i = 0; i < ordered.size(); i++) {
            WaitingCaller c = ordered.get(i);
            callers.add(new CallerView(c.callerId(), i + 1, c.priority(), c.waitedSeconds(queue.clock.instant()),
                    offers.offeredTo(c.callerId())));
        }
        return new QueueSnapshot(queue.name, state.config, callers, agents.copy());
    }
}
