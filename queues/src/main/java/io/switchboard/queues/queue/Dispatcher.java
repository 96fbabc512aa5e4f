package io.switchboard.queues.queue;

import io.switchboard.queues.agent.AgentStatus;
import io.switchboard.queues.strategy.AgentOrdering;
import io.switchboard.queues.strategy.Strategy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Decides which waiting callers are offered to which agents now, from the queue's state, its agents and the
 * time. It sends nothing and changes nothing: the same inputs (and random numbers) give the same offers.
 *
 * <p>Callers are taken first first (higher priority, then earlier joining). A caller is passed over while it has
 * an offer in flight or has not come back after a restart ({@code busyCallers}), while it types a callback
 * number, and until its retry time after an unanswered offer. It may be offered the available agents not yet
 * offered to anyone, whose penalty in this queue is within what its wait allows (escalation), and who have at
 * least the skills it needs: in the order of the queue's strategy, all of them for ringall (except for a caller
 * waiting to be called back, who gets one agent), the first one otherwise. An agent whose phone is in use is
 * not available, so is never offered (ringinuse is the agent's concern).
 */
final class Dispatcher {
    /** Ring {@code agents} for {@code caller}, in this order. */
    record Offer(WaitingCaller caller, List<AgentStatus> agents) {
    }

    private final String queue;
    private final RandomGenerator random;

    /** @param random for the random and wrandom strategies */
    Dispatcher(String queue, RandomGenerator random) {
        this.queue = queue;
        this.random = random;
    }

    /**
     * @param agents       the queue's agents, in the order the queue first heard of them
     * @param busyCallers  callers not to offer now
     * @param takenAgents  agents reserved or ringing for some caller already
     */
    List<Offer> offers(QueueState state, Collection<AgentStatus> agents, Set<String> busyCallers,
                       Set<String> takenAgents, Instant now) {
        // at saturation most dispatches find nobody free: that is known before callers are sorted and scanned
        List<AgentStatus> free = new ArrayList<>();
        for (AgentStatus agent : agents) {
            if (agent.available() && !takenAgents.contains(agent.agentId())) {
                free.add(agent);
            }
        }
        if (free.isEmpty()) {
            return List.of();
        }
        List<Offer> offers = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        for (WaitingCaller caller : state.inOrder()) {
            if (taken.size() == free.size()) {
                break;
            }
            if (busyCallers.contains(caller.callerId()) || state.collectingNumber.contains(caller.callerId())
                    || (caller.retryAt() != null && caller.retryAt().isAfter(now))) {
                continue;
            }
            int maxPenalty = state.config.maxPenaltyAfter(Duration.between(caller.joinedAt(), now));
            List<AgentStatus> candidates = free.stream()
                    .filter(a -> !taken.contains(a.agentId()))
                    .filter(a -> a.penaltyIn(queue) <= maxPenalty)
                    .filter(a -> AgentOrdering.hasSkills(a, caller.skills()))
                    .toList();
            if (candidates.isEmpty()) {
                continue;
            }
            List<AgentStatus> ordered = AgentOrdering.order(state.config.strategy(), candidates, queue,
                    state.memberOrder, state.roundRobinAt, random);
            boolean ringAll = state.config.strategy() == Strategy.RINGALL
                    && !state.callbacks.containsKey(caller.callerId());
            List<AgentStatus> chosen = ringAll ? ordered : ordered.subList(0, 1);
            chosen.forEach(agent -> taken.add(agent.agentId()));
            offers.add(new Offer(caller, List.copyOf(chosen)));
        }
        return offers;
    }
}
