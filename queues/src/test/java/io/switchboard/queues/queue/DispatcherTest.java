package io.switchboard.queues.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.queues.agent.AgentState;
import io.switchboard.queues.agent.AgentStatus;
import io.switchboard.queues.strategy.Strategy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The dispatcher alone: a queue's state, its agents and the time in, the offers to make out; no actors. */
class DispatcherTest {
    private static final Instant T0 = Instant.parse("2026-12-07T09:00:00Z");
    private static final String QUEUE = "support";

    private final Dispatcher dispatcher = new Dispatcher(QUEUE, new SplittableRandom(7));
    private final QueueState state = new QueueState(QueueConfig.named(QUEUE));
    private long joined;

    private static AgentStatus agent(String id, AgentState state, int penalty, Map<String, Integer> skills,
                                     Instant lastCallEnded) {
        return new AgentStatus(id, state, "pbx1", "PJSIP/" + id, Map.of(QUEUE, penalty), skills, 0, 0,
                lastCallEnded, T0.minusSeconds(60), null, null, null);
    }

    private static AgentStatus available(String id, int penalty) {
        return agent(id, AgentState.AVAILABLE, penalty, Map.of(), null);
    }

    private void configure(QueueConfig config) {
        state.apply(new QueueEntity.ConfigChanged(config));
    }

    private void members(String... agentIds) {
        for (String id : agentIds) {
            state.apply(new QueueEntity.MemberAdded(id, T0));
        }
    }

    private void join(String callerId, int priority, Map<String, Integer> skills, Instant at) {
        joined++;
        state.apply(new QueueEntity.CallerJoined(new WaitingCaller("pbx1/" + callerId, "pbx1", callerId, priority,
                skills, at, joined, null)));
    }

    /** The offers as "caller→agent,agent" (callers without the asterisk id). */
    private List<String> offers(List<AgentStatus> agents, Set<String> busyCallers, Set<String> takenAgents,
                                Instant now) {
        return dispatcher.offers(state, agents, busyCallers, takenAgents, now).stream()
                .map(o -> o.caller().channelId() + "→" + String.join(",",
                        o.agents().stream().map(AgentStatus::agentId).toList()))
                .toList();
    }

    private List<String> offers(List<AgentStatus> agents, Instant now) {
        return offers(agents, Set.of(), Set.of(), now);
    }

    @Test
    void eachCallerGetsTheNextAgentInTheStrategysOrder() {
        members("a1", "a2", "a3");
        List<AgentStatus> agents = List.of(
                agent("a1", AgentState.AVAILABLE, 0, Map.of(), T0.minusSeconds(10)),
                agent("a2", AgentState.AVAILABLE, 0, Map.of(), T0.minusSeconds(300)),
                agent("a3", AgentState.AVAILABLE, 0, Map.of(), T0.minusSeconds(100)));
        join("c1", 0, Map.of(), T0);
        join("c2", 0, Map.of(), T0.plusSeconds(1));

        configure(QueueConfig.named(QUEUE).withStrategy(Strategy.LEASTRECENT));
        assertEquals(List.of("c1→a2", "c2→a3"), offers(agents, T0.plusSeconds(2)));

        configure(QueueConfig.named(QUEUE).withStrategy(Strategy.RRMEMORY));
        state.apply(new QueueEntity.RoundRobinMoved("a1"));
        assertEquals(List.of("c1→a2", "c2→a3"), offers(agents, T0.plusSeconds(2)));

        configure(QueueConfig.named(QUEUE).withStrategy(Strategy.RINGALL));
        assertEquals(List.of("c1→a1,a2,a3"), offers(agents, T0.plusSeconds(2)),
                "ringall rings every agent for the first caller; nobody is left for the second");
    }

