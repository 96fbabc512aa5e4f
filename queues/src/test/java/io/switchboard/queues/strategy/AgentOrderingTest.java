package io.switchboard.queues.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.queues.agent.AgentState;
import io.switchboard.queues.agent.AgentStatus;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AgentOrderingTest {
    private static final Instant T0 = Instant.parse("2026-11-26T09:00:00Z");
    private static final List<String> MEMBERS = List.of("a1", "a2", "a3", "a4");

    private static AgentStatus agent(String id, int penalty, long calls, long talk, Instant lastEnded,
                                     Instant availableSince) {
        return new AgentStatus(id, AgentState.AVAILABLE, "pbx1", "PJSIP/" + id, Map.of("support", penalty),
                Map.of("billing", id.equals("a3") ? 80 : 20), calls, talk, lastEnded, availableSince, null, null, null);
    }

    private final List<AgentStatus> agents = List.of(
            agent("a1", 0, 5, 300, T0.plusSeconds(30), T0.plusSeconds(30)),
            agent("a2", 0, 2, 900, T0.plusSeconds(10), T0.plusSeconds(50)),
            agent("a3", 0, 9, 100, null, T0),
            agent("a4", 1, 0, 0, null, T0.minusSeconds(100)));

    private List<String> order(Strategy strategy, String lastOffered) {
        return AgentOrdering.order(strategy, agents, "support", MEMBERS, lastOffered, new SplittableRandom(7))
                .stream().map(AgentStatus::agentId).toList();
    }

    @Test
    void lowerPenaltiesAlwaysComeFirst() {
        for (Strategy s : Strategy.values()) {
            if (s != Strategy.WRANDOM) {
                assertEquals("a4", order(s, null).get(3), s + " puts the penalty-1 agent last");
            }
        }
    }

    @Test
    void eachStrategyOrdersByItsOwnMeasure() {
        assertEquals(List.of("a1", "a2", "a3", "a4"), order(Strategy.LINEAR, "a2"));
        assertEquals(List.of("a1", "a2", "a3", "a4"), order(Strategy.RINGALL, null));
        assertEquals(List.of("a3", "a2", "a1", "a4"), order(Strategy.LEASTRECENT, null));
        assertEquals(List.of("a2", "a1", "a3", "a4"), order(Strategy.FEWESTCALLS, null));
        assertEquals(List.of("a3", "a1", "a2", "a4"), order(Strategy.LEAST_TALK_TIME, null));
        assertEquals(List.of("a3", "a1", "a2", "a4"), order(Strategy.LONGEST_IDLE_AGENT, null));
    }

    @Test
    void roundRobinStartsAfterTheLastOfferedAgent() {
        assertEquals(List.of("a1", "a2", "a3", "a4"), order(Strategy.RRMEMORY, null));
        assertEquals(List.of("a2", "a3", "a1", "a4"), order(Strategy.RRMEMORY, "a1"));
        assertEquals(List.of("a3", "a1", "a2", "a4"), order(Strategy.RRORDERED, "a2"));
        assertEquals(List.of("a1", "a2", "a3", "a4"), order(Strategy.RRMEMORY, "a3"));
    }

    @Test
    void randomCoversEveryoneAndWeightedRandomPrefersLowPenalties() {
        Map<String, Integer> firsts = new HashMap<>();
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 4000; i++) {
            String first = AgentOrdering.order(Strategy.WRANDOM, agents, "support", MEMBERS, null, random).get(0)
                    .agentId();
            firsts.merge(first, 1, Integer::sum);
        }
        // weights 1, 1, 1 and 1/2: the penalty-1 agent comes first about 1/7 of the time
        assertTrue(firsts.get("a4") > 400 && firsts.get("a4") < 750, firsts.toString());
        assertTrue(firsts.get("a1") > 950, firsts.toString());
        List<String> shuffled = order(Strategy.RANDOM, null);
        assertEquals(4, shuffled.stream().distinct().count());
    }

    @Test
    void skillsAndStrategyNames() {
        assertTrue(AgentOrdering.hasSkills(agents.get(2), Map.of("billing", 50)));
        assertFalse(AgentOrdering.hasSkills(agents.get(0), Map.of("billing", 50)));
        assertFalse(AgentOrdering.hasSkills(agents.get(0), Map.of("french", 1)));
        assertEquals(Strategy.LONGEST_IDLE_AGENT, Strategy.parse("longest-idle-agent"));
        assertThrows(IllegalArgumentException.class, () -> Strategy.parse("roundrobin"));
    }
}
