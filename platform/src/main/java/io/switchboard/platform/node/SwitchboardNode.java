package io.switchboard.platform.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.switchboard.actors.SwitchboardActors;
import io.switchboard.actors.flow.FlowRegistry;
import io.switchboard.actors.gateway.AriGateway;
import io.switchboard.actors.settings.AsteriskServer;
import io.switchboard.platform.demo.CallStats;
import io.switchboard.platform.demo.DemoSettings;
import io.switchboard.platform.demo.DemoTraffic;
import io.switchboard.platform.demo.FrontDeskFlow;
import io.switchboard.testkit.SimConfig;
import io.switchboard.testkit.SimulatedAsterisk;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Switchboard node: reads its configuration, starts the actor system and joins (or forms) the cluster,
 * drives the configured Asterisk servers, and in demo mode brings its own simulated Asterisk and callers.
 */
public final class SwitchboardNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SwitchboardNode.class);

    private final ActorSystem<Void> system;
    private final SimulatedAsterisk sim;
    private final CallStats stats;

    private SwitchboardNode(ActorSystem<Void> system, SimulatedAsterisk sim, CallStats stats) {
        this.system = system;
        this.sim = sim;
        this.stats = stats;
    }

    public static void main(String[] args) {
        try {
            SwitchboardNode node = start(ConfigFactory.load());
            Runtime.getRuntime().addShutdownHook(new Thread(node::close, "switchboard-shutdown"));
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("switchboard: configuration error: " + e.getMessage());
            System.exit(2);
        }
    }

    public static SwitchboardNode start(Config loaded) {
        NodeSettings node = NodeSettings.fromConfig(loaded);
        SimulatedAsterisk sim = null;
        DemoSettings demo = null;
        Config config = loaded;
        if (node.mode() == NodeSettings.Mode.DEMO) {
            demo = DemoSettings.fromConfig(loaded);
            List<String> endpoints = new ArrayList<>(demo.agents());
            endpoints.add("PJSIP/caller");
            sim = SimulatedAsterisk.start(SimConfig.defaults().withPort(demo.ariPort()).withEndpoints(endpoints));
            config = ConfigFactory.parseString("switchboard.asterisk.servers = [{ id = \"demo\", base-url = \""
                    + sim.ariUrl() + "\", username = \"" + sim.user() + "\", password = \"" + sim.password()
                    + "\", apps = [\"callcenter\"] }]").withFallback(loaded);
        }
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "switchboard", config);
        Cluster cluster = Cluster.get(system);
        if (config.getStringList("pekko.cluster.seed-nodes").isEmpty()) {
            cluster.manager().tell(Join.create(cluster.selfMember().address()));
        }
        CallStats stats = new CallStats();
        SwitchboardActors actors = SwitchboardActors.get(system);
        FlowRegistry flows = new FlowRegistry();
        List<String> agents = demo != null ? demo.agents() : List.of();
        for (AsteriskServer server : actors.settings().servers()) {
            for (String app : server.ari().apps()) {
                flows.register(app, new FrontDeskFlow(agents, Duration.ofSeconds(15), stats));
            }
        }
        actors.start(flows);
        SwitchboardNode started = new SwitchboardNode(system, sim, stats);
        started.printSummary(node, cluster);
        if (demo != null) {
            DemoTraffic.start(system, sim, demo);
        }
        system.scheduler().scheduleAtFixedRate(node.statusInterval(), node.statusInterval(),
                started::printStatus, system.executionContext());
        return started;
    }

    private void printSummary(NodeSettings node, Cluster cluster) {
        SwitchboardActors actors = SwitchboardActors.get(system);
        log.info("Switchboard node starting in {} mode; cluster address {}", node.mode().name().toLowerCase(),
                cluster.selfMember().address());
        for (AsteriskServer server : actors.settings().servers()) {
            log.info("  Asterisk {} at {} (user {}, apps {}, commands {})", server.id(), server.ari().baseUrl(),
                    server.ari().username(), server.ari().apps(), server.ari().commandTransport());
        }
        if (actors.settings().servers().isEmpty()) {
            log.warn("  no Asterisk configured: set switchboard.asterisk.servers (see README)");
        }
        if (sim != null) {
            log.info("  demo: simulated Asterisk on {}; callers arrive at random, agents answer", sim.ariUrl());
        }
    }

    private void printStatus() {
        StringBuilder line = new StringBuilder(stats.toString());
        for (AsteriskServer server : SwitchboardActors.get(system).settings().servers()) {
            try {
                AriGateway.Status status = gatewayStatus(server.id()).toCompletableFuture().get();
                line.append("; ").append(server.id()).append(status.connected() ? " connected" : " DISCONNECTED")
                        .append(", ").append(status.eventsRouted()).append(" events, ")
                        .append(status.liveChannels()).append(" channels");
            } catch (Exception e) {
                line.append("; ").append(server.id()).append(" gateway not reachable");
            }
        }
        log.info(line.toString());
    }

    public CompletionStage<AriGateway.Status> gatewayStatus(String asteriskId) {
        return AskPattern.ask(SwitchboardActors.get(system).gateway(asteriskId), AriGateway.GetStatus::new,
                Duration.ofSeconds(3), system.scheduler());
    }

    public CallStats stats() {
        return stats;
    }

    public ActorSystem<Void> system() {
        return system;
    }

    @Override
    public void close() {
        try {
            org.apache.pekko.http.javadsl.Http.get(system).shutdownAllConnectionPools().toCompletableFuture()
                    .get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // terminating anyway
        }
        system.terminate();
        try {
            system.getWhenTerminated().toCompletableFuture().get();
        } catch (Exception ignored) {
            // terminating anyway
        }
        if (sim != null) {
            sim.close();
        }
    }
}
