package io.switchboard.queues.queue;

import io.switchboard.testkit.time.TestTime;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.queues.agent.AgentEntity;
import io.switchboard.queues.agent.AgentState;
import io.switchboard.queues.agent.AgentStatus;
import io.switchboard.simulator.SimConfig;
import io.switchboard.simulator.SimulatedAsterisk;
import io.switchboard.simulator.clock.SimClock;
import io.switchboard.simulator.phones.PhoneScript;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** "Keep my place": a caller leaves a number and hangs up, is called back at the front, and gets an agent. */
class QueueCallbackTest {
    private static final Duration STEP = Duration.ofMillis(250);

    @RegisterExtension
    final QueueHarnessExtension node = new QueueHarnessExtension();

    @Test
    void aCallerWhoLeftANumberIsCalledBackAtTheFrontAndConnected() throws Exception {
        SimulatedAsterisk sim = SimulatedAsterisk.start(SimConfig.defaults().withClock(SimClock.manual())
                .withEndpoints(List.of("PJSIP/agent1", "PJSIP/5551234")));
        QueueHarness harness = node.start(sim, QueueHarness.freshJournal(), TestTime.of(sim),
                "cb { callback-key = \"*\", callback-endpoint = \"PJSIP/{number}\", ring-timeout = 10s }");
        harness.login("agent1", Map.of("cb", 0), Map.of());
        TestProbe<AgentEntity.StatusReply> replies = harness.testKit().createTestProbe();
        harness.queues().agent("agent1").tell(new AgentEntity.Pause("meeting", replies.getRef()));
        replies.receiveMessage(Duration.ofSeconds(5));

        String first = sim.calls().inbound("cb", "talk", "Ann <5551234>").channelId();
        harness.runUntil("first waiting", () -> harness.snapshot("cb").callers().size() == 1, STEP,
                Duration.ofSeconds(10));
        String second = sim.calls().inbound("cb", "talk", "Bob <5559999>").channelId();
        harness.runUntil("second waiting", () -> harness.snapshot("cb").callers().size() == 2, STEP,
                Duration.ofSeconds(10));

        java.util.Set<String> leftTheApp = java.util.concurrent.ConcurrentHashMap.newKeySet();
        sim.tapEvents(event -> {
            if (event instanceof io.switchboard.ari.events.StasisEnd end) {
                leftTheApp.add(end.channel().id());
            }
        });
        sim.calls().pressDigits(first, "*5551234#", Duration.ofMillis(200));
        harness.runUntil("the first caller hung up, keeping their place", () -> leftTheApp.contains(first), STEP,
                Duration.ofSeconds(30));
        List<String> waiting = harness.snapshot("cb").callers().stream().map(QueueEntity.CallerView::callerId)
                .toList();
        assertEquals(List.of("pbx1/" + first, "pbx1/" + second), waiting, "still first in line");

        sim.scriptEndpoint("PJSIP/5551234", PhoneScript.answerAfter(Duration.ofSeconds(2)));
        sim.scriptEndpoint("PJSIP/agent1", PhoneScript.answerAfter(Duration.ofSeconds(1)));
        harness.queues().agent("agent1").tell(new AgentEntity.Unpause(replies.getRef()));
        AgentStatus[] agent = new AgentStatus[1];
        harness.runUntil("the called-back caller talks to agent1", () -> {
            agent[0] = harness.agentStatus("agent1");
            return agent[0].state() == AgentState.ON_CALL;
        }, STEP, Duration.ofSeconds(30));
        assertEquals("pbx1/" + first, agent[0].busyWith(), "the caller kept their identity and place");
        harness.runUntil("the first caller left the line for the agent, the second is next", () -> harness
                .snapshot("cb").callers().stream().map(QueueEntity.CallerView::callerId).toList()
                .equals(List.of("pbx1/" + second)), STEP, Duration.ofSeconds(10));
    }
}
