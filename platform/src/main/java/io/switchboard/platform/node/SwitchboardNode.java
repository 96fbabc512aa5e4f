package io.switchboard.platform.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.switchboard.actors.SwitchboardActors;
import io.switchboard.actors.flow.FlowRegistry;
import io.switchboard.actors.runtime.CommonPool;
import io.switchboard.actors.gateway.AriGateway;
import io.switchboard.actors.settings.AsteriskServer;
import io.switchboard.actors.time.Timekeeper;
import io.switchboard.platform.asterisk.OutboundSettings;
import io.switchboard.platform.asterisk.OutboundSocketServer;
import io.switchboard.platform.cluster.ClusterConfig;
import io.switchboard.platform.cluster.ClusterFormation;
import io.switchboard.platform.cluster.ClusterSettings;
import io.switchboard.platform.cluster.MultiNodeRules;
import io.switchboard.platform.demo.DemoSettings;
import io.switchboard.platform.demo.DemoConference;
import io.switchboard.platform.demo.DemoTraffic;
import io.switchboard.platform.demo.PanelAgent;
import io.switchboard.platform.api.DemoPhones;
import io.switchboard.platform.api.ManagementApi;
import io.switchboard.platform.http.HttpServer;
import io.switchboard.platform.http.HttpSettings;
import io.switchboard.conferencing.SwitchboardConferences;
import io.switchboard.queues.SwitchboardQueues;
import io.switchboard.queues.agent.AgentEntity;
import io.switchboard.queues.log.QueueFigures;
import io.switchboard.queues.log.QueueStatistics;
import io.switchboard.queues.persistence.JournalSchema;
import io.switchboard.queues.persistence.PersistenceConfig;
import io.switchboard.queues.persistence.PersistenceSettings;
import io.switchboard.queues.persistence.PersistenceSettings;
import java.util.Map;
import io.switchboard.simulator.SimConfig;
import io.switchboard.simulator.SimulatedAsterisk;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
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
    private HttpServer http;
    private OutboundSocketServer outbound;

    private SwitchboardNode(ActorSystem<Void> system, SimulatedAsterisk sim) {
        this.system = system;
        this.sim = sim;
    }

    public static void main(String[] args) {
        int pool = CommonPool.ensureParallel();
        SwitchboardNode node;
        try {
            node = start(ConfigFactory.load());
        } catch (ConfigException | IllegalArgumentException e) {
            System.err.println("switchboard: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            System.err.println("switchboard: cannot start: " + e.getMessage()
                    + (e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")"));
            System.exit(1);
            return;
        }
        if (pool < 2) {
            log.warn("the JDK's common pool has {} thread: asynchronous steps each start a thread; set "
                    + "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2", pool);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(node::close, "switchboard-shutdown"));
        // the actor system also ends when the cluster removes this node (split brain resolver, leaving):
        // the process ends with it, so that its supervisor (Kubernetes, systemd, compose) starts it again
        node.system().getWhenTerminated().thenRun(SwitchboardNode::exitSoon);
    }

    /** Exits from a thread of its own: during a JVM shutdown System.exit blocks, and must not block an actor's. */
    private static void exitSoon() {
        Thread exit = new Thread(() -> System.exit(0), "switchboard-exit");
        exit.setDaemon(true);
        exit.start();
    }

    public static SwitchboardNode start(Config loaded) {
        NodeSettings node = NodeSettings.fromConfig(loaded);
        ClusterSettings clusterSettings = ClusterSettings.fromConfig(loaded);
        MultiNodeRules.check(clusterSettings, PersistenceSettings.fromConfig(loaded),
                node.mode() == NodeSettings.Mode.DEMO);
        HttpSettings httpSettings = HttpSettings.fromConfig(loaded);
        boolean tokenGenerated = false;
        if (httpSettings.token().isEmpty()) {
            if (node.mode() != NodeSettings.Mode.DEMO) {
                throw new IllegalArgumentException("switchboard.http.token must be set outside demo mode "
                        + "(env SWITCHBOARD_API_TOKEN): the management API needs a bearer token");
            }
            httpSettings = httpSettings.withToken(java.util.UUID.randomUUID().toString());
            tokenGenerated = true;
        }
        SimulatedAsterisk sim = null;
        DemoSettings demo = null;
        Config config = loaded;
        if (node.mode() == NodeSettings.Mode.DEMO) {
            demo = DemoSettings.fromConfig(loaded);
            sim = SimulatedAsterisk.start(SimConfig.defaults().withPort(demo.ariPort())
                    .withEndpoints(demo.endpoints()));
            config = ConfigFactory.parseString("switchboard.asterisk.servers = [{ id = \"demo\", base-url = \""
                    + sim.ariUrl() + "\", username = \"" + sim.user() + "\", password = \"" + sim.password()
                    + "\", apps = [\"callcenter\"] }]").withFallback(loaded);
        }
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "switchboard",
                ClusterConfig.overlay(clusterSettings).withFallback(PersistenceConfig.withJournal(config)));
        Cluster cluster = Cluster.get(system);
        try {
            // a node that cannot reach its journal stops (and its container restarts) instead of hanging half-started
            JournalSchema.ensure(system);
        } catch (RuntimeException e) {
            new SwitchboardNode(system, sim).close();
            throw e;
        }
        SwitchboardActors actors;
        try {
            actors = SwitchboardActors.get(system);
            actors.settings().servers().forEach(server -> AsteriskCheck.verify(system, server));
        } catch (RuntimeException e) {
            stop(system, sim);
            throw e;
        }
        // one clock and scheduler for every time-driven behaviour of the node
        Timekeeper time = Timekeeper.system(system);
        SwitchboardQueues queues = SwitchboardQueues.get(system).start(time);
        SwitchboardConferences conferences = SwitchboardConferences.get(system).start(time);
        FlowRegistry flows = new FlowRegistry();
        for (AsteriskServer server : actors.settings().servers()) {
            for (String app : server.ari().apps()) {
                // Stasis(app, conference, <room>) first: every other call of the app goes to the queue it names
                conferences.addFlows(flows, app);
                queues.addFlows(flows, app);
            }
        }
        actors.start(flows, time);
        SwitchboardNode started = new SwitchboardNode(system, sim);
        try {
            started.outbound = OutboundSocketServer.startIfNeeded(system, OutboundSettings.fromConfig(config))
                    .orElse(null);
            started.http = HttpServer.start(system, httpSettings,
                    new ManagementApi(system, httpSettings.token().orElseThrow(), demoPhones(sim, demo)).routes());
            // joined last: see ClusterFormation
            ClusterFormation.start(system, clusterSettings);
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        started.printSummary(node, cluster, clusterSettings);
        log.info("  management API on {} (OpenAPI at {}/openapi.json); bearer token {}", started.http.url(),
                started.http.url(), tokenGenerated ? httpSettings.token().orElseThrow() + " (generated for this demo)"
                        : "as configured");
        if (demo != null) {
            log.info("  wallboard: {}/wallboard?token={}", started.http.url(),
                    tokenGenerated ? httpSettings.token().orElseThrow() : "<your token>");
            for (String endpoint : demo.agents()) {
                String agentId = endpoint.substring(endpoint.indexOf('/') + 1);
                queues.agent(agentId).tell(new AgentEntity.Login("demo", endpoint, Map.of("support", 0), Map.of(),
                        system.ignoreRef()));
            }
            PanelAgent.start(system, sim, demo);
            DemoTraffic.start(system, sim, demo);
            DemoConference.start(system, sim, demo);
        }
        system.scheduler().scheduleAtFixedRate(node.statusInterval(), node.statusInterval(),
                started::printStatus, system.executionContext());
        return started;
    }

    /** The wallboard phone panel's phones, in demo mode. */
    private static java.util.Optional<DemoPhones> demoPhones(SimulatedAsterisk sim, DemoSettings demo) {
        return demo == null ? java.util.Optional.empty()
                : java.util.Optional.of(new DemoPhones(sim.calls(), demo.panelAgentId()));
    }

    private void printSummary(NodeSettings node, Cluster cluster, ClusterSettings clusterSettings) {
        SwitchboardActors actors = SwitchboardActors.get(system);
        log.info("Switchboard node starting in {} mode; cluster address {}", node.mode().name().toLowerCase(),
                cluster.selfMember().address());
        log.info("  cluster: {}", clusterSettings.describe());
        for (AsteriskServer server : actors.settings().servers()) {
            log.info("  Asterisk {} at {} (user {}, apps {}, commands {}); {}", server.id(), server.ari().baseUrl(),
                    server.ari().username(), server.ari().apps(), server.ari().commandTransport(),
                    server.connectsOut() ? "it connects to the nodes, here at "
                            + OutboundSettings.fromConfig(system.settings().config()).url(server.id())
                            : "this cluster connects to it (one node at a time)");
        }
        if (actors.settings().servers().isEmpty()) {
            log.warn("  no Asterisk configured: set switchboard.asterisk.servers (see README)");
        }
        var queues = SwitchboardQueues.get(system).settings().queues().values();
        log.info("  queues: {}", queues.isEmpty() ? "none configured (switchboard.queues.definitions)"
                : String.join(", ", queues.stream().map(q -> q.name() + " (" + q.strategy().name()
                        .toLowerCase(Locale.ROOT).replace('_', '-') + ")").toList()));
        log.info("  journal: {}", PersistenceSettings.fromConfig(system.settings().config()));
        if (sim != null) {
            log.info("  demo: simulated Asterisk on {}; callers arrive at random, agents answer", sim.ariUrl());
        }
    }

    private void printStatus() {
        StringBuilder line = new StringBuilder();
        try {
            QueueStatistics.AllFigures all = AskPattern.<QueueStatistics.Command, QueueStatistics.AllFigures>ask(
                    SwitchboardQueues.get(system).statistics(), QueueStatistics.GetAllFigures::new,
                    Duration.ofSeconds(3), system.scheduler()).toCompletableFuture().get();
            all.byQueue().forEach((queue, f) -> line.append(String.format(
                    "queue %s: %d waiting (longest %d s), %d answered, %d abandoned, SL %.0f%%, ASA %.0f s; ",
                    queue, f.callsWaiting(), f.longestWaitSeconds(), f.answered(), f.abandoned(),
                    f.serviceLevel() * 100, f.averageSpeedOfAnswer())));
        } catch (Exception e) {
            line.append("queue figures not available; ");
        }
        for (AsteriskServer server : SwitchboardActors.get(system).settings().servers()) {
            try {
                AriGateway.Status status = gatewayStatus(server.id()).toCompletableFuture().get();
                line.append(server.id()).append(status.connected() ? " connected" : " DISCONNECTED")
                        .append(", ").append(status.eventsRouted()).append(" events, ")
                        .append(status.liveChannels()).append(" channels");
            } catch (Exception e) {
                line.append(server.id()).append(" gateway not reachable");
            }
        }
        log.info(line.toString());
    }

    public CompletionStage<AriGateway.Status> gatewayStatus(String asteriskId) {
        return AskPattern.ask(SwitchboardActors.get(system).gateway(asteriskId), AriGateway.GetStatus::new,
                Duration.ofSeconds(3), system.scheduler());
    }

    /** The live figures of one queue (answered, waiting, service level...). */
    public QueueFigures figures(String queue) throws Exception {
        return AskPattern.<QueueStatistics.Command, QueueFigures>ask(SwitchboardQueues.get(system).statistics(),
                replyTo -> new QueueStatistics.GetFigures(queue, replyTo), Duration.ofSeconds(3), system.scheduler())
                .toCompletableFuture().get();
    }

    /** The management API's base URL, e.g. {@code http://127.0.0.1:8080}. */
    public String apiUrl() {
        return http.url();
    }

    /** The embedded simulated Asterisk, in demo mode. */
    public java.util.Optional<SimulatedAsterisk> simulator() {
        return java.util.Optional.ofNullable(sim);
    }

    public ActorSystem<Void> system() {
        return system;
    }

    @Override
    public void close() {
        if (outbound != null) {
            outbound.close();
        }
        if (http != null) {
            http.close();
        }
        stop(system, sim);
    }

    private static void stop(ActorSystem<Void> system, SimulatedAsterisk sim) {
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
