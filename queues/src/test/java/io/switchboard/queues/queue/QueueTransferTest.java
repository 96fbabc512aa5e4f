package io.switchboard.queues.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.ari.events.ChannelDestroyed;
import io.switchboard.ari.events.ChannelEnteredBridge;
import io.switchboard.ari.events.StasisEnd;
import io.switchboard.testkit.time.TestTime;
import io.switchboard.simulator.SimConfig;
import io.switchboard.simulator.SimulatedAsterisk;
import io.switchboard.simulator.clock.SimClock;
import io.switchboard.queues.agent.AgentState;
import io.switchboard.queues.agent.AgentStatus;
import io.switchboard.queues.log.QueueEventType;
import io.switchboard.queues.log.QueueFigures;
import io.switchboard.queues.log.QueueLogEntry;
import io.switchboard.queues.log.QueueStatistics;
import io.switchboard.simulator.phones.PhoneScript;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A caller talking to an agent of one queue is transferred to another: the agent's leg is hung up and the agent
 * wraps up, the caller waits in the other queue's room and is bridged to that queue's agent. The first queue
 * logs TRANSFER and counts the call as answered, never as abandoned.
 */
class QueueTransferTest {
    private static final Duration STEP = Duration.ofMillis(250);
    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    final QueueHarnessExtension node = new QueueHarnessExtension();

    private boolean talkingTo(String agentId, String callerChannelId) {
        AgentStatus status = node.harness().agentStatus(agentId);
        return status.state() == AgentState.ON_CALL
                && (QueueHarness.ASTERISK + "/" + callerChannelId).equals(status.busyWith());
    }

