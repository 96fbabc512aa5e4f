package io.switchboard.bench.actors;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.switchboard.actors.SwitchboardActors;
import io.switchboard.actors.flow.FlowRegistry;
import io.switchboard.ari.events.ChannelStateChange;
import io.switchboard.ari.events.StasisEnd;
import io.switchboard.ari.events.StasisStart;
import io.switchboard.simulator.SimConfig;
import io.switchboard.simulator.SimulatedAsterisk;
import io.switchboard.simulator.playback.MediaDurations;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.http.javadsl.Http;

/**
 * Simulated calls per second through the whole actor path: simulated Asterisk → event socket → gateway →
 * sharded channel entity → flow (answer, play a 100 ms sound, hang up) → commands back over REST on the
 * WebSocket. Also the time from Asterisk emitting StasisStart to it applying the answer (p50/p99).
 *
 * <p>Usage: {@code java -cp bench/target/benchmarks.jar io.switchboard.bench.actors.CallFlowThroughput
 * [calls] [calls in flight]}
 */
public final class CallFlowThroughput {

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        int inFlight = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int warmUp = Math.min(1_000, calls / 5);

        SimulatedAsterisk sim = SimulatedAsterisk.start(SimConfig.defaults()
                .withSounds(MediaDurations.defaults().sound("beep", 100)));
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "bench", config(sim));
        Cluster cluster = Cluster.get(system);
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
        SwitchboardActors.get(system).start(new FlowRegistry().register("callcenter", call -> call.answer()
                .thenCompose(x -> call.play("sound:beep"))));

        Map<String, Long> started = new ConcurrentHashMap<>();
        long[] latencies = new long[calls];
        AtomicInteger answered = new AtomicInteger();
        AtomicInteger ended = new AtomicInteger();
        Semaphore slots = new Semaphore(inFlight);
        sim.tapEvents(event -> {
            if (event instanceof StasisStart s) {
                started.put(s.channel().id(), System.nanoTime());
            } else if (event instanceof ChannelStateChange c && "Up".equals(c.channel().state())) {
                Long t0 = started.remove(c.channel().id());
                if (t0 != null) {
                    int n = answered.getAndIncrement();
                    if (n < calls) {
                        latencies[n] = System.nanoTime() - t0;
                    }
                }
            } else if (event instanceof StasisEnd end && end.channel().id().startsWith("caller-")) {
                // a caller that came in through the dialplan leaves the app with StasisEnd (no ChannelDestroyed)
                ended.incrementAndGet();
                slots.release();
            }
        });
        Thread.sleep(2_000); // the gateway connects

        long t0 = 0;
        for (int i = 0; i < calls; i++) {
            if (i == warmUp) {
                t0 = System.nanoTime();
            }
            if (!slots.tryAcquire(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("a call did not end within 30 s; " + ended.get() + " ended");
            }
            sim.calls().inbound("support", "answer", "Bench <" + i + ">");
        }
        while (ended.get() < calls) {
            Thread.sleep(10);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long[] measured = Arrays.copyOfRange(latencies, warmUp, calls);
        Arrays.sort(measured);
        System.out.printf("calls: %d (after %d warm-up), %d in flight%n", calls - warmUp, warmUp, inFlight);
        System.out.printf("throughput: %.0f calls/s (answer, play 100 ms, hang up)%n", (calls - warmUp) / seconds);
        System.out.printf("StasisStart -> answer applied: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                measured[measured.length / 2] / 1e6, measured[(int) (measured.length * 0.99)] / 1e6,
                measured[measured.length - 1] / 1e6);

        Http.get(system).shutdownAllConnectionPools().toCompletableFuture().get(5, TimeUnit.SECONDS);
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        sim.close();
    }

    private static Config config(SimulatedAsterisk sim) {
        return ConfigFactory.parseString("""
                pekko.actor.provider = cluster
                pekko.remote.artery.canonical { hostname = "127.0.0.1", port = 0 }
                pekko.loglevel = WARNING
                pekko.coordinated-shutdown.exit-jvm = off
                switchboard.asterisk.servers = [{ id = "bench", base-url = "%s", username = "%s", password = "%s",
                  apps = ["callcenter"] }]
                """.formatted(sim.ariUrl(), sim.user(), sim.password()))
                .withFallback(ConfigFactory.load()).resolve();
    }
}
