package io.switchboard.queues.queue;

import io.switchboard.actors.channel.ChannelAction;
import io.switchboard.actors.channel.ChannelEntity;
import io.switchboard.actors.channel.Outcome;
import io.switchboard.actors.gateway.EntityIds;
import io.switchboard.queues.agent.AgentEntity;
import io.switchboard.queues.agent.AgentStatus;
import io.switchboard.queues.queue.QueueEntity.AgentAnnounced;
import io.switchboard.queues.queue.QueueEntity.BridgeAnswered;
import io.switchboard.queues.queue.QueueEntity.Event;
import io.switchboard.queues.queue.QueueEntity.OfferCancelled;
import io.switchboard.queues.queue.QueueEntity.OfferEnded;
import io.switchboard.queues.queue.QueueEntity.OfferFailed;
import io.switchboard.queues.queue.QueueEntity.ReserveAnswered;
import io.switchboard.queues.queue.QueueEntity.RoundRobinMoved;
import io.switchboard.queues.strategy.Strategy;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.persistence.typed.javadsl.Effect;

/**
 * What comes of an offer: the agent reserved (then rung, or the caller called back first) or not; the ring
 * answered (the other agents stop ringing, the agent may hear an announcement, then caller and agent are
 * bridged), cancelled, or not answered (the caller waits for the retry delay, the agent may be paused).
 */
final class OfferOutcomes {
    private final QueueContext queue;
    private final Offers offers;
    private final QueueAgents agents;
    private final Callbacks callbacks;

    OfferOutcomes(QueueContext queue, Offers offers, QueueAgents agents, Callbacks callbacks) {
        this.queue = queue;
        this.offers = offers;
        this.agents = agents;
        this.callbacks = callbacks;
    }

    Effect<Event, QueueState> onReserveAnswered(QueueState state, ReserveAnswered answered) {
        Offers.InFlight offer = offers.get(answered.callerId());
        WaitingCaller caller = state.callers.get(answered.callerId());
        boolean reserved = answered.reply() instanceof AgentEntity.ReserveReply.Reserved;
        if (offer == null || caller == null || offer.answered) {
            if (reserved) {
                queue.agent(answered.agentId()).tell(new AgentEntity.Release(queue.name, answered.callerId()));
            }
            return queue.effect().none();
        }
        if (!reserved) {
            offer.agents.remove(answered.agentId());
            if (offer.agents.isEmpty()) {
                offers.end(answered.callerId());
                offers.dispatch(state);
            }
            return queue.effect().none();
        }
        AgentStatus agent = ((AgentEntity.ReserveReply.Reserved) answered.reply()).status();
        agents.update(agent);
        if (callbacks.awaitsCallBack(state, caller.callerId())) {
            callbacks.callBack(state, caller);
        } else {
            offers.ring(state, caller, agent);
        }
        if (state.config.strategy() == Strategy.RRMEMORY || state.config.strategy() == Strategy.RRORDERED) {
            return queue.effect().persist(new RoundRobinMoved(agent.agentId()));
        }
        return queue.effect().none();
    }

    Effect<Event, QueueState> onOfferEnded(QueueState state, OfferEnded ended) {
        Offers.InFlight offer = offers.get(ended.callerId());
        WaitingCaller caller = state.callers.get(ended.callerId());
        if (ended.outcome() instanceof Outcome.Dialed dialed && dialed.answered()) {
            if (offer == null || caller == null || offer.answered) {
                // answered too late (the caller left, or another agent answered first)
                queue.perform(EntityIds.of(EntityIds.asteriskId(ended.callerId()), dialed.peerChannelId()),
                        new ChannelAction.Hangup("answered_elsewhere"));
                queue.agent(ended.agentId()).tell(new AgentEntity.Release(queue.name, ended.callerId()));
                return queue.effect().none();
            }
            offer.answered = true;
            queue.channel(caller.channelEntityId()).tell(new ChannelEntity.CancelDialsExcept(dialed.peerChannelId()));
            queue.agent(ended.agentId()).tell(new AgentEntity.Answered(queue.name, caller.callerId()));
            String toAgent = state.config.announcements().toAgent();
            if (toAgent == null) {
                bridge(caller, ended.agentId(), dialed.peerChannelId(), state.config.waitsInBridge());
            } else {
                String agentChannel = EntityIds.of(caller.asteriskId(), dialed.peerChannelId());
                queue.context.ask(Outcome.class, queue.channel(agentChannel), Duration.ofMinutes(2),
                        replyTo -> new ChannelEntity.Play(List.of(toAgent), "", null, replyTo),
                        (outcome, failure) -> new AgentAnnounced(caller.callerId(), ended.agentId(),
                                dialed.peerChannelId()));
            }
            return queue.effect().none();
        }
        String reason = ended.outcome() instanceof Outcome.Dialed dialed ? dialed.status().name()
                : ((Outcome.Failed) ended.outcome()).message();
        boolean cancelled = ended.outcome() instanceof Outcome.Dialed d
                && d.status() == Outcome.Dialed.DialStatus.CANCEL;
        if (cancelled) {
            queue.agent(ended.agentId()).tell(new AgentEntity.Release(queue.name, ended.callerId()));
            if (offer == null || caller == null || offer.answered) {
                return queue.effect().persist(new OfferCancelled(ended.callerId(), ended.agentId(),
                        queue.clock.instant()));
            }
        } else {
            queue.agent(ended.agentId()).tell(new AgentEntity.NotAnswered(queue.name, ended.callerId(), reason,
                    state.config.autopauseAfter()));
        }
        if (offer == null || caller == null || offer.answered) {
            return queue.effect().none();
        }
        offer.agents.remove(ended.agentId());
        if (!offer.agents.isEmpty()) {
            return queue.effect().none();
        }
        offers.end(ended.callerId());
        return queue.effect().persist(new OfferFailed(caller.callerId(), ended.agentId(), reason,
                state.config.ringTimeout().toSeconds(), queue.clock.instant().plus(state.config.retryDelay()),
                queue.clock.instant())).thenRun(offers::dispatch);
    }

    Effect<Event, QueueState> onAgentAnnounced(QueueState state, AgentAnnounced announced) {
        WaitingCaller caller = state.callers.get(announced.callerId());
        if (caller != null) {
            bridge(caller, announced.agentId(), announced.agentChannelId(), state.config.waitsInBridge());
        }
        return queue.effect().none();
    }

    private void bridge(WaitingCaller caller, String agentId, String agentChannelId, boolean waitsInBridge) {
        String callerId = caller.callerId();
        Offers.InFlight offer = offers.get(callerId);
        if (offer != null) {
            offer.bridging = true;
        }
        EntityRef<ChannelEntity.Command> callerChannel = queue.channel(caller.channelEntityId());
        if (!waitsInBridge) {
            queue.perform(caller.channelEntityId(), new ChannelAction.StopMoh());
        }
        queue.context.ask(Outcome.class, callerChannel, Duration.ofSeconds(30),
                replyTo -> new ChannelEntity.BridgeWith(agentChannelId, replyTo),
                (outcome, failure) -> new BridgeAnswered(callerId, agentId, agentChannelId, outcome != null ? outcome
                        : new Outcome.Failed(Outcome.Failed.Reason.COMMAND_FAILED, null, "no bridge result")));
    }
}
