package io.switchboard.queues.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A scripted evening in a queue whose "today" is Paris time (UTC+1 in November: midnight is 23:00Z), read on
 * a moment the test sets, over all time, today and the last 15 minutes. The 15-minute window counts by clock minute.
 */
class WindowedFiguresTest {
    private static final String QUEUE = "support";
    private static final MetricsThresholds THRESHOLDS =
            new MetricsThresholds(Duration.ofSeconds(20), Duration.ofSeconds(5));
    private static final FiguresWindow ALL = new FiguresWindow.AllTime();
    private static final FiguresWindow TODAY = new FiguresWindow.Today(ZoneId.of("Europe/Paris"));
    private static final FiguresWindow LAST_15 = new FiguresWindow.Last(Duration.ofMinutes(15));

    private Instant now = Instant.parse("2026-11-26T22:00:00Z");
    private final QueueMetrics metrics = new QueueMetrics(THRESHOLDS, List.of(TODAY, LAST_15));
    private final QueueMetrics utc = new QueueMetrics(THRESHOLDS,
            List.of(new FiguresWindow.Today(ZoneId.of("UTC"))));

    private static Instant at(String time) {
        return Instant.parse("2026-11-26T" + time + "Z");
    }

    private void log(QueueLogEntry entry) {
        metrics.add(entry);
        utc.add(entry);
    }

    private void clockAt(String time) {
        now = at(time);
    }

    private QueueFigures figures(FiguresWindow window) {
        return metrics.figures(window, now);
    }

    /** Figures with nothing but who waits: what a window whose calls have all aged out shows. */
    private static QueueFigures onlyWaiting(long longestWait) {
        return new QueueFigures(1, longestWait, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0.0, 0.0, 0.0, 0.0, 0.0);
    }

    private void scriptTheEvening() {
        // c1 answered after 10 s (in the 20 s service level), talks 120 s, wrap-up 30 s
        log(QueueLogEntry.entered(at("22:00:00"), QUEUE, "c1", 1));
        log(QueueLogEntry.connected(at("22:00:10"), QUEUE, "c1", "agent1", 10));
        log(QueueLogEntry.completed(at("22:02:10"), QUEUE, "c1", "agent1", QueueEventType.COMPLETECALLER, 120, null));
        log(QueueLogEntry.wrapUpEnded(at("22:02:40"), QUEUE, "c1", "agent1", 30));
        // c2 abandons after 30 s, c3 after 2 s (a short abandon)
        log(QueueLogEntry.entered(at("22:01:00"), QUEUE, "c2", 1));
        log(QueueLogEntry.left(at("22:01:30"), QUEUE, "c2", QueueEventType.ABANDON, 30, 1, null));
        log(QueueLogEntry.entered(at("22:03:00"), QUEUE, "c3", 1));
        log(QueueLogEntry.left(at("22:03:02"), QUEUE, "c3", QueueEventType.ABANDON, 2, 1, null));
        // c5 joins and waits all evening
        log(QueueLogEntry.entered(at("22:05:30"), QUEUE, "c5", 1));
    }

