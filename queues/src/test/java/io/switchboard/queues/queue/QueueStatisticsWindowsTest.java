package io.switchboard.queues.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.queues.agent.AgentState;
import io.switchboard.queues.log.QueueFigures;
import io.switchboard.queues.log.QueueStatistics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A node's statistics answer by window: a call answered 16 minutes ago is out of the last 15m, not of today. */
class QueueStatisticsWindowsTest {
    @RegisterExtension
    final QueueHarnessExtension node = new QueueHarnessExtension();

    private QueueStatistics.WindowReply ask(String window) {
        QueueHarness harness = node.harness();
        TestProbe<QueueStatistics.WindowReply> probe = harness.testKit().createTestProbe();
        harness.queues().statistics().tell(new QueueStatistics.GetWindowFigures("win", window, probe.getRef()));
        return probe.receiveMessage(Duration.ofSeconds(5));
    }

    private QueueStatistics.WindowFigures figures(String window) {
        return (QueueStatistics.WindowFigures) ask(window);
    }

    @Test
    void figuresAreReadOverTheNamedWindow() throws Exception {
        QueueHarness harness = node.start("win { strategy = linear }");
        harness.sim().scriptEndpoint("PJSIP/agent1", io.switchboard.simulator.phones.PhoneScript.answerAfter(
                Duration.ZERO));
        harness.placeCaller("win");
        harness.await("a caller waits", () -> harness.snapshot("win").callers().size() == 1);
        harness.advance(Duration.ofSeconds(10));
        harness.login("agent1", Map.of("win", 0), Map.of());
        harness.await("agent1 talks", () -> harness.agentStatus("agent1").state() == AgentState.ON_CALL);

        TestProbe<Void> waiter = harness.testKit().createTestProbe();
        waiter.awaitAssert(Duration.ofSeconds(15), Duration.ofMillis(50), () -> {
            assertEquals(1, figures("15m").figures().answered());
            return null;
        });
        assertEquals(10.0, figures("15m").figures().averageSpeedOfAnswer());
        assertEquals("today", figures("today").window());

        harness.advance(Duration.ofMinutes(16));
        assertEquals(0, figures("15m").figures().answered());
        assertEquals(1, figures("today").figures().answered());
        assertEquals(1, figures("1h").figures().answered());
        assertEquals(1, figures("all").figures().answered());
        assertEquals(new QueueStatistics.UnknownWindow("2h", List.of("all", "today", "15m", "1h")), ask("2h"));

        TestProbe<QueueStatistics.FiguresByWindow> all = harness.testKit().createTestProbe();
        harness.queues().statistics().tell(new QueueStatistics.GetFiguresByWindow(all.getRef()));
        Map<String, Map<String, QueueFigures>> byWindow = all.receiveMessage(Duration.ofSeconds(5)).byWindow();
        assertEquals(java.util.Set.of("all", "today", "15m", "1h"), byWindow.keySet());
        assertEquals(0, byWindow.get("15m").get("win").answered());
        assertEquals(figures("today").figures(), byWindow.get("today").get("win"));
    }
}