    @Test
    void higherPenaltiesAreOfferedFromTheConfiguredSecondOfWaiting() {
        members("a1", "a2");
        configure(QueueConfig.named(QUEUE).withStrategy(Strategy.LINEAR)
                .withEscalation(List.of(new QueueConfig.Escalation(Duration.ofSeconds(30), 1))));
        List<AgentStatus> agents = List.of(agent("a1", AgentState.ON_CALL, 0, Map.of(), null), available("a2", 1));
        join("c1", 0, Map.of(), T0);

        assertEquals(List.of(), offers(agents, T0.plusSeconds(29)));
        assertEquals(List.of("c1→a2"), offers(agents, T0.plusSeconds(30)));
    }

    @Test
    void aCallerIsOfferedOnlyToAgentsWithItsSkills() {
        members("a1", "a2", "a3");
        configure(QueueConfig.named(QUEUE).withStrategy(Strategy.LINEAR));
        List<AgentStatus> agents = List.of(
                agent("a1", AgentState.AVAILABLE, 0, Map.of("billing", 20), null),
                agent("a2", AgentState.AVAILABLE, 0, Map.of("billing", 80, "french", 10), null),
                agent("a3", AgentState.AVAILABLE, 0, Map.of("billing", 80, "french", 60), null));
        join("c1", 0, Map.of("billing", 50, "french", 50), T0);
        join("c2", 0, Map.of("billing", 50), T0.plusSeconds(1));
        join("c3", 0, Map.of("spanish", 1), T0.plusSeconds(2));

        assertEquals(List.of("c1→a3", "c2→a2"), offers(agents, T0.plusSeconds(3)));
    }

    @Test
    void aHigherPriorityCallerGoesFirstThoughTheyJoinedLater() {
        members("a1");
        join("c1", 0, Map.of(), T0);
        join("c2", 5, Map.of(), T0.plusSeconds(20));

        assertEquals(List.of("c2→a1"), offers(List.of(available("a1", 0)), T0.plusSeconds(21)));
    }

    @Test
    void callersAndAgentsThatAreNotFreeNowArePassedOver() {
        members("a1", "a2", "a3", "a4");
        configure(QueueConfig.named(QUEUE).withStrategy(Strategy.LINEAR));
        List<AgentStatus> agents = List.of(available("a1", 0),
                agent("a2", AgentState.IN_USE, 0, Map.of(), null),
                agent("a3", AgentState.PAUSED, 0, Map.of(), null),
                available("a4", 0));
        join("offered", 0, Map.of(), T0);
        join("typing", 0, Map.of(), T0.plusSeconds(1));
        state.apply(new QueueEntity.CallbackCollecting("pbx1/typing"));
        join("retrying", 0, Map.of(), T0.plusSeconds(2));
        state.apply(new QueueEntity.OfferFailed("pbx1/retrying", "a1", "NOANSWER", 15, T0.plusSeconds(40),
                T0.plusSeconds(35)));
        join("next", 0, Map.of(), T0.plusSeconds(3));

        assertEquals(List.of("next→a4"), offers(agents, Set.of("pbx1/offered"), Set.of("a1"), T0.plusSeconds(39)),
                "a1 is ringing for another caller, a2's phone is in use, a3 is paused");
        assertEquals(List.of("retrying→a4"), offers(agents, Set.of("pbx1/offered", "pbx1/next"), Set.of("a1"),
                T0.plusSeconds(40)), "after its retry time, the earlier caller comes first again");
    }

    @Test
    void aCallerWaitingForACallBackHasOneAgentReservedEvenWithRingall() {
        members("a1", "a2");
        configure(QueueConfig.named(QUEUE).withStrategy(Strategy.RINGALL));
        join("c1", 0, Map.of(), T0);
        state.apply(new QueueEntity.CallbackRequested("pbx1/c1", "5551234", T0.plusSeconds(5)));

        assertEquals(List.of("c1→a1"), offers(List.of(available("a1", 0), available("a2", 0)), T0.plusSeconds(6)));
    }
}