    @Test
    void aFifteenMinuteWindowDropsOlderCallsWhileTodayKeepsThemUntilMidnightInItsZone() {
        scriptTheEvening();

        // 22:15:00 - every outcome is younger than 15 minutes: the window and today agree
        clockAt("22:15:00");
        QueueFigures first = new QueueFigures(1, 570, 3, 1, 1, 2, 1, 0, 0, 0, 0,
                1.0 / 2,    // SL: 1 in threshold / (1 answered + 1 long abandon)
                1.0 / 3,    // SL2: 1 in threshold / 3 offered
                10.0,       // ASA
                150.0,      // AHT: (120 talk + 30 wrap-up) / 1 handled
                1.0 / 2);   // abandonment: 1 long abandon / (3 offered - 1 short)
        assertEquals(first, figures(LAST_15));
        assertEquals(first, figures(TODAY));
        assertEquals(first, figures(ALL));

        // 22:16:00 - c1's answer (22:00:10) is more than 15 minutes old: out of the window, still today
        clockAt("22:16:00");
        assertEquals(new QueueFigures(1, 630, 2, 0, 0, 2, 1, 0, 0, 0, 0,
                0.0, 0.0, 0.0,
                150.0,      // c1's call ended at 22:02:10, within the window
                1.0), figures(LAST_15));
        QueueFigures today = new QueueFigures(1, 630, 3, 1, 1, 2, 1, 0, 0, 0, 0, 1.0 / 2, 1.0 / 3, 10.0, 150.0,
                1.0 / 2);
        assertEquals(today, figures(TODAY));

        // 22:20:50 - c4 answered after 40 s; the window holds that alone
        log(QueueLogEntry.entered(at("22:20:00"), QUEUE, "c4", 1));
        log(QueueLogEntry.connected(at("22:20:40"), QUEUE, "c4", "agent2", 40));
        clockAt("22:20:50");
        assertEquals(new QueueFigures(1, 920, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0.0, 0.0, 40.0, 0.0, 0.0),
                figures(LAST_15));
        assertEquals(new QueueFigures(1, 920, 4, 2, 1, 2, 1, 0, 0, 0, 0,
                1.0 / 3,    // SL: 1 / (2 answered + 1 long abandon)
                1.0 / 4,    // SL2: 1 / 4 offered
                25.0,       // ASA: (10 + 40) / 2
                150.0,
                1.0 / 3), figures(TODAY));

        // 22:21:40 - agent2 ends c4's call after 60 s
        log(QueueLogEntry.completed(at("22:21:40"), QUEUE, "c4", "agent2", QueueEventType.COMPLETEAGENT, 60, null));
        clockAt("22:21:40");
        assertEquals(new QueueFigures(1, 970, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0.0, 0.0, 40.0, 60.0, 0.0),
                figures(LAST_15));
        QueueFigures evening = new QueueFigures(1, 970, 4, 2, 1, 2, 1, 0, 0, 0, 0, 1.0 / 3, 1.0 / 4, 25.0,
                105.0,      // AHT: (120 + 30 + 60) / 2 handled
                1.0 / 3);
        assertEquals(evening, figures(TODAY));
        assertEquals(evening, figures(ALL));

        // 22:59:59 (23:59:59 in Paris) - the window is empty, today still holds the evening; c5 still waits
        clockAt("22:59:59");
        assertEquals(onlyWaiting(3269), figures(LAST_15));
        assertEquals(withLongestWait(evening, 3269), figures(TODAY));

        // 23:00:00 - midnight in Paris: today starts afresh there, not in UTC; all time keeps everything
        clockAt("23:00:00");
        assertEquals(onlyWaiting(3270), figures(TODAY));
        assertEquals(withLongestWait(evening, 3270), figures(ALL));
        assertEquals(withLongestWait(evening, 3270), utc.figures(new FiguresWindow.Today(ZoneId.of("UTC")),
                now));
    }

    @Test
    void aLateEntryOlderThanTheWindowOrOfAnEarlierDayCountsOnlyInAllTime() {
        log(QueueLogEntry.connected(at("22:30:00"), QUEUE, "c1", "agent1", 5));
        // read after it: answered 40 minutes earlier (the 15-minute bucket was reused), and on the day before
        log(QueueLogEntry.connected(at("21:50:30"), QUEUE, "c2", "agent1", 5));
        log(QueueLogEntry.connected(Instant.parse("2026-11-25T12:00:00Z"), QUEUE, "c3", "agent1", 5));
        clockAt("22:30:00");

        assertEquals(1, figures(LAST_15).answered());
        assertEquals(2, figures(TODAY).answered());
        assertEquals(3, figures(ALL).answered());
    }

    @Test
    void eachWindowSaysWhenItsFiguresNextMoveWithoutNewCalls() {
        log(QueueLogEntry.entered(at("22:00:00"), QUEUE, "c1", 1));
        log(QueueLogEntry.connected(at("22:00:10"), QUEUE, "c1", "agent1", 10));

        clockAt("22:15:59");
        assertEquals(Optional.of(at("22:16:00")), LAST_15.nextTurn(now));
        assertEquals(1, figures(LAST_15).answered());
        clockAt("22:16:00");
        assertEquals(0, figures(LAST_15).answered());
        assertEquals(Optional.of(at("22:17:00")), LAST_15.nextTurn(now));

        // midnight in Paris is 23:00Z in November
        assertEquals(Optional.of(at("23:00:00")), TODAY.nextTurn(now));
        clockAt("22:59:59");
        assertEquals(1, figures(TODAY).answered());
        clockAt("23:00:00");
        assertEquals(0, figures(TODAY).answered());
        assertEquals(Optional.of(Instant.parse("2026-11-27T23:00:00Z")), TODAY.nextTurn(now));

        assertEquals(Optional.empty(), ALL.nextTurn(now));
    }

    @Test
    void figuresOfAWindowNotKeptAreRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> metrics.figures(new FiguresWindow.Last(Duration.ofHours(1)), now));
    }

    private static QueueFigures withLongestWait(QueueFigures f, long longestWait) {
        return new QueueFigures(f.callsWaiting(), longestWait, f.offered(), f.answered(), f.answeredInThreshold(),
                f.abandoned(), f.shortAbandoned(), f.timedOut(), f.exitedWithKey(), f.exitedEmpty(), f.callbacks(),
                f.serviceLevel(), f.serviceLevel2(), f.averageSpeedOfAnswer(), f.averageHandleTime(),
                f.abandonmentRate());
    }
}
