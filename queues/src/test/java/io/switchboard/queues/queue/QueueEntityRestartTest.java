package io.switchboard.queues.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.typesafe.config.ConfigFactory;
import io.switchboard.ari.events.ChannelDestroyed;
import io.switchboard.ari.events.StasisStart;
import io.switchboard.queues.agent.AgentEntity;
import io.switchboard.queues.agent.AgentState;
import io.switchboard.queues.agent.AgentStatus;
import io.switchboard.queues.log.QueueEventType;
import io.switchboard.queues.log.QueueLogEntry;
import io.switchboard.simulator.SimConfig;
import io.switchboard.simulator.SimulatedAsterisk;
import io.switchboard.simulator.clock.SimClock;
import io.switchboard.simulator.phones.PhoneScript;
import io.switchboard.testkit.time.TestTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The queue entity is lost (its node died) and starts again from its journal while its callers' calls and flows
 * go on: callers still waiting are taken back by their flows' heartbeats (no ABANDON at the reattach deadline),
 * and a conversation in progress is watched on, so that its end hangs up the other side and the agent wraps up.
 */
class QueueEntityRestartTest {
    private static final Duration STEP = Duration.ofMillis(250);
    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    final QueueHarnessExtension node = new QueueHarnessExtension();

    @Test
    void waitingCallersAreTakenBackByTheirFlowsAndGetAgents() throws Exception {
        QueueHarness harness = node.start("support { ring-timeout = 10s }");
        for (String agent : List.of("agent1", "agent2")) {
            harness.sim().scriptEndpoint("PJSIP/" + agent, PhoneScript.answerAfter(Duration.ofSeconds(1)));
            harness.login(agent, Map.of("support", 0), Map.of());
            pause(harness, agent);
        }
        // one after the other: two flows started together may reach the queue in either order
        String first = harness.placeCaller("support");
        harness.runUntil("the first caller waits", () -> harness.waitingCallers("support").equals(List.of(first)),
                STEP, WAIT);
        String second = harness.placeCaller("support");
        harness.runUntil("both callers wait", () -> harness.waitingCallers("support").size() == 2, STEP, WAIT);

        harness.loseEntity("Queue", "support");
        assertEquals(List.of(first, second), harness.waitingCallers("support"), "the journal keeps them in order");
        // past the reattach grace (30 s): flows that say they still wait are not counted as gone
        Instant graceOver = harness.time().now().plusSeconds(35);
        harness.runUntil("the reattach grace is over", () -> !harness.time().now().isBefore(graceOver),
                Duration.ofSeconds(1), Duration.ofSeconds(40));
        assertEquals(List.of(first, second), harness.waitingCallers("support"), "still waiting after the grace");

        for (String agent : List.of("agent1", "agent2")) {
            TestProbe<AgentEntity.StatusReply> probe = harness.testKit().createTestProbe();
            harness.queues().agent(agent).tell(new AgentEntity.Unpause(probe.getRef()));
            probe.expectMessageClass(AgentEntity.StatusReply.Accepted.class);
        }
        harness.runUntil("both callers talk to an agent", () -> new HashSet<>(Arrays.asList(
                busyWith(harness, "agent1"), busyWith(harness, "agent2"))).equals(Set.of(
                QueueHarness.ASTERISK + "/" + first, QueueHarness.ASTERISK + "/" + second)), STEP, WAIT);
        assertEquals(List.of(QueueEventType.ENTERQUEUE, QueueEventType.ENTERQUEUE, QueueEventType.CONNECT,
                QueueEventType.CONNECT), events(harness.queueLog("support")), "no ABANDON, nobody entered twice");
    }

    @Test
    void aConversationGoingOnWhenTheQueueRestartsEndsProperly() throws Exception {
        QueueHarness harness = node.start("support { ring-timeout = 10s, wrap-up = 5s }");
        Set<String> agentLegs = ConcurrentHashMap.newKeySet();
        Set<String> destroyed = ConcurrentHashMap.newKeySet();
        harness.sim().tapEvents(event -> {
            if (event instanceof StasisStart start && start.channel().name().startsWith("PJSIP/agent1-")) {
                agentLegs.add(start.channel().id());
            }
            if (event instanceof ChannelDestroyed gone) {
                destroyed.add(gone.channel().id());
            }
        });
        harness.sim().scriptEndpoint("PJSIP/agent1", PhoneScript.answerAfter(Duration.ofSeconds(1)));
        harness.login("agent1", Map.of("support", 0), Map.of());
        String caller = harness.placeCaller("support");
        harness.runUntil("the caller talks to agent1", () -> talking(harness, "agent1", caller), STEP, WAIT);

        harness.loseEntity("Queue", "support");
        assertEquals(List.of(), harness.waitingCallers("support"), "the restarted queue is up");
        harness.advance(Duration.ofSeconds(20));
        harness.sim().calls().farEndHangup(caller);

        harness.runUntil("agent1's leg hung up, agent1 wrapping up", () -> destroyed.containsAll(agentLegs)
                && !agentLegs.isEmpty() && harness.agentStatus("agent1").state() == AgentState.WRAP_UP, STEP, WAIT);
        harness.runUntil("agent1 available after the wrap-up",
                () -> harness.agentStatus("agent1").state() == AgentState.AVAILABLE, STEP, WAIT);
        assertEquals(List.of(QueueEventType.ENTERQUEUE, QueueEventType.CONNECT, QueueEventType.COMPLETECALLER),
                events(harness.queueLog("support")), "the end is logged once");
    }

