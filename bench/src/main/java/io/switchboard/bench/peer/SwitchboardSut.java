package io.switchboard.bench.peer;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.switchboard.actors.SwitchboardActors;
import io.switchboard.actors.flow.CallFlow;
import io.switchboard.actors.flow.FlowRegistry;
import io.switchboard.actors.time.Timekeeper;
import io.switchboard.queues.SwitchboardQueues;
import io.switchboard.queues.persistence.JournalSchema;
import io.switchboard.queues.persistence.PersistenceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/**
 * Switchboard as the application under test of the peer bench ({@code bench/peer-bench/harness/README.md}): one node
 * (a one-member cluster) with its ARI gateway, sharded channel entities and the two-line flow
 * {@code call.answer().thenCompose(x -> call.play("sound:beep"))} for app {@code callcenter}; the entity hangs the
 * call up when the flow ends. Default settings: REST over the event WebSocket where Asterisk offers it.
 *
 * <p>Timings ({@code PEERBENCH_TIMINGS}) are taken in the flow. The start is the StasisStart's own timestamp
 * (Asterisk's clock, to the millisecond: {@code Call.enteredAt()}), so the frame's way through the socket, its
 * decoding, the gateway, the sharding hand-off and the entity's start are all in the figures, and so is up to 1 ms
 * of the timestamp's truncation; this needs Asterisk's clock to be this host's (the simulator, or an Asterisk on
 * the same machine). {@code SWITCHBOARD_SUT_TIMING_START=flow} takes the start when the flow starts instead.
 * Answer-sent is when the flow hands the answer to its entity, which sends it at once; hangup-done is when the
 * call's end (the ChannelHangupRequest or StasisEnd that follows the DELETE's 204) reaches the flow. Runs in the
 * foreground until SIGTERM. {@code SWITCHBOARD_SUT_FLOW=hold} runs a flow that answers and holds every call until
 * the caller hangs up instead (to measure the heap per live call); {@code SWITCHBOARD_SUT_FLOW=queue} runs the
 * node's queue flow instead, every caller waiting in the queue its first Stasis argument names, with no agent (to
 * measure the heap per waiting caller, channel entity included), journaled to an H2 file with a 1 MiB page cache
 * ({@code SWITCHBOARD_SUT_JOURNAL_URL} to change it) so that the journal is not in the heap.
 * {@code SWITCHBOARD_SUT_FLOW=conference} puts every caller in the conference room its first Stasis argument names
 * ({@link ConferenceSut}), on the same kind of journal.
 */
public final class SwitchboardSut {
    private SwitchboardSut() {
    }