    private QueueEntity.TransferReply transfer(String fromQueue, String caller, String toQueue) throws Exception {
        return node.harness().queues().transferCaller(fromQueue, caller, toQueue, Duration.ofSeconds(5))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aConnectedCallerIsTransferredToAnotherQueueAndBridgedToItsAgent() throws Exception {
        QueueHarness harness = node.start("sales { ring-timeout = 10s, wrap-up = 10m }\n"
                + "support { ring-timeout = 10s, wrap-up = 0s }");
        Map<String, List<String>> bridgesOf = new ConcurrentHashMap<>();
        Set<String> agent2Bridges = ConcurrentHashMap.newKeySet();
        Set<String> agent1LegsEnded = ConcurrentHashMap.newKeySet();
        harness.sim().tapEvents(event -> {
            if (event instanceof ChannelEnteredBridge entered) {
                bridgesOf.computeIfAbsent(entered.channel().id(), id -> new CopyOnWriteArrayList<>())
                        .add(entered.bridge().id());
                if (entered.channel().name().startsWith("PJSIP/agent2-")) {
                    agent2Bridges.add(entered.bridge().id());
                }
            }
            if (event instanceof ChannelDestroyed destroyed && destroyed.channel().name().startsWith("PJSIP/agent1-")) {
                agent1LegsEnded.add(destroyed.channel().id());
            }
        });
        harness.sim().scriptEndpoint("PJSIP/agent1", PhoneScript.answerAfter(Duration.ZERO));
        harness.login("agent1", Map.of("sales", 0), Map.of());
        String caller = harness.placeCaller("sales", "priority=3");
        // time stands still until the transfer: the caller waits 0 s and talks exactly 45 s
        harness.await("agent1 takes the caller", () -> talkingTo("agent1", caller)
                && harness.snapshot("sales").callers().isEmpty());
        harness.advance(Duration.ofSeconds(45));

        // support has nobody yet: the caller waits there, in support's room
        var transferred = assertInstanceOf(QueueEntity.Transferred.class, transfer("sales", caller, "support"));
        assertEquals(QueueHarness.ASTERISK + "/" + caller, transferred.callerId());
        harness.runUntil("the caller waits in support", () -> harness.snapshot("support").callers().size() == 1,
                STEP, WAIT);
        QueueEntity.CallerView waiting = harness.snapshot("support").callers().get(0);
        assertEquals(3, waiting.priority(), "the caller's priority goes along");
        harness.runUntil("agent1's leg hung up, agent1 wrapping up", () -> !agent1LegsEnded.isEmpty()
                && harness.agentStatus("agent1").state() == AgentState.WRAP_UP, STEP, WAIT);
        harness.runUntil("the caller is in support's room", () -> bridgesOf.getOrDefault(caller, List.of())
                .contains("queue-support"), STEP, WAIT);

        harness.sim().scriptEndpoint("PJSIP/agent2", PhoneScript.answerAfter(Duration.ofSeconds(1)));
        harness.login("agent2", Map.of("support", 0), Map.of());
        harness.runUntil("agent2 takes the caller", () -> talkingTo("agent2", caller)
                && harness.snapshot("support").callers().isEmpty(), STEP, WAIT);
        harness.runUntil("the caller is bridged with agent2", () -> {
            List<String> bridges = bridgesOf.get(caller);
            return agent2Bridges.contains(bridges.get(bridges.size() - 1));
        }, STEP, WAIT);

        awaitLines(List.of(QueueEventType.ENTERQUEUE, QueueEventType.CONNECT, QueueEventType.TRANSFER), "sales");
        awaitLines(List.of(QueueEventType.ENTERQUEUE, QueueEventType.CONNECT), "support");
        QueueLogEntry line = lines("sales").get(2);
        assertEquals("support", line.detail());
        assertEquals("agent1", line.agent());
        assertEquals(45, line.talkSeconds());
        assertEquals(0, line.waitSeconds());
        assertEquals(1, line.originalPosition());

        awaitFigures("sales", f -> f.answered() == 1 && f.abandoned() == 0 && f.offered() == 1
                && f.averageHandleTime() == 45.0);
        awaitFigures("support", f -> f.answered() == 1 && f.abandoned() == 0);
    }

    @Test
    void aCallerCalledBackIsTransferredLikeAnyOther() throws Exception {
        SimulatedAsterisk sim = SimulatedAsterisk.start(SimConfig.defaults().withClock(SimClock.manual())
                .withEndpoints(List.of("PJSIP/agent1", "PJSIP/agent2", "PJSIP/5551234")));
        QueueHarness harness = node.start(sim, QueueHarness.freshJournal(), TestTime.of(sim),
                "cb { callback-key = \"*\", callback-endpoint = \"PJSIP/{number}\", ring-timeout = 10s }\n"
                        + "support { ring-timeout = 10s }");
        Set<String> leftTheApp = ConcurrentHashMap.newKeySet();
        sim.tapEvents(event -> {
            if (event instanceof StasisEnd end) {
                leftTheApp.add(end.channel().id());
            }
        });
        // nobody serves cb yet: the caller leaves a number and hangs up
        String caller = sim.calls().inbound("cb", "talk", "Ann <5551234>").channelId();
        harness.runUntil("the caller waits", () -> harness.snapshot("cb").callers().size() == 1, STEP, WAIT);
        sim.calls().pressDigits(caller, "*5551234#", Duration.ofMillis(200));
        harness.runUntil("the caller hung up, keeping their place", () -> leftTheApp.contains(caller), STEP,
                Duration.ofSeconds(30));

        sim.scriptEndpoint("PJSIP/5551234", PhoneScript.answerAfter(Duration.ofSeconds(2)));
        sim.scriptEndpoint("PJSIP/agent1", PhoneScript.answerAfter(Duration.ofSeconds(1)));
        harness.login("agent1", Map.of("cb", 0), Map.of());
        harness.runUntil("the called-back caller talks to agent1", () -> talkingTo("agent1", caller)
                && harness.snapshot("cb").callers().isEmpty(), STEP, Duration.ofSeconds(30));

        assertInstanceOf(QueueEntity.Transferred.class, transfer("cb", caller, "support"));
        sim.scriptEndpoint("PJSIP/agent2", PhoneScript.answerAfter(Duration.ofSeconds(1)));
        harness.login("agent2", Map.of("support", 0), Map.of());
        harness.runUntil("agent2 talks to the called-back caller", () -> {
            AgentStatus agent2 = harness.agentStatus("agent2");
            return agent2.state() == AgentState.ON_CALL && "support".equals(agent2.busyInQueue())
                    && harness.snapshot("support").callers().isEmpty();
        }, STEP, WAIT);
        harness.runUntil("agent1 free again (cb has no wrap-up)",
                () -> harness.agentStatus("agent1").state() == AgentState.AVAILABLE, STEP, WAIT);
        awaitLines(List.of(QueueEventType.ENTERQUEUE, QueueEventType.CALLBACK, QueueEventType.CONNECT,
                QueueEventType.TRANSFER), "cb");
    }

    @Test
    void transfersOfUnknownCallersOrToUnknownQueuesAreRefused() throws Exception {
        node.start("sales { }\nsupport { }");
        assertEquals(QueueEntity.TransferRefused.Refusal.UNKNOWN_QUEUE,
                assertInstanceOf(QueueEntity.TransferRefused.class, transfer("sales", "caller-1", "nowhere")).reason());
        assertEquals(QueueEntity.TransferRefused.Refusal.UNKNOWN_QUEUE,
                assertInstanceOf(QueueEntity.TransferRefused.class, transfer("sales", "caller-1", " ")).reason());
        assertEquals(QueueEntity.TransferRefused.Refusal.SAME_QUEUE,
                assertInstanceOf(QueueEntity.TransferRefused.class, transfer("sales", "caller-1", "sales")).reason());
        assertEquals(QueueEntity.TransferRefused.Refusal.UNKNOWN_CALLER,
                assertInstanceOf(QueueEntity.TransferRefused.class, transfer("sales", "caller-1", "support")).reason());
    }

    private List<QueueLogEntry> lines(String queue) throws Exception {
        return node.harness().queueLog(queue);
    }

    private void awaitLines(List<QueueEventType> expected, String queue) {
        TestProbe<Void> waiter = node.harness().testKit().createTestProbe();
        waiter.awaitAssert(WAIT, Duration.ofMillis(100), () -> {
            assertEquals(expected, lines(queue).stream().map(QueueLogEntry::event).toList());
            return null;
        });
    }

    private void awaitFigures(String queue, java.util.function.Predicate<QueueFigures> reached) {
        QueueHarness harness = node.harness();
        TestProbe<QueueFigures> probe = harness.testKit().createTestProbe();
        probe.awaitAssert(Duration.ofSeconds(15), Duration.ofMillis(100), () -> {
            harness.queues().statistics().tell(new QueueStatistics.GetFigures(queue, probe.getRef()));
            QueueFigures now = probe.receiveMessage(Duration.ofSeconds(5));
            assertTrue(reached.test(now), queue + ": " + now);
            return null;
        });
    }
}