    /**
     * The flow's heartbeat may reach the queue just after the queue connected its caller (and the Connected is
     * on its way): the queue tells it Connected again, never NotWaiting, so the caller does not enter twice.
     */
    @Test
    void aHeartbeatCrossingTheConnectedReplyDoesNotMakeANewCaller() throws Exception {
        QueueHarness harness = node.start("support { ring-timeout = 10s }");
        harness.sim().scriptEndpoint("PJSIP/agent1", PhoneScript.answerAfter(Duration.ofSeconds(1)));
        harness.login("agent1", Map.of("support", 0), Map.of());
        String caller = harness.placeCaller("support");
        String callerId = QueueHarness.ASTERISK + "/" + caller;
        harness.runUntil("the caller talks to agent1", () -> talking(harness, "agent1", caller), STEP, WAIT);

        TestProbe<QueueEntity.EnterResult> late = harness.testKit().createTestProbe();
        harness.queues().queue("support").tell(new QueueEntity.StillWaiting(callerId, late.getRef()));
        QueueEntity.Connected connected = assertInstanceOf(QueueEntity.Connected.class, late.receiveMessage(WAIT));
        assertEquals("agent1", connected.agentId());
        // so is an Enter of a flow that lost track: the caller talks, they do not join again
        harness.queues().queue("support").tell(new QueueEntity.Enter(QueueHarness.ASTERISK, caller, 0, Map.of(),
                late.getRef()));
        assertInstanceOf(QueueEntity.Connected.class, late.receiveMessage(WAIT));

        harness.advance(Duration.ofSeconds(10));
        harness.sim().calls().farEndHangup(caller);
        harness.runUntil("agent1 wraps up", () -> harness.agentStatus("agent1").state() != AgentState.ON_CALL,
                STEP, WAIT);
        assertEquals(List.of(), harness.waitingCallers("support"));
        assertEquals(List.of(QueueEventType.ENTERQUEUE, QueueEventType.CONNECT, QueueEventType.COMPLETECALLER),
                events(harness.queueLog("support")));
    }

    /**
     * A queue that does not know a caller whose flow says it still waits (here: the queue restarted and gave up
     * on the caller before the flow's next heartbeat, as if the Enter itself had been lost) answers NotWaiting,
     * and the flow enters again: the caller is served rather than left waiting for nothing.
     */
    @Test
    void aCallerTheQueueDoesNotKnowEntersAgain() throws Exception {
        SimulatedAsterisk sim = SimulatedAsterisk.start(SimConfig.defaults().withClock(SimClock.manual()));
        QueueHarness harness = node.start(sim, QueueHarness.freshJournal().withFallback(ConfigFactory.parseString(
                "switchboard.queues { reattach-grace = 1s, caller-heartbeat = 20s }")), TestTime.of(sim),
                "support { ring-timeout = 10s }");
        sim.scriptEndpoint("PJSIP/agent1", PhoneScript.answerAfter(Duration.ofSeconds(1)));
        harness.login("agent1", Map.of("support", 0), Map.of());
        pause(harness, "agent1");
        String caller = harness.placeCaller("support");
        harness.runUntil("the caller waits", () -> harness.waitingCallers("support").size() == 1, STEP, WAIT);

        harness.loseEntity("Queue", "support");
        assertEquals(List.of(caller), harness.waitingCallers("support"), "the restarted queue holds the caller");
        // the grace ends long before the flow's next heartbeat
        harness.advance(Duration.ofSeconds(2));
        harness.await("the restarted queue gave the caller up", () -> events(queueLog(harness))
                .contains(QueueEventType.ABANDON) && harness.waitingCallers("support").isEmpty());
        harness.runUntil("the caller's flow entered again", () -> harness.waitingCallers("support").equals(
                List.of(caller)), STEP, Duration.ofSeconds(30));
        TestProbe<AgentEntity.StatusReply> probe = harness.testKit().createTestProbe();
        harness.queues().agent("agent1").tell(new AgentEntity.Unpause(probe.getRef()));
        probe.expectMessageClass(AgentEntity.StatusReply.Accepted.class);
        harness.runUntil("the caller talks to agent1", () -> talking(harness, "agent1", caller), STEP, WAIT);
    }

    private static List<QueueLogEntry> queueLog(QueueHarness harness) {
        try {
            return harness.queueLog("support");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void pause(QueueHarness harness, String agent) {
        TestProbe<AgentEntity.StatusReply> probe = harness.testKit().createTestProbe();
        harness.queues().agent(agent).tell(new AgentEntity.Pause("meeting", probe.getRef()));
        probe.expectMessageClass(AgentEntity.StatusReply.Accepted.class);
    }

    private static String busyWith(QueueHarness harness, String agent) {
        AgentStatus status = harness.agentStatus(agent);
        return status.state() == AgentState.ON_CALL ? status.busyWith() : null;
    }

    private static boolean talking(QueueHarness harness, String agent, String callerChannel) {
        return (QueueHarness.ASTERISK + "/" + callerChannel).equals(busyWith(harness, agent))
                && harness.waitingCallers("support").isEmpty();
    }

    private static List<QueueEventType> events(List<QueueLogEntry> lines) {
        return lines.stream().map(QueueLogEntry::event).toList();
    }
}
