package io.switchboard.queues.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.switchboard.queues.agent.AgentPresence;
import io.switchboard.queues.agent.AgentState;
import io.switchboard.queues.agent.AgentStatus;
import io.switchboard.testkit.time.TestTime;
import io.switchboard.simulator.SimConfig;
import io.switchboard.simulator.SimulatedAsterisk;
import io.switchboard.simulator.clock.SimClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The presence singleton that moved to another node starts knowing no agent, and no agent has to change for it
 * to follow their phones again: it reads the logged-in agents from the journal.
 */
class AgentPresenceHandoverTest {
    private static final Duration STEP = Duration.ofMillis(250);
    private static final String QUEUES = "support { strategy = linear, ring-timeout = 10s, wrap-up = 0s }";

    @RegisterExtension
    final QueueHarnessExtension node = new QueueHarnessExtension();

    /**
     * Moves time until the agent shows {@code state}: up to a simulated minute, as the presence reads the journal in
     * real time first (nothing else in this test changes with time: no call rings, wrap-up is 0 s).
     */
    private void awaitState(String agentId, AgentState state, String pauseReason) throws InterruptedException {
        QueueHarness harness = node.harness();
        harness.runUntil(agentId + " " + state, () -> {
            AgentStatus status = harness.agentStatus(agentId);
            return status.state() == state && (pauseReason == null || pauseReason.equals(status.pauseReason()));
        }, STEP, Duration.ofMinutes(1));
    }

    private boolean talkingTo(String agentId, String callerChannelId) {
        AgentStatus status = node.harness().agentStatus(agentId);
        return status.state() == AgentState.ON_CALL && status.busyWith().endsWith("/" + callerChannelId);
    }

    @Test
    void aPresenceStartedAfterTheAgentsLoggedInFollowsTheirPhonesWithoutAnyAgentChanging() throws Exception {
        SimulatedAsterisk sim = SimulatedAsterisk.start(SimConfig.defaults().withClock(SimClock.manual()));
        Config journal = QueueHarness.freshJournal();
        TestTime time = TestTime.of(sim);
        try {
            QueueHarness before = QueueHarness.start(sim, journal, time, QUEUES);
            before.login("agent1", Map.of("support", 0), Map.of());
            before.login("agent2", Map.of("support", 0), Map.of());
            before.login("gone", Map.of("support", 0), Map.of());
            before.logout("gone");
            before.stopNode();

            // the node comes back without a presence, as a node whose agents never restarted would have it when
            // the presence comes to it: no agent entity tells the new presence anything
            QueueHarness harness = node.start(sim,
                    ConfigFactory.parseString("switchboard.agents.presence-check = 0s").withFallback(journal), time,
                    QUEUES);
            ActorRef<AgentPresence.Command> presence = harness.testKit().spawn(
                    AgentPresence.create(harness.time().timekeeper(), Duration.ofMillis(200)), "moved-agent-presence");
            // as the queues' wiring would, every agent change from now on is told to this presence
            ActorRef<AgentStatus> wiring = harness.testKit().spawn(Behaviors.receiveMessage(status -> {
                presence.tell(new AgentPresence.AgentChanged(status));
                return Behaviors.same();
            }), "agent-changes-to-presence");
            harness.queues().agentChanges().tell(Topic.subscribe(wiring));
            // most likely while the journal is read: followed too, whichever the presence hears first
            harness.login("agent3", Map.of("support", 0), Map.of());
            assertEquals(AgentState.AVAILABLE, harness.agentStatus("agent1").state());

            String personal = sim.calls().outsideCall("PJSIP/agent1", true);
            awaitState("agent1", AgentState.IN_USE, null);
            sim.setEndpointState("PJSIP/agent2", "offline");
            awaitState("agent2", AgentState.PAUSED, AgentPresence.UNREACHABLE);
            String personal3 = sim.calls().outsideCall("PJSIP/agent3", true);
            awaitState("agent3", AgentState.IN_USE, null);

            String caller = harness.placeCaller("support");
            harness.runUntil("the caller waits", () -> harness.waitingCallers("support").equals(List.of(caller)),
                    STEP, Duration.ofSeconds(10));
            harness.advance(Duration.ofSeconds(5));
            assertNull(harness.snapshot("support").callers().get(0).offeredTo(),
                    "offered while agent1's and agent3's phones are busy and agent2's is offline");

            sim.calls().farEndHangup(personal);
            harness.runUntil("agent1 takes the caller", () -> talkingTo("agent1", caller), STEP,
                    Duration.ofSeconds(10));
            sim.calls().farEndHangup(personal3);
            sim.setEndpointState("PJSIP/agent2", "online");
            awaitState("agent3", AgentState.AVAILABLE, null);
            awaitState("agent2", AgentState.AVAILABLE, null);
        } catch (Throwable t) {
            if (!node.started()) {
                sim.close();
            }
            throw t;
        }
    }
}
