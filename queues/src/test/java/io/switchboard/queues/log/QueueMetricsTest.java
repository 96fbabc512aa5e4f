package io.switchboard.queues.log;

import static io.switchboard.queues.log.QueueEventType.ABANDON;
import static io.switchboard.queues.log.QueueEventType.CALLBACK;
import static io.switchboard.queues.log.QueueEventType.COMPLETEAGENT;
import static io.switchboard.queues.log.QueueEventType.COMPLETECALLER;
import static io.switchboard.queues.log.QueueEventType.EXITEMPTY;
import static io.switchboard.queues.log.QueueEventType.EXITWITHKEY;
import static io.switchboard.queues.log.QueueEventType.EXITWITHTIMEOUT;
import static io.switchboard.queues.log.QueueEventType.TRANSFER;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

class QueueMetricsTest {
    private static final String QUEUE = "sales";
    private static final Instant OPEN = Instant.parse("2025-03-03T08:00:00Z");
    private static final MetricsThresholds THRESHOLDS =
            new MetricsThresholds(Duration.ofSeconds(20), Duration.ofSeconds(5));

    /**
     * 500 calls, one every 60 s:
     * 250 answered after 10 s (talk 120, wrap-up 30); 100 answered after exactly 20 s (talk 200, no wrap-up);
     * 50 answered after 60 s (talk 300, wrap-up 30; half of them transferred); 40 abandoned after 3 s (short);
     * 30 abandoned after 45 s; 10 timed out after 300 s; 5 left with a key after 30 s; 5 taken out empty;
     * 10 asked for a callback after 40 s and were connected at 100 s (talk 60, no wrap-up).
     */
    @Test
    void aScriptedDayOf500CallsGivesTheExpectedFigures() {
        List<QueueLogEntry> day = new ArrayList<>();
        int call = 0;
        for (int i = 0; i < 250; i++) {
            answered(day, call++, 10, 120, 30, COMPLETECALLER);
        }
        for (int i = 0; i < 100; i++) {
            answered(day, call++, 20, 200, 0, COMPLETEAGENT);
        }
        for (int i = 0; i < 50; i++) {
            answered(day, call++, 60, 300, 30, i % 2 == 0 ? TRANSFER : COMPLETECALLER);
        }
        for (int i = 0; i < 40; i++) {
            left(day, call++, ABANDON, 3);
        }
        for (int i = 0; i < 30; i++) {
            left(day, call++, ABANDON, 45);
        }
        for (int i = 0; i < 10; i++) {
            left(day, call++, EXITWITHTIMEOUT, 300);
        }
        for (int i = 0; i < 5; i++) {
            left(day, call++, EXITWITHKEY, 30);
        }
        for (int i = 0; i < 5; i++) {
            left(day, call++, EXITEMPTY, 0);
        }
        for (int i = 0; i < 10; i++) {
            Instant entered = OPEN.plusSeconds(60L * call);
            String caller = "c" + call++;
            day.add(QueueLogEntry.entered(entered, QUEUE, caller, 1));
            day.add(QueueLogEntry.left(entered.plusSeconds(40), QUEUE, caller, CALLBACK, 40, 1, "+15550100"));
            talk(day, caller, entered, 100, 60, 0, COMPLETECALLER);
        }
        assertEquals(500, call);
        day.sort(Comparator.comparing(QueueLogEntry::time));

        Instant close = OPEN.plus(Duration.ofHours(12));
        QueueFigures figures = new QueueMetrics(THRESHOLDS).addAll(day).figures(close);

        assertEquals(0, figures.callsWaiting());
        assertEquals(0, figures.longestWaitSeconds());
        assertEquals(500, figures.offered());
        assertEquals(410, figures.answered());
        assertEquals(350, figures.answeredInThreshold());
        assertEquals(70, figures.abandoned());
        assertEquals(40, figures.shortAbandoned());
        assertEquals(10, figures.timedOut());
        assertEquals(5, figures.exitedWithKey());
        assertEquals(5, figures.exitedEmpty());
        assertEquals(10, figures.callbacks());
        assertEquals(350.0 / 440, figures.serviceLevel(), 1e-12);   // 350 / (410 answered + 30 long abandons)
        assertEquals(350.0 / 500, figures.serviceLevel2(), 1e-12);
        assertEquals(8500.0 / 410, figures.averageSpeedOfAnswer(), 1e-12); // 2500 + 2000 + 3000 + 1000
        assertEquals(74600.0 / 410, figures.averageHandleTime(), 1e-12); // talk 65600 + wrap-up 9000
        assertEquals(30.0 / 460, figures.abandonmentRate(), 1e-12);
    }

    @Test
    void callersWaitingAndTheLongestWaitAtAMoment() {
        QueueMetrics metrics = new QueueMetrics(THRESHOLDS)
                .add(QueueLogEntry.entered(OPEN, QUEUE, "c1", 1))
                .add(QueueLogEntry.entered(OPEN.plusSeconds(30), QUEUE, "c2", 2))
                .add(QueueLogEntry.entered(OPEN.plusSeconds(60), QUEUE, "c3", 3))
                .add(QueueLogEntry.connected(OPEN.plusSeconds(70), QUEUE, "c1", "agent1", 70))
                .add(QueueLogEntry.left(OPEN.plusSeconds(80), QUEUE, "c3", CALLBACK, 20, 2, "+15550100"));
        QueueFigures figures = metrics.figures(OPEN.plusSeconds(120));
        assertEquals(2, figures.callsWaiting(), "a callback keeps its place");
        assertEquals(90, figures.longestWaitSeconds());
        assertEquals(0, new QueueMetrics(THRESHOLDS).figures(OPEN).serviceLevel(), "nothing to divide by");
    }

    private static void answered(List<QueueLogEntry> day, int call, long wait, long talk, long wrapUp,
                                 QueueEventType end) {
        Instant entered = OPEN.plusSeconds(60L * call);
        String caller = "c" + call;
        day.add(QueueLogEntry.entered(entered, QUEUE, caller, 1));
        talk(day, caller, entered, wait, talk, wrapUp, end);
    }

    private static void talk(List<QueueLogEntry> day, String caller, Instant entered, long wait, long talk,
                             long wrapUp, QueueEventType end) {
        String agent = "agent" + Math.floorMod(caller.hashCode(), 7);
        Instant connected = entered.plusSeconds(wait);
        day.add(QueueLogEntry.connected(connected, QUEUE, caller, agent, wait));
        day.add(QueueLogEntry.completed(connected.plusSeconds(talk), QUEUE, caller, agent, end, talk, null));
        if (wrapUp > 0) {
            day.add(QueueLogEntry.wrapUpEnded(connected.plusSeconds(talk + wrapUp), QUEUE, caller, agent, wrapUp));
        }
    }

    private static void left(List<QueueLogEntry> day, int call, QueueEventType how, long wait) {
        Instant entered = OPEN.plusSeconds(60L * call);
        String caller = "c" + call;
        day.add(QueueLogEntry.entered(entered, QUEUE, caller, 1));
        day.add(QueueLogEntry.left(entered.plusSeconds(wait), QUEUE, caller, how, wait, 1, null));
    }
}
