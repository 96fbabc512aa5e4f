package io.switchboard.queues.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.typesafe.config.Config;
import io.switchboard.ari.events.ChannelDestroyed;
import io.switchboard.ari.events.ChannelEnteredBridge;
import io.switchboard.ari.events.StasisStart;
import io.switchboard.queues.agent.AgentState;
import io.switchboard.queues.agent.AgentStatus;
import io.switchboard.queues.log.QueueEventType;
import io.switchboard.queues.log.QueueLogEntry;
import io.switchboard.simulator.SimConfig;
import io.switchboard.simulator.SimulatedAsterisk;
import io.switchboard.simulator.clock.SimClock;
import io.switchboard.simulator.state.AriError;
import io.switchboard.simulator.phones.PhoneScript;
import io.switchboard.testkit.time.TestTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The entities of a conversation's parties are lost while caller and agent talk on in Asterisk: the queue's
 * watch on them is renewed and still hears the end, and a caller's flow run again after its node was lost finds
 * the caller talking and leaves them be.
 */
class PartyEntityLostTest {
    private static final Duration STEP = Duration.ofMillis(250);
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String QUEUES = "support { ring-timeout = 10s, wrap-up = 10m }\nother { ring-timeout = 10s }";

    @RegisterExtension
    final QueueHarnessExtension node = new QueueHarnessExtension();

    /** Channel id → names of the bridges it entered, in order; the agents' legs; the channels destroyed. */
    private final Map<String, List<String>> bridgesOf = new ConcurrentHashMap<>();
    private final Set<String> agentLegs = ConcurrentHashMap.newKeySet();
    private final Set<String> destroyed = ConcurrentHashMap.newKeySet();

    private void follow(SimulatedAsterisk sim) {
        sim.tapEvents(event -> {
            if (event instanceof ChannelEnteredBridge entered) {
                bridgesOf.computeIfAbsent(entered.channel().id(), id -> new CopyOnWriteArrayList<>())
                        .add(entered.bridge().id());
            }
            if (event instanceof StasisStart start && start.channel().name().startsWith("PJSIP/agent1-")) {
                agentLegs.add(start.channel().id());
            }
            if (event instanceof ChannelDestroyed gone) {
                destroyed.add(gone.channel().id());
            }
        });
    }

    /**
     * The agent's leg's entity is lost (stopped through its sharding path, as if with its node), then the agent
     * hangs up: the queue's watch on the leg, lost with the entity, is told again at the next renewal (1 s in these
     * tests, on the queue's clock: the test moves time), the fresh entity finds the channel gone, and the caller is
     * hung up.
     */
    @Test
    void theAgentsHangUpIsHeardAfterTheirLegsEntityWasLost() throws Exception {
        QueueHarness harness = node.start(QUEUES);
        follow(harness.sim());
        harness.sim().scriptEndpoint("PJSIP/agent1", PhoneScript.answerAfter(Duration.ofSeconds(1)));
        harness.login("agent1", Map.of("support", 0), Map.of());
        String caller = harness.placeCaller("support");
        harness.runUntil("the caller talks to agent1", () -> talking(harness, caller), STEP, WAIT);
        String leg = agentLegs.iterator().next();

        harness.loseEntity("Channel", QueueHarness.ASTERISK + "/" + leg);
        assertEquals(leg, harness.sim().calls().hangupPhone("PJSIP/agent1"));

        harness.runUntil("the caller hung up after the agent", () -> destroyed.contains(caller), STEP, WAIT);
        harness.runUntil("agent1 wrapping up", () -> harness.agentStatus("agent1").state() == AgentState.WRAP_UP,
                STEP, WAIT);
        assertEquals(List.of(QueueEventType.ENTERQUEUE, QueueEventType.CONNECT, QueueEventType.COMPLETEAGENT),
                events(harness.queueLog("support")));
    }

    /**
     * The whole node is lost while the caller talks; a new node adopts the call and runs the caller's flow again
     * ({@code resumed}). The flow finds the caller talking: it neither moves them to the queue's room nor enters
     * them again. That it waits on the conversation shows when the caller is transferred: the resumed flow takes
     * them to the other queue.
     */
    @Test
    void aResumedFlowOfATalkingCallerLeavesTheConversationAlone() throws Exception {
        SimulatedAsterisk sim = SimulatedAsterisk.start(SimConfig.defaults().withClock(SimClock.manual()));
        follow(sim);
        TestTime time = TestTime.of(sim);
        Config journal = QueueHarness.freshJournal();
        String caller;
        try {
            QueueHarness lost = QueueHarness.start(sim, journal, time, QUEUES);
            try {
                sim.scriptEndpoint("PJSIP/agent1", PhoneScript.answerAfter(Duration.ofSeconds(1)));
                lost.login("agent1", Map.of("support", 0), Map.of());
                caller = lost.placeCaller("support");
                lost.runUntil("the caller talks to agent1", () -> talking(lost, caller), STEP, WAIT);
            } finally {
                lost.stopNode();
            }
        } catch (Exception | AssertionError e) {
            sim.close();
            throw e;
        }
        String leg = agentLegs.iterator().next();
        assertEquals(List.of("queue-support", bridgesOf.get(leg).get(0)), bridgesOf.get(caller),
                "the caller waited in the room, then was bridged with agent1");

        QueueHarness harness = node.start(sim, journal, time, QUEUES);
        harness.runUntil("agent1 still talks to the caller", () -> talking(harness, caller), STEP, WAIT);
        var transferred = harness.queues().transferCaller("support", caller, "other", Duration.ofSeconds(5))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertInstanceOf(QueueEntity.Transferred.class, transferred);
        harness.runUntil("the resumed flow took the caller to the other queue",
                () -> harness.waitingCallers("other").equals(List.of(caller)), STEP, WAIT);

        assertEquals(List.of("queue-support", bridgesOf.get(leg).get(0), "queue-other"), bridgesOf.get(caller),
                "never moved back into support's room");
        // (the simulator does not tell the new node's app of the leg's end: it forgets what an app followed when
        // its socket closes, where Asterisk keeps it; so the leg's end is read from the simulator itself)
        harness.runUntil("agent1's leg hung up, agent1 wrapping up", () -> gone(sim, leg)
                && harness.agentStatus("agent1").state() == AgentState.WRAP_UP, STEP, WAIT);
        assertEquals(List.of(QueueEventType.ENTERQUEUE, QueueEventType.CONNECT, QueueEventType.TRANSFER),
                events(harness.queueLog("support")), "entered support once");
    }

    private static boolean gone(SimulatedAsterisk sim, String channelId) {
        try {
            sim.media(channelId);
            return false;
        } catch (AriError notFound) {
            return true;
        }
    }

    private static boolean talking(QueueHarness harness, String callerChannel) {
        AgentStatus status = harness.agentStatus("agent1");
        return status.state() == AgentState.ON_CALL
                && (QueueHarness.ASTERISK + "/" + callerChannel).equals(status.busyWith())
                && harness.waitingCallers("support").isEmpty();
    }

    private static List<QueueEventType> events(List<QueueLogEntry> lines) {
        return lines.stream().map(QueueLogEntry::event).toList();
    }
}
