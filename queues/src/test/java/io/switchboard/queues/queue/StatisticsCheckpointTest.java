package io.switchboard.queues.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import io.switchboard.queues.log.CheckpointStore;
import io.switchboard.queues.log.Checkpointing;
import io.switchboard.queues.log.QueueFigures;
import io.switchboard.queues.log.QueueStatistics;
import io.switchboard.queues.log.StatisticsSettings;
import io.switchboard.queues.persistence.CheckpointTable;
import io.switchboard.simulator.SimConfig;
import io.switchboard.simulator.SimulatedAsterisk;
import io.switchboard.simulator.clock.SimClock;
import io.switchboard.simulator.phones.PhoneScript;
import io.switchboard.testkit.time.TestTime;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.LoggingTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The queue figures keep a checkpoint in the journal's database (pekko-persistence-jdbc's durable state, serialized
 * as CBOR): a statistics actor started later starts from it, not from the journal's first event, and comes to the
 * same figures as the one that read everything, also for what happens after its start.
 */
class StatisticsCheckpointTest {
    private static final QueueFigures NONE = new QueueFigures(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
    @RegisterExtension
    final QueueHarnessExtension node = new QueueHarnessExtension();

    @Test
    void aStatisticsStartedLaterStartsFromTheCheckpointAndAgreesWithTheOneThatReadEverything() throws Exception {
        SimulatedAsterisk sim = SimulatedAsterisk.start(SimConfig.defaults().withClock(SimClock.manual()));
        QueueHarness harness = node.start(sim, QueueHarness.freshJournal().withFallback(ConfigFactory.parseString(
                "switchboard.queues.read-side-checkpoint { every-events = 5, interval = 200ms }\n"
                        + "jdbc-read-journal.refresh-interval = 50ms\n")),
                TestTime.of(sim), "stats { strategy = linear, wrap-up = 0s }");
        harness.sim().scriptEndpoint("PJSIP/agent1", PhoneScript.answerAfter(Duration.ofSeconds(1))
                .thenHangupAfter(Duration.ofSeconds(5)));
        harness.login("agent1", Map.of("stats", 0), Map.of());
        String first = harness.placeCaller("stats");
        String second = harness.placeCaller("stats");
        harness.runUntil("both callers answered", () -> figures(harness, harness.queues().statistics())
                .getOrDefault("stats", NONE).answered() == 2, Duration.ofMillis(500), Duration.ofSeconds(60));

        CheckpointStore store = CheckpointTable.of(harness.testKit().system());
        TestProbe<Void> waiter = harness.testKit().createTestProbe();
        waiter.awaitAssert(Duration.ofSeconds(15), Duration.ofMillis(100), () -> {
            Optional<CheckpointStore.Stored> stored = store.load(QueueStatistics.VIEW_ID).toCompletableFuture()
                    .get(5, TimeUnit.SECONDS);
            QueueStatistics.Checkpoint checkpoint = (QueueStatistics.Checkpoint) stored.orElseThrow().checkpoint();
            assertEquals(2, checkpoint.metrics().get("stats").windows().get("all").counts().get("ANSWERED"),
                    "a checkpoint holding both answers");
            return null;
        });

        ActorRef<QueueStatistics.Command> later = LoggingTestKit.info("starts from its checkpoint")
                .expect(harness.testKit().system(), () -> harness.testKit().spawn(QueueStatistics.create(
                        harness.time().timekeeper().clock(),
                        StatisticsSettings.fromConfig(harness.testKit().system().settings().config()), store,
                        Checkpointing.Settings.fromConfig(harness.testKit().system().settings().config()))));
        waiter.awaitAssert(Duration.ofSeconds(15), Duration.ofMillis(100), () -> {
            assertEquals(figures(harness, harness.queues().statistics()), figures(harness, later));
            return null;
        });

        // what happens next reaches both alike
        String third = harness.placeCaller("stats");
        harness.runUntil("the third caller answered", () -> figures(harness, later)
                        .getOrDefault("stats", NONE).answered() == 3,
                Duration.ofMillis(500), Duration.ofSeconds(60));
        waiter.awaitAssert(Duration.ofSeconds(15), Duration.ofMillis(100), () -> {
            assertEquals(figures(harness, harness.queues().statistics()), figures(harness, later));
            return null;
        });
    }

    private static Map<String, QueueFigures> figures(
            QueueHarness harness, ActorRef<QueueStatistics.Command> statistics) {
        TestProbe<QueueStatistics.AllFigures> probe = harness.testKit().createTestProbe();
        statistics.tell(new QueueStatistics.GetAllFigures(probe.getRef()));
        return probe.receiveMessage(Duration.ofSeconds(5)).byQueue();
    }
}
