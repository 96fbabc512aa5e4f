package io.switchboard.queues.queue;

import io.switchboard.testkit.time.TestTime;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.queues.agent.AgentEntity;
import io.switchboard.queues.agent.AgentState;
import io.switchboard.queues.agent.AgentStatus;
import io.switchboard.queues.persistence.EmbeddedPostgresExtension;
import io.switchboard.simulator.SimConfig;
import io.switchboard.simulator.SimulatedAsterisk;
import io.switchboard.simulator.clock.SimClock;
import io.switchboard.simulator.phones.PhoneScript;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The whole node stops with 30 callers waiting and 5 agents in different states, and starts again on the
 * same PostgreSQL journal: the same callers in the same order with their waited time intact, the agents in
 * the same states, and every caller still gets through once agents free up. Asterisk (simulated) keeps the
 * calls up meanwhile, as it would.
 */
class QueueRestartTest {
    @RegisterExtension
    static final EmbeddedPostgresExtension POSTGRES = new EmbeddedPostgresExtension();

    private static final String QUEUES = "support { strategy = rrmemory, ring-timeout = 10s }";
    private static final List<String> AGENTS = List.of("agent1", "agent2", "agent3", "agent4", "agent5");

    @Test
    void thirtyCallersAndFiveAgentsSurviveAFullRestart() throws Exception {
        SimulatedAsterisk sim = SimulatedAsterisk.start(SimConfig.defaults().withClock(SimClock.manual())
                .withEndpoints(AGENTS.stream().map(a -> "PJSIP/" + a).toList()));
        TestTime time = TestTime.of(sim);
        var database = POSTGRES.database("restart");
        try {
            QueueHarness before = QueueHarness.start(sim, database, time, QUEUES);
            putAgentsInFiveStates(before);
            List<String> callers = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                callers.add(sim.calls().inbound("support", "talk", "Caller " + i + " <55510" + i + ">").channelId());
                time.advance(Duration.ofSeconds(2));
                String expectedLast = callers.get(callers.size() - 1);
                before.runUntil("caller " + i + " waiting", () -> {
                    var waiting = before.snapshot("support").callers();
                    return waiting.size() == callers.size()
                            && waiting.get(waiting.size() - 1).callerId().endsWith("/" + expectedLast);
                }, Duration.ofMillis(100), Duration.ofSeconds(30));
            }
            var snapshotBefore = before.snapshot("support");
            Map<String, AgentStatus> agentsBefore = new ConcurrentHashMap<>();
            AGENTS.forEach(a -> agentsBefore.put(a, before.agentStatus(a)));
            before.stopNode();

            time.advance(Duration.ofSeconds(10));
            QueueHarness after = QueueHarness.start(sim, database, time, QUEUES);
            try {
                var snapshotAfter = after.snapshot("support");
                assertEquals(ids(snapshotBefore), ids(snapshotAfter), "same callers, same order");
                for (int i = 0; i < 30; i++) {
                    assertEquals(snapshotBefore.callers().get(i).waitedSeconds() + 10,
                            snapshotAfter.callers().get(i).waitedSeconds(), "waited time of caller " + i);
                }
                for (String agent : AGENTS) {
                    AgentStatus was = agentsBefore.get(agent);
                    AgentStatus is = after.agentStatus(agent);
                    assertEquals(was.state(), is.state(), agent);
                    assertEquals(was.pauseReason(), is.pauseReason(), agent);
                }

                Set<String> connected = ConcurrentHashMap.newKeySet();
                sim.tapEvents(event -> {
                    if (event instanceof io.switchboard.ari.events.ChannelEnteredBridge entered
                            && entered.channel().id().startsWith("caller-")
                            && "mixing".equals(entered.bridge().bridgeType())) {
                        connected.add(entered.channel().id());
                    }
                });
                for (String agent : List.of("agent1", "agent2")) {
                    sim.scriptEndpoint("PJSIP/" + agent, PhoneScript.answerAfter(Duration.ofSeconds(1))
                            .thenHangupAfter(Duration.ofSeconds(1)));
                    TestProbe<AgentEntity.StatusReply> probe = after.testKit().createTestProbe();
                    after.queues().agent(agent).tell(new AgentEntity.Unpause(probe.getRef()));
                    probe.expectMessageClass(AgentEntity.StatusReply.Accepted.class);
                }
                after.runUntil("every caller connected", () -> connected.containsAll(callers),
                        Duration.ofMillis(250), Duration.ofMinutes(10));
                assertEquals(new HashSet<>(callers), connected, "zero callers lost");
            } finally {
                after.stopNode();
            }
        } finally {
            sim.close();
        }
    }

    private static List<String> ids(QueueEntity.QueueSnapshot snapshot) {
        return snapshot.callers().stream().map(QueueEntity.CallerView::callerId).toList();
    }

    /**
     * agent1 and agent2 paused, agent3 logged out, agent4 in wrap-up, agent5 on a call of another queue. agent4 and
     * agent5 serve no queue: their calls are made up, and a queue they served would end a call it never made.
     */
    private static void putAgentsInFiveStates(QueueHarness node) {
        for (String agent : AGENTS) {
            node.login(agent, agent.equals("agent4") || agent.equals("agent5") ? Map.of() : Map.of("support", 0),
                    Map.of());
        }
        pause(node, "agent1", "lunch");
        pause(node, "agent2", "training");
        pause(node, "agent3", "meeting");
        TestProbe<AgentEntity.StatusReply> replies = node.testKit().createTestProbe();
        node.queues().agent("agent3").tell(new AgentEntity.Logout(replies.getRef()));
        replies.expectMessageClass(AgentEntity.StatusReply.Accepted.class);
        for (String agent : List.of("agent4", "agent5")) {
            TestProbe<AgentEntity.ReserveReply> reserve = node.testKit().createTestProbe();
            node.queues().agent(agent).tell(new AgentEntity.Reserve("other", "pbx1/x-" + agent, Duration.ofMinutes(5),
                    reserve.getRef()));
            reserve.expectMessageClass(AgentEntity.ReserveReply.Reserved.class);
            node.queues().agent(agent).tell(new AgentEntity.Ringing("other", "pbx1/x-" + agent));
            node.queues().agent(agent).tell(new AgentEntity.Answered("other", "pbx1/x-" + agent));
        }
        node.queues().agent("agent4").tell(new AgentEntity.CallEnded("other", "pbx1/x-agent4", Duration.ofHours(1)));
        TestProbe<AgentStatus> status = node.testKit().createTestProbe();
        status.awaitAssert(Duration.ofSeconds(10), () -> {
            node.queues().agent("agent4").tell(new AgentEntity.GetStatus(status.getRef()));
            assertEquals(AgentState.WRAP_UP, status.receiveMessage().state());
            node.queues().agent("agent5").tell(new AgentEntity.GetStatus(status.getRef()));
            assertEquals(AgentState.ON_CALL, status.receiveMessage().state());
            return null;
        });
    }

    private static void pause(QueueHarness node, String agent, String reason) {
        TestProbe<AgentEntity.StatusReply> replies = node.testKit().createTestProbe();
        node.queues().agent(agent).tell(new AgentEntity.Pause(reason, replies.getRef()));
        replies.expectMessageClass(AgentEntity.StatusReply.Accepted.class);
    }
}
