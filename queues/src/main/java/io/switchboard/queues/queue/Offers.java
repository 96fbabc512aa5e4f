package io.switchboard.queues.queue;

import io.switchboard.actors.channel.ChannelEntity;
import io.switchboard.actors.channel.Outcome;
import io.switchboard.queues.agent.AgentEntity;
import io.switchboard.queues.agent.AgentStatus;
import io.switchboard.queues.queue.QueueEntity.OfferEnded;
import io.switchboard.queues.queue.QueueEntity.ReserveAnswered;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A queue's offers in flight: for each caller being offered, the agents reserved or ringing for it. Starts the
 * offers the {@link Dispatcher} decides on by reserving their agents, rings a reserved agent from the caller's
 * channel, and withdraws the offer of a caller who leaves. After a restart it holds back the callers whose
 * calls have not come back yet.
 */
final class Offers {
    /** An offer in flight for one caller: the agents reserved or ringing for it. */
    static final class InFlight {
        final Set<String> agents = new HashSet<>();
        boolean answered;
        /** The caller's channel was asked to bridge with the agent's: the outcome decides how a hang-up counts. */
        boolean bridging;
    }

    private final QueueContext queue;
    private final QueueAgents agents;
    private final Dispatcher dispatcher;
    private final Map<String, InFlight> offers = new HashMap<>();
    /** Callers found in the journal at start whose calls have not come back yet; not offered meanwhile. */
    private final Set<String> held = new HashSet<>();

    Offers(QueueContext queue, QueueAgents agents, Dispatcher dispatcher) {
        this.queue = queue;
        this.agents = agents;
        this.dispatcher = dispatcher;
    }

    /** Offers waiting callers, first first, to the agents their strategy picks: each agent is reserved first. */
    void dispatch(QueueState state) {
        if (state.callers.isEmpty()) {
            return;
        }
        Set<String> busyCallers = new HashSet<>(offers.keySet());
        busyCallers.addAll(held);
        Set<String> takenAgents = new HashSet<>();
        offers.values().forEach(o -> takenAgents.addAll(o.agents));
        for (Dispatcher.Offer offer : dispatcher.offers(state, agents.all(), busyCallers, takenAgents,
                queue.clock.instant())) {
            String callerId = offer.caller().callerId();
            InFlight inFlight = new InFlight();
            offers.put(callerId, inFlight);
            Duration lease = state.config.ringTimeout().plusSeconds(10);
            for (AgentStatus agent : offer.agents()) {
                inFlight.agents.add(agent.agentId());
                queue.context.ask(AgentEntity.ReserveReply.class, queue.agent(agent.agentId()), Duration.ofSeconds(5),
                        replyTo -> new AgentEntity.Reserve(queue.name, callerId, lease, replyTo),
                        (reply, failure) -> new ReserveAnswered(callerId, agent.agentId(), reply));
            }
        }
    }

    /** Rings a reserved agent for the caller, from the caller's channel. */
    void ring(QueueState state, WaitingCaller caller, AgentStatus agent) {
        queue.agent(agent.agentId()).tell(new AgentEntity.Ringing(queue.name, caller.callerId()));
        Duration ring = state.config.ringTimeout();
        queue.context.ask(Outcome.class, queue.channel(caller.channelEntityId()), ring.plusSeconds(30),
                replyTo -> new ChannelEntity.DialOut(agent.endpoint(), ring, null, replyTo),
                (outcome, failure) -> new OfferEnded(caller.callerId(), agent.agentId(), outcome != null ? outcome
                        : new Outcome.Failed(Outcome.Failed.Reason.COMMAND_FAILED, null, "no dial result")));
    }

    /** The caller's offer in flight, or null. */
    InFlight get(String callerId) {
        return offers.get(callerId);
    }

    boolean has(String callerId) {
        return offers.containsKey(callerId);
    }

    /** Whether the caller's channel is being bridged with an agent's: its answer is on its way. */
    boolean bridging(String callerId) {
        InFlight offer = offers.get(callerId);
        return offer != null && offer.bridging;
    }

    /** Ends the caller's offer, its agents being dealt with already. */
    void end(String callerId) {
        offers.remove(callerId);
    }

    /**
     * Drops the offer in flight for a caller who is leaving. The caller's entity hangs up the agents it is
     * ringing; those only reserved are released here.
     */
    void withdraw(String callerId) {
        InFlight offer = offers.remove(callerId);
        if (offer != null) {
            offer.agents.forEach(a -> queue.agent(a).tell(new AgentEntity.Release(queue.name, callerId)));
        }
    }

    /** The agents the caller is offered to, comma-separated, or null. */
    String offeredTo(String callerId) {
        InFlight offer = offers.get(callerId);
        return offer == null ? null : String.join(",", offer.agents);
    }

    void holdUntilReattached(String callerId) {
        held.add(callerId);
    }

    boolean holdsAny() {
        return !held.isEmpty();
    }

    /** The caller's call came back: it may be offered again. True if it was held until now. */
    boolean reattached(String callerId) {
        return held.remove(callerId);
    }

    /** The callers still held, who may all be offered from now on. */
    List<String> releaseHeld() {
        List<String> out = new ArrayList<>(held);
        held.clear();
        return out;
    }
}