    public static void main(String[] args) throws Exception {
        io.switchboard.actors.runtime.CommonPool.ensureParallel();
        String timings = System.getenv("PEERBENCH_TIMINGS");
        TimingsFile file = timings == null || timings.isBlank() ? null : new TimingsFile(Path.of(timings));
        boolean queue = "queue".equals(System.getenv("SWITCHBOARD_SUT_FLOW"));
        boolean conference = "conference".equals(System.getenv("SWITCHBOARD_SUT_FLOW"));
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "switchboard", queue || conference
                ? PersistenceConfig.withJournal(journalConfig().withFallback(config()).resolve()) : config());
        Cluster cluster = Cluster.get(system);
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
        String app = env("PEERBENCH_APP", "callcenter");
        if (conference) {
            JournalSchema.ensure(system);
            Timekeeper time = Timekeeper.system(system);
            String talkFile = System.getenv("CONFERENCE_TALK_TIMINGS");
            SwitchboardActors.get(system).start(ConferenceSut.flows(system, time, app,
                    talkFile == null || talkFile.isBlank() ? null : Path.of(talkFile)), time);
        } else if (queue) {
            // the node's queue flow: each caller waits in the queue its first Stasis argument names (no agents)
            JournalSchema.ensure(system);
            Timekeeper time = Timekeeper.system(system);
            FlowRegistry flows = SwitchboardQueues.get(system).start(time).addFlows(new FlowRegistry(), app);
            SwitchboardActors.get(system).start(flows, time);
        } else {
            CallFlow flow = "hold".equals(System.getenv("SWITCHBOARD_SUT_FLOW")) ? held()
                    : file == null ? twoLines() : timed(file);
            SwitchboardActors.get(system).start(new FlowRegistry().register(app, flow));
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            system.terminate();
            try {
                system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                System.err.println("the node did not stop within 10 s: " + e);
            }
            if (file != null) {
                file.close();
            }
        }, "peerbench-shutdown"));
        system.getWhenTerminated().toCompletableFuture().join();
    }

    /** The flow of the issue: answer, play a beep; its end hangs up. */
    private static CallFlow twoLines() {
        return call -> call.answer()
                .thenCompose(x -> call.play("sound:beep"));
    }

    /** For the memory per live call: answers and keeps the call until the caller hangs up. */
    private static CallFlow held() {
        return call -> call.answer().thenCompose(x -> call.ended());
    }

    /** The same flow, writing one timings line per call. */
    private static CallFlow timed(TimingsFile file) {
        boolean fromAsterisk = !"flow".equals(System.getenv("SWITCHBOARD_SUT_TIMING_START"));
        return call -> {
            Instant flowStarted = Instant.now();
            Instant start = fromAsterisk ? call.enteredAt().orElse(flowStarted) : flowStarted;
            long startEpochMs = start.toEpochMilli();
            long startUs = micros(start);
            CompletionStage<Void> answered = call.answer();
            long answerSentUs = micros(Instant.now()) - startUs;
            CompletableFuture<String> outcome = new CompletableFuture<>();
            CompletionStage<?> flow = answered
                    .whenComplete((ok, failure) -> {
                        if (failure != null) {
                            outcome.complete("err:answer:0");
                        }
                    })
                    .thenCompose(x -> call.play("sound:beep"))
                    .whenComplete((ok, failure) -> outcome.complete(failure == null ? "ok" : "err:play:0"));
            call.ended().thenAcceptBoth(outcome, (reason, result) -> file.write(call.channelId(), startEpochMs,
                    answerSentUs, micros(Instant.now()) - startUs, result));
            return flow;
        };
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1_000;
    }

    /**
     * The queue mode's journal, outside the heap as on a node with PostgreSQL: {@code SWITCHBOARD_SUT_JOURNAL_URL},
     * or an H2 file with a 1 MiB page cache in a new temporary folder.
     */
    private static Config journalConfig() throws java.io.IOException {
        String url = System.getenv("SWITCHBOARD_SUT_JOURNAL_URL");
        if (url == null || url.isBlank()) {
            url = "jdbc:h2:file:" + Files.createTempDirectory("switchboard-sut").resolve("journal") + ";CACHE_SIZE=1024";
        }
        return ConfigFactory.parseString("switchboard.persistence.url = \"" + url + "\"");
    }

    private static Config config() {
        return ConfigFactory.parseString("""
                pekko.actor.provider = cluster
                pekko.remote.artery.canonical { hostname = "127.0.0.1", port = 0 }
                pekko.loggers = ["org.apache.pekko.event.slf4j.Slf4jLogger"]
                pekko.logging-filter = "org.apache.pekko.event.slf4j.Slf4jLoggingFilter"
                pekko.coordinated-shutdown.exit-jvm = off
                switchboard.asterisk.servers = [{ id = "bench", base-url = "%s", username = "%s", password = "%s",
                  apps = ["%s"] }]
                """.formatted(env("PEERBENCH_ARI_URL", "http://127.0.0.1:8088/ari"),
                        env("PEERBENCH_ARI_USER", "asterisk"), env("PEERBENCH_ARI_PASS", "asterisk"),
                        env("PEERBENCH_APP", "callcenter")))
                // as the node's application.conf does: Pekko's reference.conf comes after ours in the shaded jar
                .withFallback(ConfigFactory.parseResources("io/switchboard/actors/pekko-overrides.conf"))
                .withFallback(ConfigFactory.load()).resolve();
    }

    private static String env(String name, String otherwise) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? otherwise : value;
    }
}
