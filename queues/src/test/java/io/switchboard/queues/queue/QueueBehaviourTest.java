package io.switchboard.queues.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.queues.agent.AgentState;
import io.switchboard.queues.agent.AgentStatus;
import io.switchboard.queues.log.QueueEventType;
import io.switchboard.queues.log.QueueLogEntry;
import io.switchboard.simulator.phones.PhoneScript;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Queue behaviour end to end: simulated callers and agent phones, real queue and agent entities, on one time the
 * test moves. What a queue decides on its tick is settled before the next message it is sent: a snapshot asked
 * for after moving time already shows every tick due by then.
 */
class QueueBehaviourTest {
    private static final Duration STEP = Duration.ofMillis(250);
    /** The queues' tick in queues-test.conf: what a queue decides by time, it decides on a tick. */
    private static final Duration TICK = Duration.ofMillis(100);

    @RegisterExtension
    final QueueHarnessExtension node = new QueueHarnessExtension();

    private String agentServing(String callerChannelId) {
        for (String agent : List.of("agent1", "agent2", "agent3")) {
            AgentStatus status = node.harness().agentStatus(agent);
            if (status.busyWith() != null && status.busyWith().endsWith("/" + callerChannelId)
                    && status.state() == AgentState.ON_CALL) {
                return agent;
            }
        }
        return null;
    }

    private boolean allAvailable() {
        return List.of("agent1", "agent2", "agent3").stream()
                .allMatch(a -> node.harness().agentStatus(a).state() == AgentState.AVAILABLE);
    }

