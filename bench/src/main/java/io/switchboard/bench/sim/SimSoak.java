package io.switchboard.bench.sim;

import com.typesafe.config.ConfigFactory;
import io.switchboard.ari.client.AriClient;
import io.switchboard.ari.client.AriSettings;
import io.switchboard.ari.client.AriSubscription;
import io.switchboard.ari.events.AriEvent;
import io.switchboard.ari.events.PlaybackFinished;
import io.switchboard.ari.events.PlaybackStarted;
import io.switchboard.ari.events.StasisEnd;
import io.switchboard.ari.events.StasisStart;
import io.switchboard.simulator.SimConfig;
import io.switchboard.simulator.SimulatedAsterisk;
import io.switchboard.simulator.clock.SimClock;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.Http;

/**
 * Soak of the simulator driven through the ARI client (commands over the event WebSocket): N inbound calls,
 * each answered, played a prompt and hung up by the app, {@code batch} at a time on the manual clock.
 * Afterwards nothing may be left (GET /channels, /bridges, the simulator's own counts); heap after GC is
 * printed every quarter, twice: right after the batch ("in flight") and once the transport has settled.
 * Usage: {@code SimSoak [calls=10000] [batch=100]}.
 *
 * <p>Why settle: Pekko HTTP splits every WebSocket message into substreams whose subscription timeout
 * ({@code pekko.stream.materializer.subscription-timeout.timeout}, 5 s) is a scheduler task; cancelled or not,
 * it stays in the scheduler's timer wheel until it is due. At a few hundred calls per second that is some
 * 10^5 tasks plus the substreams still completing, i.e. several MiB that scale with the last seconds of traffic,
 * not with the number of calls. The settled figure (after that timeout has passed on both actor systems) is
 * what the soak retains; the in-flight figure is bounded by traffic rate. Checkpoints are not timed.
 */
public final class SimSoak {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final Map<String, CompletableFuture<Void>> playing = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> ended = new ConcurrentHashMap<>();
    private AriClient ari;

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        new SimSoak().run(calls, batch);
    }

    private void run(int calls, int batch) throws Exception {
        ActorSystem system = ActorSystem.create("sim-soak", ConfigFactory.parseString("pekko.loglevel = WARNING"));
        Duration settle = settleTime(system);
        try (SimulatedAsterisk sim = SimulatedAsterisk.start(SimConfig.defaults().withClock(SimClock.manual())
                .withSpecCheck(false))) {
            ari = AriClient.create(system, AriSettings.of(sim.ariUrl(), sim.user(), sim.password(), "callcenter"));
            try (AriSubscription ignored = ari.listen(this::onEvent)) {
                awaitReady(sim);
                List<String> heap = new ArrayList<>();
                heap.add(heapLine(0, settle));
                long busy = 0;
                for (int done = 0; done < calls; ) {
                    int n = Math.min(batch, calls - done);
                    long start = System.nanoTime();
                    runBatch(sim, n);
                    busy += System.nanoTime() - start;
                    done += n;
                    if (done % (calls / 4) == 0) {
                        heap.add(heapLine(done, settle));
                    }
                }
                double seconds = busy / 1e9;
                System.out.printf("calls: %d in %.1f s = %.0f calls/s (batch %d, commands over WebSocket: %s)%n",
                        calls, seconds, calls / seconds, batch, ari.commandsOverWebSocket());
                heap.forEach(System.out::println);
                checkNothingLeft(sim);
            }
        } finally {
            Http.get(system).shutdownAllConnectionPools().toCompletableFuture().join();
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private void runBatch(SimulatedAsterisk sim, int n) throws Exception {
        List<CompletableFuture<Void>> started = new ArrayList<>();
        List<CompletableFuture<Void>> finished = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = sim.calls().inbound("support", "answer", "Soak <5550000>").channelId();
            started.add(playing.computeIfAbsent(id, k -> new CompletableFuture<>()));
            finished.add(ended.computeIfAbsent(id, k -> new CompletableFuture<>()));
        }
        CompletableFuture.allOf(started.toArray(new CompletableFuture[0])).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        sim.manualClock().advance(Duration.ofSeconds(2));
        CompletableFuture.allOf(finished.toArray(new CompletableFuture[0])).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The app: answer and play on StasisStart, hang up when the prompt is over. */
    private void onEvent(AriEvent event) {
        if (event instanceof StasisStart s) {
            String id = s.channel().id();
            ari.channels().answer(id).send()
                    .thenCompose(v -> ari.channels().playWithId(id, "pb-" + id, "sound:hello-world").send())
                    .whenComplete((pb, failure) -> {
                        if (failure != null) {
                            future(playing, id).completeExceptionally(failure);
                        }
                    });
        } else if (event instanceof PlaybackStarted p) {
            future(playing, channelOf(p.playback().targetUri())).complete(null);
        } else if (event instanceof PlaybackFinished p) {
            String id = channelOf(p.playback().targetUri());
            ari.channels().hangup(id).send().whenComplete((v, failure) -> {
                if (failure != null) {
                    future(ended, id).completeExceptionally(failure);
                }
            });
        } else if (event instanceof StasisEnd e) {
            String id = e.channel().id();
            playing.remove(id);
            CompletableFuture<Void> end = ended.remove(id);
            if (end != null) {
                end.complete(null);
            }
        }
    }

    private static CompletableFuture<Void> future(Map<String, CompletableFuture<Void>> map, String id) {
        return map.computeIfAbsent(id, k -> new CompletableFuture<>());
    }

    private static String channelOf(String targetUri) {
        return targetUri.substring(targetUri.indexOf(':') + 1);
    }

    private void awaitReady(SimulatedAsterisk sim) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!sim.appRegistered("callcenter") || !ari.commandsOverWebSocket()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("ARI client not connected within " + WAIT);
            }
            Thread.sleep(10);
        }
    }

    private void checkNothingLeft(SimulatedAsterisk sim) {
        int channels = ari.channels().list().send().toCompletableFuture().join().size();
        int bridges = ari.bridges().list().send().toCompletableFuture().join().size();
        SimulatedAsterisk.Counts counts = sim.counts();
        System.out.printf("left over: GET /channels %d, GET /bridges %d; simulator %s; client futures %d/%d%n",
                channels, bridges, counts, playing.size(), ended.size());
        if (channels != 0 || bridges != 0 || counts.channels() != 0 || counts.bridges() != 0
                || counts.playbacks() != 0 || counts.recordings() != 0) {
            throw new IllegalStateException("the soak left state behind");
        }
    }

    /**
     * The stream subscription timeout of the soak's actor system or the simulator's (Pekko's default, since the
     * simulator ignores the host config), whichever is longer, plus a second for the timer wheel and for
     * substreams still completing.
     */
    private static Duration settleTime(ActorSystem system) {
        String key = "pekko.stream.materializer.subscription-timeout.timeout";
        Duration ours = system.settings().config().getDuration(key);
        Duration simulator = ConfigFactory.defaultReference().getDuration(key);
        return (ours.compareTo(simulator) > 0 ? ours : simulator).plusSeconds(1);
    }

    private static String heapLine(int calls, Duration settle) throws InterruptedException {
        double inFlight = heapAfterGc();
        Thread.sleep(settle.toMillis());
        double settled = heapAfterGc();
        return String.format("heap after GC at %,6d calls: %6.1f MiB settled (%.1f MiB in flight)",
                calls, settled, inFlight);
    }

    private static double heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
    }
}
