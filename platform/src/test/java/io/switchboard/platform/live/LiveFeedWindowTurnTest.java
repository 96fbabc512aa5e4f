package io.switchboard.platform.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import io.switchboard.queues.log.FiguresWindow;
import io.switchboard.queues.log.MetricsThresholds;
import io.switchboard.queues.log.QueueLogEntry;
import io.switchboard.queues.log.QueueMetrics;
import io.switchboard.queues.log.QueueStatistics;
import io.switchboard.testkit.time.TestTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.SourceQueueWithComplete;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A quiet queue's windowed figures on the live feed: with no new call, they change when the window turns (a
 * call ages out of the last 15 minutes, a day starts). The feed's clock and timers are the test's
 * {@link TestTime}; the statistics answer from the real {@link QueueMetrics} at that time.
 */
class LiveFeedWindowTurnTest {
    private static final ActorTestKit testKit = ActorTestKit.create("live-feed-window-turn",
            ConfigFactory.parseString("pekko.actor.provider = local"));
    private static final String QUEUE = "support";

    private final TestProbe<String> socketProbe = testKit.createTestProbe();
    private final TestProbe<QueueStatistics.GetWindowFigures> asked = testKit.createTestProbe();
    private TestTime time;

    @AfterEach
    void stopTime() {
        if (time != null) {
            time.close();
        }
    }

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    @Test
    void aCallAgesOutOfTheFifteenMinuteWindowAtTheMinuteWithNoNewCall() throws Exception {
        FiguresWindow last15 = new FiguresWindow.Last(Duration.ofMinutes(15));
        QueueMetrics metrics = answeredCall("2026-11-26T09:00:00Z", last15);
        openFeed(last15, metrics, "2026-11-26T09:00:20Z");
        assertEquals(1, nextQueueFigures().get("answered").asLong());

        // the first turn is the next clock minute, then every minute; the answer (09:00:10) counts until 09:16
        pass(Duration.ofSeconds(40));
        asked.expectMessageClass(QueueStatistics.GetWindowFigures.class);
        for (int minute = 2; minute <= 16; minute++) {
            pass(Duration.ofMinutes(1));
            assertEquals("15m", asked.expectMessageClass(QueueStatistics.GetWindowFigures.class).window());
        }
        // the next message is the aged-out figures: unchanged figures were not pushed again at each turn
        JsonNode aged = nextQueueFigures();
        assertEquals(0, aged.get("offered").asLong());
        assertEquals(0, aged.get("answered").asLong());
    }

    @Test
    void todayStartsAgainAtMidnightInItsZoneWithNoNewCall() throws Exception {
        FiguresWindow today = new FiguresWindow.Today(ZoneId.of("Europe/Paris"));
        // 23:50 in Paris
        QueueMetrics metrics = answeredCall("2026-11-26T22:50:00Z", today);
        openFeed(today, metrics, "2026-11-26T22:58:30Z");
        assertEquals(1, nextQueueFigures().get("answered").asLong());

        pass(Duration.ofSeconds(90));
        assertEquals("today", asked.expectMessageClass(QueueStatistics.GetWindowFigures.class).window());
        assertEquals(0, nextQueueFigures().get("answered").asLong());
    }

    /** A queue's figures over {@code window} (and all time) with one call answered 10 s after {@code entered}. */
    private static QueueMetrics answeredCall(String entered, FiguresWindow window) {
        Instant at = Instant.parse(entered);
        return new QueueMetrics(new MetricsThresholds(Duration.ofSeconds(20), Duration.ofSeconds(5)), List.of(window))
                .add(QueueLogEntry.entered(at, QUEUE, "c1", 1))
                .add(QueueLogEntry.connected(at.plusSeconds(10), QUEUE, "c1", "agent1", 10));
    }

    private void openFeed(FiguresWindow window, QueueMetrics metrics, String now) throws Exception {
        time = TestTime.startingAt(Instant.parse(now));
        Pair<SourceQueueWithComplete<String>, Source<String, NotUsed>> socket =
                Source.<String>queue(64, OverflowStrategy.fail()).preMaterialize(testKit.system());
        socket.second().runWith(Sink.foreach(socketProbe.ref()::tell), testKit.system());
        ActorRef<QueueStatistics.Command> statistics = testKit.spawn(statistics(window, metrics));
        TestProbe<LiveBoard.Command> board = testKit.createTestProbe();
        testKit.spawn(LiveFeed.create(socket.first(), board.ref(), statistics, window,
                List.of("all", window.name()), time.timekeeper()));
        assertEquals("windows", json(socketProbe.receiveMessage()).get("type").asText());
        // the window's figures asked for on subscribing: once seen, the feed has also set its first turn's timer
        asked.expectMessageClass(QueueStatistics.GetWindowFigures.class);
    }

    /** Answers as {@link QueueStatistics} does, from one queue's metrics at the clock's time. */
    private Behavior<QueueStatistics.Command> statistics(FiguresWindow window, QueueMetrics metrics) {
        return Behaviors.receiveMessage(command -> {
            if (command instanceof QueueStatistics.Subscribe subscribe) {
                subscribe.subscriber().tell(new QueueStatistics.FiguresChanged(QUEUE, metrics.figures(time.now())));
            } else if (command instanceof QueueStatistics.GetWindowFigures get) {
                asked.ref().tell(get);
                get.replyTo().tell(new QueueStatistics.WindowFigures(get.queue(), get.window(),
                        metrics.figures(window, time.now())));
            }
            return Behaviors.same();
        });
    }

    private void pass(Duration amount) {
        time.advance(amount);
    }

    private JsonNode nextQueueFigures() throws Exception {
        JsonNode message = json(socketProbe.receiveMessage());
        assertEquals("queue", message.get("type").asText(), message.toString());
        assertEquals(QUEUE, message.get("queue").asText());
        return message.get("figures");
    }

    private static JsonNode json(String text) throws Exception {
        return LiveFeed.JSON.readTree(text);
    }
}