    @Test
    void rrmemoryOffersAgentsInRotationAcrossCalls() throws Exception {
        QueueHarness harness = node.start("support { strategy = rrmemory, ring-timeout = 10s, wrap-up = 0s }");
        for (String agent : List.of("agent1", "agent2", "agent3")) {
            harness.sim().scriptEndpoint("PJSIP/" + agent, PhoneScript.answerAfter(Duration.ofSeconds(1))
                    .thenHangupAfter(Duration.ofSeconds(2)));
            harness.login(agent, Map.of("support", 0), Map.of());
        }
        List<String> servedBy = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String caller = harness.placeCaller("support");
            String[] agent = new String[1];
            harness.runUntil("caller " + caller + " connected", () -> (agent[0] = agentServing(caller)) != null,
                    STEP, Duration.ofSeconds(10));
            servedBy.add(agent[0]);
            harness.runUntil("the conversation ended", this::allAvailable, STEP, Duration.ofSeconds(10));
        }
        assertEquals(List.of("agent1", "agent2", "agent3", "agent1"), servedBy);
    }

    private void awaitWaiting(String queue, List<String> expected) throws InterruptedException {
        QueueHarness harness = node.harness();
        harness.runUntil(queue + " holds " + expected, () -> harness.waitingCallers(queue).equals(expected), STEP,
                Duration.ofSeconds(60));
    }

    @Test
    void aCallerRaisedInPriorityMovesAhead() throws Exception {
        QueueHarness harness = node.start("sales { strategy = linear }");
        String first = harness.placeCaller("sales");
        awaitWaiting("sales", List.of(first));
        String second = harness.placeCaller("sales");
        awaitWaiting("sales", List.of(first, second));
        String third = harness.placeCaller("sales", "priority=0");
        awaitWaiting("sales", List.of(first, second, third));
        harness.queues().queue("sales").tell(new QueueEntity.SetPriority(QueueHarness.ASTERISK + "/" + third, 5));
        awaitWaiting("sales", List.of(third, first, second));
        String vip = harness.placeCaller("sales", "priority=9");
        awaitWaiting("sales", List.of(vip, third, first, second));
    }

    /** A caller placed with time standing still joins at the present: answers when it joined. */
    private Instant placedAndWaiting(String queue, String... options) throws InterruptedException {
        QueueHarness harness = node.harness();
        List<String> before = harness.waitingCallers(queue);
        Instant joined = harness.time().now();
        String caller = harness.placeCaller(queue, options);
        List<String> expected = new ArrayList<>(before);
        expected.add(caller);
        harness.await(queue + " holds " + expected, () -> harness.waitingCallers(queue).equals(expected));
        assertEquals(joined, harness.time().now(), "time stood still while the caller joined");
        return joined;
    }

    @Test
    void maxWaitTakesTheCallerOutWithATimeout() throws Exception {
        QueueHarness harness = node.start("short { max-wait = 60s }");
        Instant joined = placedAndWaiting("short");
        String caller = harness.waitingCallers("short").get(0);
        harness.advance(Duration.ofSeconds(60).minusMillis(1));
        assertEquals(List.of(caller), harness.waitingCallers("short"), "still waiting 1 ms before 60 s");
        harness.advance(TICK);
        harness.await("the caller timed out", () -> harness.waitingCallers("short").isEmpty());
        QueueLogEntry exit = harness.queueLog("short").stream()
                .filter(line -> line.event() == QueueEventType.EXITWITHTIMEOUT).findFirst().orElseThrow();
        assertEquals(60, exit.waitSeconds());
        assertTrue(!exit.time().isBefore(joined.plusSeconds(60)) && !exit.time().isAfter(harness.time().now()),
                "out on the first tick at or after 60 s, not before: " + exit.time());
    }

    @Test
    void maxLengthAndJoinEmptyRefuseCallers() throws Exception {
        QueueHarness harness = node.start("small { max-length = 1 }, strict { join-empty = no }");
        String first = harness.placeCaller("small");
        awaitWaiting("small", List.of(first));
        String second = harness.placeCaller("small");
        awaitLogged("small", second, QueueEventType.FULL);
        assertEquals(List.of(first), harness.waitingCallers("small"), "the second caller was refused: FULL");
        String third = harness.placeCaller("strict");
        awaitLogged("strict", third, QueueEventType.JOINEMPTY);
        assertEquals(List.of(), harness.waitingCallers("strict"), "nobody logged in: refused");
        assertEquals(List.of(QueueEventType.ENTERQUEUE, QueueEventType.FULL), events(harness.queueLog("small")));
        assertEquals(List.of(QueueEventType.JOINEMPTY), events(harness.queueLog("strict")));
    }

    private static List<QueueEventType> events(List<QueueLogEntry> lines) {
        return lines.stream().map(QueueLogEntry::event).toList();
    }

    private void awaitLogged(String queue, String channelId, QueueEventType event) throws InterruptedException {
        QueueHarness harness = node.harness();
        harness.await(queue + " logs " + event + " for " + channelId, () -> {
            try {
                return harness.queueLog(queue).stream().anyMatch(line -> line.event() == event
                        && line.callerId().endsWith("/" + channelId));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void theExitKeyTakesTheCallerOut() throws Exception {
        QueueHarness harness = node.start("keyed { exit-key = \"0\" }");
        String caller = harness.placeCaller("keyed");
        awaitWaiting("keyed", List.of(caller));
        harness.sim().calls().pressDigits(caller, "5", Duration.ofMillis(100));
        harness.advance(Duration.ofMillis(500));
        harness.sim().calls().pressDigits(caller, "0", Duration.ofMillis(100));
        awaitWaiting("keyed", List.of());
        // digits reach the queue in the order pressed (one event stream): had "5" taken the caller out, the one
        // exit line would name it
        assertEquals(List.of(QueueEventType.ENTERQUEUE, QueueEventType.EXITWITHKEY),
                events(harness.queueLog("keyed")));
        assertEquals("0", harness.queueLog("keyed").get(1).detail(), "another digit does nothing");
    }

    @Test
    void escalationWidensTheAgentsAtTheConfiguredSecond() throws Exception {
        QueueHarness harness = node.start("tiered { escalation = [{ after = 30s, max-penalty = 1 }] }");
        harness.sim().scriptEndpoint("PJSIP/agent2", PhoneScript.answerAfter(Duration.ofSeconds(1)));
        harness.login("agent2", Map.of("tiered", 1), Map.of());
        placedAndWaiting("tiered");
        String caller = harness.waitingCallers("tiered").get(0);
        harness.advance(Duration.ofSeconds(30).minusMillis(1));
        assertEquals(null, harness.snapshot("tiered").callers().get(0).offeredTo(),
                "penalty 1 not offered 1 ms before 30 s");
        harness.advance(TICK);
        assertEquals("agent2", harness.snapshot("tiered").callers().get(0).offeredTo(),
                "offered on the first tick at or after 30 s");
        String[] agent = new String[1];
        harness.runUntil("offered to agent2", () -> (agent[0] = agentServing(caller)) != null, STEP,
                Duration.ofSeconds(10));
        assertEquals("agent2", agent[0]);
    }

    @Test
    void skillsDecideWhoMayTakeTheCaller() throws Exception {
        QueueHarness harness = node.start("skilled { strategy = linear }");
        for (String agent : List.of("agent1", "agent2")) {
            harness.sim().scriptEndpoint("PJSIP/" + agent, PhoneScript.answerAfter(Duration.ofSeconds(1)));
        }
        harness.login("agent1", Map.of("skilled", 0), Map.of("billing", 20));
        harness.login("agent2", Map.of("skilled", 0), Map.of("billing", 80));
        String caller = harness.placeCaller("skilled", "skills=billing:50");
        String[] agent = new String[1];
        harness.runUntil("connected", () -> (agent[0] = agentServing(caller)) != null, STEP, Duration.ofSeconds(10));
        assertEquals("agent2", agent[0], "only agent2 is good enough at billing");
    }

    @Test
    void anUnansweredOfferRingsTheNextAgentAndAutopausesTheSilentOne() throws Exception {
        QueueHarness harness = node.start(
                "retry { strategy = linear, ring-timeout = 3s, retry-delay = 1s, autopause-after = 1 }");
        harness.sim().scriptEndpoint("PJSIP/agent1", PhoneScript.neverAnswer());
        harness.sim().scriptEndpoint("PJSIP/agent2", PhoneScript.answerAfter(Duration.ofSeconds(1)));
        harness.login("agent1", Map.of("retry", 0), Map.of());
        harness.login("agent2", Map.of("retry", 0), Map.of());
        String caller = harness.placeCaller("retry");
        String[] agent = new String[1];
        harness.runUntil("connected", () -> (agent[0] = agentServing(caller)) != null, STEP, Duration.ofSeconds(20));
        assertEquals("agent2", agent[0]);
        AgentStatus silent = harness.agentStatus("agent1");
        assertEquals(AgentState.PAUSED, silent.state());
        assertEquals("autopause", silent.pauseReason());
    }

    @Test
    void ringallRingsEveryAgentAndTheFirstToAnswerGetsTheCall() throws Exception {
        QueueHarness harness = node.start("all { strategy = ringall, ring-timeout = 10s }");
        harness.sim().scriptEndpoint("PJSIP/agent1", PhoneScript.answerAfter(Duration.ofSeconds(4)));
        harness.sim().scriptEndpoint("PJSIP/agent2", PhoneScript.answerAfter(Duration.ofSeconds(1)));
        harness.login("agent1", Map.of("all", 0), Map.of());
        harness.login("agent2", Map.of("all", 0), Map.of());
        String caller = harness.placeCaller("all");
        harness.runUntil("both ringing", () -> harness.agentStatus("agent1").state() == AgentState.RINGING
                && harness.agentStatus("agent2").state() == AgentState.RINGING, Duration.ofMillis(100),
                Duration.ofMillis(900));
        String[] agent = new String[1];
        harness.runUntil("connected", () -> (agent[0] = agentServing(caller)) != null, STEP, Duration.ofSeconds(10));
        assertEquals("agent2", agent[0]);
        harness.runUntil("agent1 freed", () -> harness.agentStatus("agent1").state() == AgentState.AVAILABLE,
                STEP, Duration.ofSeconds(10));
    }

    @Test
    void configChangesApplyAtOnceAndNobodyLosesTheirPlace() throws Exception {
        QueueHarness harness = node.start("live { strategy = linear }");
        String first = harness.placeCaller("live");
        awaitWaiting("live", List.of(first));
        String second = harness.placeCaller("live");
        awaitWaiting("live", List.of(first, second));
        QueueConfig shorter = harness.snapshot("live").config().withTimers(Duration.ofSeconds(15),
                Duration.ofSeconds(5), Duration.ZERO, Duration.ofSeconds(90));
        var probe = harness.testKit().<QueueEntity.QueueSnapshot>createTestProbe();
        harness.queues().queue("live").tell(new QueueEntity.UpdateConfig(shorter, probe.getRef()));
        var updated = probe.receiveMessage(Duration.ofSeconds(5));
        assertEquals(Duration.ofSeconds(90), updated.config().maxWait());
        assertEquals(List.of(first, second), harness.waitingCallers("live"), "same callers, same order");
        harness.advance(Duration.ofSeconds(90));
        awaitWaiting("live", List.of());
    }

    @Test
    void leaveWhenEmptyEmptiesTheQueueWhenTheLastAgentLogsOut() throws Exception {
        QueueHarness harness = node.start("emptying { leave-when-empty = yes }");
        harness.login("agent1", Map.of("emptying", 0), Map.of());
        var replies = harness.testKit().<io.switchboard.queues.agent.AgentEntity.StatusReply>createTestProbe();
        harness.queues().agent("agent1").tell(new io.switchboard.queues.agent.AgentEntity.Pause("break",
                replies.getRef()));
        replies.receiveMessage(Duration.ofSeconds(5));
        String caller = harness.placeCaller("emptying");
        awaitWaiting("emptying", List.of(caller));
        harness.queues().agent("agent1").tell(new io.switchboard.queues.agent.AgentEntity.Logout(replies.getRef()));
        awaitWaiting("emptying", List.of());
    }

    @Test
    void callersWaitInTheQueuesHoldingBridgeAndMoveToTheAgentsBridge() throws Exception {
        QueueHarness harness = node.start("room { strategy = linear }");
        Map<String, List<String>> bridgesEntered = new java.util.concurrent.ConcurrentHashMap<>();
        harness.sim().tapEvents(event -> {
            if (event instanceof io.switchboard.ari.events.ChannelEnteredBridge entered) {
                bridgesEntered.computeIfAbsent(entered.channel().id(), id -> new java.util.concurrent.CopyOnWriteArrayList<>())
                        .add(entered.bridge().bridgeType() + ":" + entered.bridge().id());
            }
        });
        String caller = harness.placeCaller("room");
        harness.runUntil("in the waiting room", () -> bridgesEntered.getOrDefault(caller, List.of())
                .contains("holding:queue-room"), STEP, Duration.ofSeconds(10));
        harness.sim().scriptEndpoint("PJSIP/agent1", PhoneScript.answerAfter(Duration.ofSeconds(1)));
        harness.login("agent1", Map.of("room", 0), Map.of());
        harness.runUntil("with the agent", () -> bridgesEntered.getOrDefault(caller, List.of()).stream()
                .anyMatch(b -> b.startsWith("mixing:")), STEP, Duration.ofSeconds(10));
    }

    @Test
    void whenTheAgentHangsUpTheCallerGoesOnAsConfigured() throws Exception {
        QueueHarness harness = node.start("survey { after-agent-hangup = \"dialplan:sim,answer,1\" }");
        java.util.Set<String> leftTheApp = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.Set<String> destroyed = java.util.concurrent.ConcurrentHashMap.newKeySet();
        harness.sim().tapEvents(event -> {
            if (event instanceof io.switchboard.ari.events.StasisEnd end) {
                leftTheApp.add(end.channel().id());
            }
            if (event instanceof io.switchboard.ari.events.ChannelHangupRequest hangup) {
                destroyed.add(hangup.channel().id());
            }
        });
        harness.sim().scriptEndpoint("PJSIP/agent1", PhoneScript.answerAfter(Duration.ofSeconds(1))
                .thenHangupAfter(Duration.ofSeconds(2)));
        harness.login("agent1", Map.of("survey", 0), Map.of());
        String caller = harness.placeCaller("survey");
        harness.runUntil("the caller went on to the dialplan", () -> leftTheApp.contains(caller), STEP,
                Duration.ofSeconds(20));
        assertEquals(false, destroyed.contains(caller), "the caller was not hung up");
    }

    @Test
    void anAgentWhosePhoneGoesOfflineIsPausedUntilItIsBack() throws Exception {
        QueueHarness harness = node.start("presence { }");
        harness.login("agent1", Map.of("presence", 0), Map.of());
        harness.sim().setEndpointState("PJSIP/agent1", "offline");
        harness.runUntil("paused as unreachable", () -> {
            AgentStatus status = harness.agentStatus("agent1");
            return status.state() == AgentState.PAUSED && "unreachable".equals(status.pauseReason());
        }, STEP, Duration.ofSeconds(10));
        harness.sim().setEndpointState("PJSIP/agent1", "online");
        harness.runUntil("available again", () -> harness.agentStatus("agent1").state() == AgentState.AVAILABLE,
                STEP, Duration.ofSeconds(10));
    }
}
