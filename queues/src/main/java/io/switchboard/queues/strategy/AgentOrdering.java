package io.switchboard.queues.strategy;

import io.switchboard.queues.agent.AgentStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Puts the agents that may take a caller in the order a strategy offers them: lower penalties always first,
 * then the strategy's own order within each penalty.
 */
public final class AgentOrdering {
    private AgentOrdering() {
    }

    /**
     * @param candidates      available agents that qualify for the caller (skills, penalty limit)
     * @param queue           the queue deciding
     * @param memberOrder     the queue's members in their configured order (for linear and rr*)
     * @param lastOffered     the agent the round robin stopped at (null at first)
     * @param random          randomness for random and wrandom
     */
    public static List<AgentStatus> order(Strategy strategy, List<AgentStatus> candidates, String queue,
                                          List<String> memberOrder, String lastOffered, RandomGenerator random) {
        List<AgentStatus> out = new ArrayList<>(candidates);
        Comparator<AgentStatus> byPenalty = Comparator.comparingInt(a -> a.penaltyIn(queue));
        switch (strategy) {
            case RINGALL, LINEAR -> out.sort(byPenalty.thenComparingInt(a -> indexIn(memberOrder, a.agentId())));
            case LEASTRECENT -> out.sort(byPenalty.thenComparing(a -> a.lastCallEnded() == null ? Instant.MIN
                    : a.lastCallEnded()));
            case FEWESTCALLS -> out.sort(byPenalty.thenComparingLong(AgentStatus::callsTaken));
            case LEAST_TALK_TIME -> out.sort(byPenalty.thenComparingLong(AgentStatus::talkSeconds));
            case LONGEST_IDLE_AGENT -> out.sort(byPenalty.thenComparing(a -> a.availableSince() == null
                    ? Instant.MAX : a.availableSince()));
            case RANDOM -> {
                shuffle(out, random);
                out.sort(byPenalty);
            }
            case WRANDOM -> weightedShuffle(out, queue, random);
            case RRMEMORY, RRORDERED -> {
                int start = lastOffered == null ? 0 : indexIn(memberOrder, lastOffered) + 1;
                int size = Math.max(1, memberOrder.size());
                out.sort(byPenalty.thenComparingInt(a -> Math.floorMod(indexIn(memberOrder, a.agentId()) - start,
                        size)));
            }
            default -> throw new IllegalStateException("unhandled strategy " + strategy);
        }
        return out;
    }

    private static int indexIn(List<String> memberOrder, String agentId) {
        int i = memberOrder.indexOf(agentId);
        return i < 0 ? Integer.MAX_VALUE / 2 : i;
    }

    private static void shuffle(List<AgentStatus> list, RandomGenerator random) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            list.set(j, list.set(i, list.get(j)));
        }
    }

    /** Each pick takes an agent with probability proportional to 1 / (1 + penalty). */
    private static void weightedShuffle(List<AgentStatus> list, String queue, RandomGenerator random) {
        List<AgentStatus> remaining = new ArrayList<>(list);
        list.clear();
        while (!remaining.isEmpty()) {
            double total = remaining.stream().mapToDouble(a -> weight(a, queue)).sum();
            double r = random.nextDouble() * total;
            int chosen = remaining.size() - 1;
            for (int i = 0; i < remaining.size(); i++) {
                r -= weight(remaining.get(i), queue);
                if (r < 0) {
                    chosen = i;
                    break;
                }
            }
            list.add(remaining.remove(chosen));
        }
    }

    private static double weight(AgentStatus agent, String queue) {
        return 1.0 / (1 + Math.max(0, agent.penaltyIn(queue)));
    }

    /** True when the agent has every skill the caller needs, at least at the level needed. */
    public static boolean hasSkills(AgentStatus agent, Map<String, Integer> required) {
        for (Map.Entry<String, Integer> skill : required.entrySet()) {
            if (agent.skills().getOrDefault(skill.getKey(), 0) < skill.getValue()) {
                return false;
            }
        }
        return true;
    }
}
