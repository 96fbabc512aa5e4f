package io.switchboard.queues.queue;

import io.switchboard.testkit.time.TestTime;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import io.switchboard.queues.agent.AgentState;
import io.switchboard.queues.agent.AgentStatus;
import io.switchboard.queues.log.QueueFigures;
import io.switchboard.queues.log.QueueStatistics;
import io.switchboard.simulator.SimConfig;
import io.switchboard.simulator.SimulatedAsterisk;
import io.switchboard.simulator.clock.SimClock;
import io.switchboard.simulator.phones.PhoneScript;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The live queue figures, end to end: simulated callers are answered, one abandons, one hangs up at once (a
 * short abandon), one times out; the node's {@link QueueStatistics}, reading the journal, comes to exactly
 * the figures those outcomes give. Waits and talk times are set by the one clock, moved by hand; agents answer at
 * once and time stands still between the moves, so each wait and talk is exactly what the comments say.
 */
class QueueStatisticsEndToEndTest {

    @RegisterExtension
    final QueueHarnessExtension node = new QueueHarnessExtension();

    private void awaitWaiting(String... expected) throws InterruptedException {
        QueueHarness harness = node.harness();
        harness.await("stats holds " + List.of(expected),
                () -> harness.waitingCallers("stats").equals(List.of(expected)));
    }

    /** The agent answered; the caller counts as connected once it has left the waiting list too. */
    private void awaitTalking(String agent, String callerChannelId) throws InterruptedException {
        QueueHarness harness = node.harness();
        harness.await(agent + " talks to " + callerChannelId, () -> {
            AgentStatus status = harness.agentStatus(agent);
            return status.state() == AgentState.ON_CALL
                    && (QueueHarness.ASTERISK + "/" + callerChannelId).equals(status.busyWith());
        });
    }

    private QueueFigures figures() {
        QueueHarness harness = node.harness();
        TestProbe<QueueFigures> probe = harness.testKit().createTestProbe();
        harness.queues().statistics().tell(new QueueStatistics.GetFigures("stats", probe.getRef()));
        return probe.receiveMessage(Duration.ofSeconds(5));
    }

    private void awaitFigures(String what, java.util.function.Predicate<QueueFigures> reached) {
        TestProbe<Void> waiter = node.harness().testKit().createTestProbe();
        waiter.awaitAssert(Duration.ofSeconds(15), Duration.ofMillis(50), () -> {
            QueueFigures now = figures();
            if (!reached.test(now)) {
                throw new AssertionError(what + " not yet: " + now);
            }
            return null;
        });
    }

    @Test
    void figuresFollowTheCallsOutcomes() throws Exception {
        SimulatedAsterisk sim = SimulatedAsterisk.start(SimConfig.defaults().withClock(SimClock.manual()));
        QueueHarness harness = node.start(sim, QueueHarness.freshJournal().withFallback(ConfigFactory.parseString(
                "switchboard.queues { service-level = 20s, short-abandon = 5s }\n"
                        + "jdbc-read-journal.refresh-interval = 50ms\n")),
                TestTime.of(sim), "stats { strategy = linear, max-wait = 100s, wrap-up = 0s }");
        TestProbe<QueueStatistics.FiguresChanged> wallboard = harness.testKit().createTestProbe();
        harness.queues().statistics().tell(new QueueStatistics.Subscribe(wallboard.getRef()));
        harness.sim().scriptEndpoint("PJSIP/agent1", PhoneScript.answerAfter(Duration.ZERO));
        harness.sim().scriptEndpoint("PJSIP/agent2", PhoneScript.answerAfter(Duration.ZERO)
                .thenHangupAfter(Duration.ofSeconds(120)));

        // t = 0: five callers, nobody logged in
        String a = harness.placeCaller("stats");
        awaitWaiting(a);
        String b = harness.placeCaller("stats");
        awaitWaiting(a, b);
        String c = harness.placeCaller("stats");
        awaitWaiting(a, b, c);
        String d = harness.placeCaller("stats");
        awaitWaiting(a, b, c, d);
        String e = harness.placeCaller("stats");
        awaitWaiting(a, b, c, d, e);
        awaitFigures("five waiting", f -> f.callsWaiting() == 5);

        // t = 10: a and b are answered after 10 s
        harness.advance(Duration.ofSeconds(10));
        harness.login("agent1", Map.of("stats", 0), Map.of());
        awaitTalking("agent1", a);
        awaitWaiting(b, c, d, e);
        harness.login("agent2", Map.of("stats", 0), Map.of());
        awaitTalking("agent2", b);
        awaitWaiting(c, d, e);
        awaitFigures("a and b answered", f -> f.answered() == 2 && f.averageSpeedOfAnswer() == 10.0);

        // t = 40: c gives up after 40 s
        harness.advance(Duration.ofSeconds(30));
        harness.sim().calls().farEndHangup(c);
        awaitWaiting(d, e);

        // t = 70: a hangs up after 60 s of talk; agent1 takes d, who waited 70 s
        harness.advance(Duration.ofSeconds(30));
        harness.sim().calls().farEndHangup(a);
        awaitTalking("agent1", d);
        awaitWaiting(e);

        // t = 100: e reaches the maximum wait
        harness.advance(Duration.ofSeconds(30));
        awaitWaiting();

        // t = 100..102: f hangs up at once, a short abandon
        String f = harness.placeCaller("stats");
        awaitWaiting(f);
        harness.advance(Duration.ofSeconds(2));
        harness.sim().calls().farEndHangup(f);
        awaitWaiting();

        // t = 130: agent2 ends b's call (120 s), then d hangs up (60 s of talk)
        harness.advance(Duration.ofSeconds(28));
        harness.await("agent2 hung up", () -> harness.agentStatus("agent2").state() == AgentState.AVAILABLE);
        harness.sim().calls().farEndHangup(d);
        harness.await("agent1 free", () -> harness.agentStatus("agent1").state() == AgentState.AVAILABLE);

        // offered 6 = 3 answered + 2 abandoned + 1 timed out; 2 of 3 answered within 20 s
        QueueFigures expected = new QueueFigures(0, 0, 6, 3, 2, 2, 1, 1, 0, 0, 0,
                2.0 / 4,        // SL: in threshold / (answered + abandoned - short)
                2.0 / 6,        // SL2: in threshold / offered
                90.0 / 3,       // ASA: (10 + 10 + 70) / 3
                240.0 / 3,      // AHT: (60 + 60 + 120) / 3, no wrap-up
                1.0 / 5);       // abandonment: (2 - 1 short) / (6 - 1 short)
        awaitFigures("every call ended", now -> now.equals(expected));
        wallboard.fishForMessage(Duration.ofSeconds(10), "the wallboard's last figures",
                changed -> changed.figures().equals(expected) ? FishingOutcomes.complete()
                        : FishingOutcomes.continueAndIgnore());
        assertEquals(expected, figures());
    }
}
