package io.switchboard.queues.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.switchboard.queues.agent.AgentState;
import io.switchboard.queues.agent.AgentStatus;
import io.switchboard.testkit.time.TestTime;
import io.switchboard.simulator.SimConfig;
import io.switchboard.simulator.SimulatedAsterisk;
import io.switchboard.simulator.clock.SimClock;
import io.switchboard.simulator.phones.PhoneScript;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An agent whose phone is busy with a call no queue placed (Asterisk's device state) is shown IN_USE and not
 * offered calls until the phone is free; the queue's own calls to the agent never count as such.
 */
class AgentPhoneInUseTest {
    private static final Duration STEP = Duration.ofMillis(250);

    @RegisterExtension
    final QueueHarnessExtension node = new QueueHarnessExtension();

    private boolean talkingTo(String agentId, String callerChannelId) {
        AgentStatus status = node.harness().agentStatus(agentId);
        return status.state() == AgentState.ON_CALL && status.busyWith().endsWith("/" + callerChannelId);
    }

    private boolean waitingAre(String queue, String... callerChannelIds) {
        return node.harness().waitingCallers(queue).equals(java.util.List.of(callerChannelIds));
    }

    private void awaitState(String agentId, AgentState state) throws InterruptedException {
        QueueHarness harness = node.harness();
        harness.runUntil(agentId + " " + state, () -> harness.agentStatus(agentId).state() == state, STEP,
                Duration.ofSeconds(10));
    }

    @Test
    void aPhoneBusyElsewhereIsPassedOverAndOfferedTheWaitingCallerOnceFree() throws Exception {
        QueueHarness harness = node.start("support { strategy = linear, ring-timeout = 10s, wrap-up = 0s }");
        harness.sim().scriptEndpoint("PJSIP/agent1", PhoneScript.answerAfter(Duration.ofSeconds(1)));
        harness.sim().scriptEndpoint("PJSIP/agent2", PhoneScript.answerAfter(Duration.ofSeconds(1)));
        harness.login("agent1", Map.of("support", 0), Map.of());
        harness.login("agent2", Map.of("support", 0), Map.of());
        String personal = harness.sim().calls().outsideCall("PJSIP/agent1", true);
        awaitState("agent1", AgentState.IN_USE);

        // linear would offer agent1 first: its phone is in use, so agent2 gets the caller
        String first = harness.placeCaller("support");
        harness.runUntil("agent2 talks to the first caller", () -> talkingTo("agent2", first), STEP,
                Duration.ofSeconds(10));
        assertEquals(AgentState.IN_USE, harness.agentStatus("agent1").state());

        // nobody can take the second caller: agent1's phone is busy, agent2 is talking
        String second = harness.placeCaller("support");
        harness.runUntil("only the second caller waits", () -> waitingAre("support", second), STEP,
                Duration.ofSeconds(10));
        harness.advance(Duration.ofSeconds(5));
        QueueEntity.CallerView waiting = harness.snapshot("support").callers().get(0);
        assertNull(waiting.offeredTo(), "not offered to anyone while agent1's phone is in use");
        assertEquals(AgentState.IN_USE, harness.agentStatus("agent1").state());

        // the personal call ends: the waiting caller goes to agent1
        harness.sim().calls().farEndHangup(personal);
        harness.runUntil("agent1 talks to the second caller", () -> talkingTo("agent1", second), STEP,
                Duration.ofSeconds(10));
    }

    @Test
    void theQueuesOwnCallsToAnAgentDoNotMakeItBusyElsewhere() throws Exception {
        QueueHarness harness = node.start("support { ring-timeout = 10s, wrap-up = 0s }");
        harness.sim().scriptEndpoint("PJSIP/agent1", PhoneScript.answerAfter(Duration.ofSeconds(2))
                .thenHangupAfter(Duration.ofSeconds(3)));
        harness.login("agent1", Map.of("support", 0), Map.of());
        Set<AgentState> seen = EnumSet.noneOf(AgentState.class);
        for (int call = 1; call <= 2; call++) {
            String caller = harness.placeCaller("support");
            harness.runUntil("agent1 talks to caller " + call, () -> {
                seen.add(harness.agentStatus("agent1").state());
                return talkingTo("agent1", caller);
            }, STEP, Duration.ofSeconds(10));
            harness.runUntil("the call ended and agent1 is free", () -> {
                AgentState now = harness.agentStatus("agent1").state();
                seen.add(now);
                return now == AgentState.AVAILABLE && harness.snapshot("support").callers().isEmpty()
                        && harness.sim().counts().channels() == 0;
            }, STEP, Duration.ofSeconds(10));
        }
        assertFalse(seen.contains(AgentState.IN_USE), "states seen: " + seen);
    }

    @Test
    void aBusyPhoneIsReadAgainAfterARestartNotRememberedFromTheJournal() throws Exception {
        SimulatedAsterisk sim = SimulatedAsterisk.start(SimConfig.defaults().withClock(SimClock.manual()));
        var journal = QueueHarness.freshJournal();
        TestTime time = TestTime.of(sim);
        String queues = "support { ring-timeout = 10s, wrap-up = 0s }";
        QueueHarness before = QueueHarness.start(sim, journal, time, queues);
        try {
            before.login("agent1", Map.of("support", 0), Map.of());
            String personal = sim.calls().outsideCall("PJSIP/agent1", true);
            before.runUntil("agent1 in use", () -> before.agentStatus("agent1").state() == AgentState.IN_USE, STEP,
                    Duration.ofSeconds(10));
            before.stopNode();

            QueueHarness harness = node.start(sim, journal, time, queues);
            awaitState("agent1", AgentState.IN_USE);
            String caller = harness.placeCaller("support");
            harness.runUntil("the caller waits", () -> waitingAre("support", caller), STEP, Duration.ofSeconds(10));
            sim.calls().farEndHangup(personal);
            harness.runUntil("agent1 takes the caller", () -> talkingTo("agent1", caller), STEP,
                    Duration.ofSeconds(10));
        } catch (Throwable t) {
            if (!node.started()) {
                sim.close();
            }
            throw t;
        }
    }
}
