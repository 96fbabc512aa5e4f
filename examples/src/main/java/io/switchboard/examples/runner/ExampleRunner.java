package io.switchboard.examples.runner;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.switchboard.actors.SwitchboardActors;
import io.switchboard.actors.time.Timekeeper;
import io.switchboard.actors.gateway.AriGateway;
import io.switchboard.simulator.SimConfig;
import io.switchboard.simulator.SimulatedAsterisk;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.http.javadsl.Http;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts an example: a one-node Switchboard cluster on 127.0.0.1 running the example's flows against a real
 * Asterisk (given by options or environment, see {@link AriTarget#fromArgs}) or, by default, against an
 * embedded simulated Asterisk that also receives a few scripted demo calls.
 */
public final class ExampleRunner {
    /** The id of the one Asterisk the examples drive (the namespace of its entities). */
    public static final String ASTERISK_ID = "pbx1";

    private static final Logger log = LoggerFactory.getLogger(ExampleRunner.class);

    private ExampleRunner() {
    }

    /**
     * Runs {@code example} until the JVM is stopped when a real Asterisk is given; on the simulator, places
     * the demo calls and stops after {@code demoLength}.
     */
    public static void run(String[] args, Example example, Duration demoLength) throws InterruptedException {
        Optional<AriTarget> real = AriTarget.fromArgs(args, System.getenv());
        if (real.isPresent()) {
            ActorSystem<Void> node = startNode(real.get(), example, ConfigFactory.empty());
            log.info("running against {}; stop with Ctrl-C", real.get());
            node.getWhenTerminated().toCompletableFuture().join();
            return;
        }
        try (SimulatedAsterisk sim = startSimulator()) {
            ActorSystem<Void> node = startNode(AriTarget.of(sim), example, ConfigFactory.empty());
            awaitConnected(node, Duration.ofSeconds(30));
            log.info("running against the embedded simulator at {} for {} s", sim.ariUrl(), demoLength.toSeconds());
            example.placeDemoCalls(sim);
            // the demo calls play out in the simulator's real time
            Thread.sleep(demoLength.toMillis());
            stop(node);
        }
    }

    /** A simulated Asterisk on real time, on a free port of 127.0.0.1. */
    public static SimulatedAsterisk startSimulator() {
        return SimulatedAsterisk.start(SimConfig.defaults());
    }

    /** Starts a node driving {@code target} with the example's flows and joins it to itself, on system time. */
    public static ActorSystem<Void> startNode(AriTarget target, Example example, Config overrides) {
        return startNode(target, example, overrides, Timekeeper::system);
    }

    /** {@link #startNode(AriTarget, Example, Config)} on the time {@code time} gives the node (a test's, say). */
    public static ActorSystem<Void> startNode(AriTarget target, Example example, Config overrides,
                                              Function<ActorSystem<?>, Timekeeper> time) {
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "switchboard-examples",
                nodeConfig(target, overrides.withFallback(example.config())));
        Cluster cluster = Cluster.get(system);
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
        Timekeeper timekeeper = time.apply(system);
        example.start(system, timekeeper);
        SwitchboardActors.get(system).start(example.flows(system, target.app()), timekeeper);
        return system;
    }

    /** The node's configuration: {@code overrides}, then the target Asterisk, then examples-node.conf. */
    public static Config nodeConfig(AriTarget target, Config overrides) {
        Map<String, Object> server = Map.of("id", ASTERISK_ID, "base-url", target.ariUrl(),
                "username", target.user(), "password", target.password(), "apps", List.of(target.app()));
        return overrides
                .withValue("switchboard.asterisk.servers", ConfigValueFactory.fromIterable(List.of(server)))
                .withFallback(ConfigFactory.parseResources("examples-node.conf"))
                .withFallback(ConfigFactory.load())
                .resolve();
    }

    /** Waits (at most {@code within}) until the node's gateway has its event socket up. */
    public static void awaitConnected(ActorSystem<?> system, Duration within) throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            if (connected(system)) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("the ARI gateway did not connect within " + within);
    }

    private static boolean connected(ActorSystem<?> system) {
        try {
            return AskPattern.<AriGateway.Command, AriGateway.Status>ask(
                            SwitchboardActors.get(system).gateway(ASTERISK_ID), AriGateway.GetStatus::new,
                            Duration.ofSeconds(1), system.scheduler())
                    .toCompletableFuture().get(2, TimeUnit.SECONDS).connected();
        } catch (Exception notYet) {
            return false;
        }
    }

    /** Stops a node cleanly (connection pools first, so that nothing logs an error on the way out). */
    public static void stop(ActorSystem<?> system) {
        try {
            Http.get(system).shutdownAllConnectionPools().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // stopping anyway
        }
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
    }
}
