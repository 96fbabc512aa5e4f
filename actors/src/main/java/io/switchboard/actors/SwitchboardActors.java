package io.switchboard.actors;

import io.switchboard.actors.bridge.BridgeEntity;
import io.switchboard.actors.channel.ChannelAudit;
import io.switchboard.actors.channel.ChannelEntity;
import io.switchboard.actors.flow.FlowRegistry;
import io.switchboard.actors.gateway.AriGateway;
import io.switchboard.actors.gateway.DirectCommands;
import io.switchboard.actors.gateway.GatewayLink;
import io.switchboard.actors.settings.ActorsSettings;
import io.switchboard.actors.settings.AsteriskServer;
import io.switchboard.actors.time.Timekeeper;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.ClusterSingletonSettings;
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * The actor layer of one node: starts the sharded channel and bridge entities and the gateways of each
 * Asterisk (a cluster singleton each when Switchboard opens the event socket; one per node, with a
 * {@link GatewayLink}, when Asterisk connects out to the nodes), and holds the flows calls run.
 *
 * <pre>{@code
 * SwitchboardActors.get(system).start(new FlowRegistry().register("callcenter", new WhoAmI()));
 * }</pre>
 */
public final class SwitchboardActors implements Extension {
    private final ActorSystem<?> system;
    private final ActorsSettings settings;
    private final Map<String, ActorRef<AriGateway.Command>> gateways = new ConcurrentHashMap<>();
    private final Map<String, ActorRef<AriGateway.Command>> localGateways = new ConcurrentHashMap<>();
    private final DirectCommands directCommands = new DirectCommands();
    private volatile FlowRegistry flows = new FlowRegistry();
    private volatile Timekeeper timekeeper;

    private SwitchboardActors(ActorSystem<?> system) {
        this.system = system;
        this.settings = ActorsSettings.fromConfig(system.settings().config());
    }

    public static SwitchboardActors get(ActorSystem<?> system) {
        return Id.INSTANCE.apply(system);
    }

    /** Starts entities and gateways on this node with these flows, on system time. Call once per node. */
    public SwitchboardActors start(FlowRegistry flows) {
        return start(flows, Timekeeper.system(system));
    }

    /**
     * Starts entities and gateways on this node with these flows; their timers (gather timeouts, an ended
     * channel's linger) run on {@code timekeeper}. Call once per node.
     */
    /** The gateways of this node that its entities send commands to without a message (see there). */
    public DirectCommands directCommands() {
        return directCommands;
    }

    public SwitchboardActors start(FlowRegistry flows, Timekeeper timekeeper) {
        this.flows = flows;
        this.timekeeper = timekeeper;
        ChannelEntity.init(system, settings, timekeeper);
        BridgeEntity.init(system, settings);
        system.systemActorOf(ChannelAudit.create(settings, timekeeper), "channel-audit",
                org.apache.pekko.actor.typed.Props.empty());
        settings.servers().forEach(server -> gateway(server.id()));
        return this;
    }

    public ActorsSettings settings() {
        return settings;
    }

    public FlowRegistry flows() {
        return flows;
    }

    /** The time this node's entities run on (null until {@link #start}). */
    public Timekeeper timekeeper() {
        return timekeeper;
    }

    /**
     * Where this node sends an Asterisk's commands: the cluster singleton's proxy (inbound mode), or the link to
     * the gateway that holds the socket Asterisk opened (outbound mode).
     */
    public ActorRef<AriGateway.Command> gateway(String asteriskId) {
        return gateways.computeIfAbsent(asteriskId, id -> {
            AsteriskServer server = settings.server(id);
            if (server.connectsOut()) {
                return system.systemActorOf(GatewayLink.create(id, localGateway(id), settings.forwardTimeout()), "ari-gateway-link-" + id,
                        org.apache.pekko.actor.typed.Props.empty());
            }
            ClusterSingletonSettings singleton = ClusterSingletonSettings.create(system);
            if (settings.gatewayRole().isPresent()) {
                singleton = singleton.withRole(settings.gatewayRole().get());
            }
            return ClusterSingleton.get(system).init(SingletonActor.of(
                    supervised(server), "ari-gateway-" + id).withSettings(singleton));
        });
    }

    /**
     * This node's own gateway of an Asterisk that connects out (outbound mode): it serves the sockets Asterisk
     * opens to this node.
     */
    public ActorRef<AriGateway.Command> localGateway(String asteriskId) {
        return localGateways.computeIfAbsent(asteriskId, id -> {
            AsteriskServer server = settings.server(id);
            if (!server.connectsOut()) {
                throw new IllegalArgumentException("asterisk server " + id + " does not connect out (events = "
                        + "inbound): its gateway is the cluster singleton");
            }
            return system.systemActorOf(supervised(server), "ari-gateway-" + id,
                    org.apache.pekko.actor.typed.Props.empty());
        });
    }

    private Behavior<AriGateway.Command> supervised(AsteriskServer server) {
        Timekeeper time = timekeeper != null ? timekeeper : Timekeeper.system(system);
        return Behaviors.supervise(AriGateway.create(server, settings, time))
                .onFailure(SupervisorStrategy.restartWithBackoff(
                        java.time.Duration.ofMillis(200), java.time.Duration.ofSeconds(10), 0.2));
    }

    static final class Id extends ExtensionId<SwitchboardActors> {
        static final Id INSTANCE = new Id();

        @Override
        public SwitchboardActors createExtension(ActorSystem<?> system) {
            return new SwitchboardActors(system);
        }
    }
}
