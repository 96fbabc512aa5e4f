package io.switchboard.actors.gateway;

import io.switchboard.actors.SwitchboardActors;
import io.switchboard.actors.serialization.CborSerializable;
import io.switchboard.actors.serialization.LocalOnly;
import io.switchboard.actors.settings.ActorsSettings;
import io.switchboard.actors.settings.AsteriskServer;
import io.switchboard.actors.time.Timekeeper;
import io.switchboard.actors.time.Timers;
import io.switchboard.ari.client.AriClient;
import io.switchboard.ari.events.AriEvent;
import io.switchboard.ari.events.AriMessage;
import io.switchboard.ari.events.Connected;
import io.switchboard.ari.events.DeviceStateChanged;
import io.switchboard.ari.events.Disconnected;
import io.switchboard.ari.events.EventStreamItem;
import io.switchboard.ari.client.AriSubscription;
import io.switchboard.ari.client.EventReceiver;
import io.switchboard.ari.events.MalformedFrame;
import io.switchboard.ari.events.UnknownEvent;
import io.switchboard.ari.model.Bridge;
import io.switchboard.ari.model.Channel;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.apache.pekko.cluster.ClusterEvent;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Subscribe;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.stream.javadsl.Flow;

/**
 * The actor that holds an Asterisk's event socket. It turns events into messages to the channel and bridge
 * entities they concern, in socket order, and commands into REST calls. After every (re)connect it reconciles
 * the entities with what Asterisk has, and while it hears the events it sweeps: any channel in its applications
 * whose entity was lost with a node gets one again.
 *
 * <p>With {@link AsteriskServer.Events#INBOUND} it runs as a cluster singleton per Asterisk and connects itself
 * (Asterisk gives an application to the last socket that connects). With {@link AsteriskServer.Events#OUTBOUND}
 * every node runs one, and the one Asterisk connects to registers under {@link #connectedKey} while its socket
 * is open; each node's {@link GatewayLink} sends it that Asterisk's commands.
 */
public final class AriGateway {

    public interface Command extends CborSerializable {
    }

    /**
     * Send a REST command to this Asterisk; retried while no answer comes, as the settings allow. {@code resent}:
     * it may have reached Asterisk already through another gateway (so a 409 on its client-assigned id means done).
     */
    public record Execute(AriCommand command, ActorRef<CommandResult> replyTo, boolean resent) implements Command {
        public Execute(AriCommand command, ActorRef<CommandResult> replyTo) {
            this(command, replyTo, false);
        }
    }

    public record GetStatus(ActorRef<Status> replyTo) implements Command {
    }

    /**
     * Follow a device's state (e.g. {@code PJSIP/agent1}): the application is subscribed to it, its state is read
     * now and after every reconnect, and every DeviceStateChanged of it goes to {@code watcher}. Idempotent.
     */
    public record WatchDevice(String device, ActorRef<DeviceStateSeen> watcher) implements Command {
    }

    public record UnwatchDevice(String device) implements Command {
    }

    /** A device's state as Asterisk reports it: NOT_INUSE, INUSE, RINGING, BUSY, UNAVAILABLE... */
    public record DeviceStateSeen(String asteriskId, String device, String state) implements CborSerializable {
    }

    /**
     * Serve a WebSocket Asterisk opened to this node (outbound mode, local to the node that accepted it); the
     * answer holds the flow to serve it with, or null when this gateway takes no sockets.
     */
    public record AcceptSocket(String remote, ActorRef<SocketAccepted> replyTo) implements Command, LocalOnly {
    }

    public record SocketAccepted(Flow<Message, Message, NotUsed> flow) implements LocalOnly {
    }

    /**
     * What the gateway knows now; {@code sweeps} done while it heard the events, the channels they found without
     * an entity ({@code takenOver}) and the answered dialled legs left in no bridge they hung up.
     */
    public record Status(String asteriskId, boolean connected, int connections, long eventsRouted,
                         int liveChannels, int liveBridges, long malformedFrames, CommandStats commands,
                         long sweeps, long takenOver, long straysHungUp) implements CborSerializable {
    }

    /** Where the gateway holding the socket of {@code asteriskId} registers, in outbound mode. */
    public static ServiceKey<Command> connectedKey(String asteriskId) {
        return ServiceKey.create(Command.class, "ari-gateway-connected-" + asteriskId);
    }

    /** An item of the event socket, told by the socket's receiver (local only). */
    private record EventArrived(EventStreamItem item) implements Command, LocalOnly {
    }

    private record SnapshotTaken(int id, boolean sweep, List<Channel> channels, List<Bridge> bridges)
            implements Command, LocalOnly {
    }

    private record SnapshotFailed(int id, Throwable failure) implements Command, LocalOnly {
    }

    private record DeviceRead(String device, String state, Throwable failure) implements Command, LocalOnly {
    }

    private enum SweepDue implements Command, LocalOnly { INSTANCE }

    private record MemberLeft(ClusterEvent.MemberRemoved removed) implements Command, LocalOnly {
    }

    public static Behavior<Command> create(AsteriskServer server, ActorsSettings settings, Timekeeper timekeeper) {
        return Behaviors.setup(context -> timekeeper.<Command>withTimers(sweeps ->
                new AriGateway(context, server, settings, timekeeper).start(sweeps)));
    }

    private final ActorContext<Command> context;
    private final AsteriskServer server;
    private final ActorsSettings settings;
    private final AriClient client;
    private final Reconciliation live;
    private final DeviceWatches devices;
    private final AtomicInteger backlog = new AtomicInteger();
    private AriSubscription subscription;
    private boolean connected;
    private int connections;
    private int snapshots;
    private long sweeps;
    private long takenOver;
    private long straysHungUp;
    private long eventsRouted;
    private long malformedFrames;
    private final CommandRetries commands;

    private AriGateway(ActorContext<Command> context, AsteriskServer server,
                       ActorsSettings settings, Timekeeper timekeeper) {
        this.context = context;
        this.server = server;
        this.settings = settings;
        this.client = AriClient.create(context.getSystem(), server.ari());
        this.commands = new CommandRetries(context.getSystem(), settings, client);
        this.live = new Reconciliation(server, ClusterSharding.get(context.getSystem()),
                context.getSystem().ignoreRef(), timekeeper::now, settings.unbridgedLegTimeout());
        this.devices = new DeviceWatches(server.id());
    }

    private Behavior<Command> start(Timers<Command> sweeps) {
        // the socket's thread tells each item straight to this actor; a backlog past the client's
        // event-buffer-size closes the socket with a Disconnected rather than dropping events unseen
        ActorRef<Command> self = context.getSelf();
        EventReceiver receiver = new EventReceiver() {
            @Override
            public void receive(EventStreamItem item) {
                backlog.incrementAndGet();
                self.tell(new EventArrived(item));
            }

            @Override
            public int backlog() {
                return backlog.get();
            }
        };
        subscription = server.connectsOut() ? client.receiveAcceptedEvents(receiver) : client.receiveEvents(receiver);
        SwitchboardActors.get(context.getSystem()).directCommands().started(server.id(), commands, server.connectsOut());
        sweeps.startTimerWithFixedDelay(SweepDue.INSTANCE, settings.sweepInterval());
        Cluster.get(context.getSystem()).subscriptions().tell(Subscribe.create(
                context.messageAdapter(ClusterEvent.MemberRemoved.class, MemberLeft::new),
                ClusterEvent.MemberRemoved.class));
        if (server.connectsOut()) {
            context.getLog().info("ARI gateway for {} started: waiting for Asterisk to connect (apps {}), commands "
                    + "over HTTP to {} until it does", server.id(), server.ari().apps(), server.ari().baseUrl());
        } else {
            context.getLog().info("ARI gateway for {} started: {} apps {}", server.id(), server.ari().baseUrl(),
                    server.ari().apps());
        }
        return behavior();
    }

    private Behavior<Command> behavior() {
        return Behaviors.receive(Command.class)
                .onMessage(EventArrived.class, this::onEventArrived)
                .onMessage(Execute.class, execute -> then(() -> commands.execute(execute.command(), execute.resent())
                        .thenAccept(execute.replyTo()::tell)))
                .onMessage(SnapshotTaken.class, this::onSnapshotTaken)
                .onMessage(SnapshotFailed.class, this::onSnapshotFailed)
                .onMessage(SweepDue.class, this::onSweepDue)
                .onMessage(MemberLeft.class, this::onMemberLeft)
                .onMessage(AcceptSocket.class, this::onAcceptSocket)
                .onMessage(GetStatus.class, this::onGetStatus)
                .onMessage(WatchDevice.class, this::onWatchDevice)
                .onMessage(UnwatchDevice.class, this::onUnwatchDevice)
                .onMessage(DeviceRead.class, this::onDeviceRead)
                .onSignal(PostStop.class, signal -> stop())
                .onSignal(PreRestart.class, signal -> stop())
                .build();
    }

    private Behavior<Command> stop() {
        SwitchboardActors.get(context.getSystem()).directCommands().stopped(server.id(), commands);
        subscription.close();
        return Behaviors.same();
    }

    private Behavior<Command> onEventArrived(EventArrived arrived) {
        backlog.decrementAndGet();
        EventStreamItem item = arrived.item();
        if (item instanceof AriEvent event && !(event instanceof UnknownEvent)) {
            eventsRouted++;
            if (event instanceof DeviceStateChanged changed) {
                devices.deliver(changed);
            } else {
                live.route(event);
            }
        } else if (item instanceof Connected c) {
            onConnected(c);
        } else if (item instanceof Disconnected d) {
            onDisconnected(d);
        } else if (item instanceof MalformedFrame m) {
            malformedFrames++;
            context.getLog().warn("skipped a malformed ARI frame from {}: {}", server.id(), m.error());
        } else if (item instanceof AriMessage m) {
            context.getLog().info("ARI message from {} not routed: {}", server.id(), m);
        }
        return Behaviors.same();
    }

    private void onConnected(Connected c) {
        connected = true;
        connections = c.connection();
        context.getLog().info("ARI events of {} connected (connection {} from {}); reconciling", server.id(),
                c.connection(), c.url());
        if (server.connectsOut()) {
            // the nodes' links send this Asterisk's commands to the gateway that holds its socket
            context.getSystem().receptionist().tell(Receptionist.register(connectedKey(server.id()), context.getSelf()));
        }
        // subscriptions belong to the application registered on the socket: a new socket has none
        devices.devices().forEach(this::subscribeAndRead);
        takeSnapshot(false);
    }

    private void onDisconnected(Disconnected d) {
        connected = false;
        if (server.connectsOut()) {
            context.getSystem().receptionist().tell(Receptionist.deregister(connectedKey(server.id()), context.getSelf()));
            context.getLog().warn("Asterisk {}'s socket to this node closed: {}; Asterisk queues the events until it "
                    + "connects again, to this node or another", server.id(), d.reason());
        } else {
            context.getLog().warn("ARI events of {} lost: {}; calls go on, events are missed until reconnect",
                    server.id(), d.reason());
        }
    }

    private void takeSnapshot(boolean sweep) {
        int id = ++snapshots;
        live.snapshotRequested();
        context.pipeToSelf(client.channels().list().send()
                        .thenCombine(client.bridges().list().send(), (channels, bridges) ->
                                new SnapshotTaken(id, sweep, channels, bridges)),
                (snapshot, failure) -> failure == null ? snapshot : new SnapshotFailed(id, failure));
    }

    /** Stops entities whose channel or bridge ended unheard, adopts channels nobody has, wakes lost entities. */
    private Behavior<Command> onSnapshotTaken(SnapshotTaken snapshot) {
        if (snapshot.id() != snapshots) {
            return Behaviors.same();
        }
        Reconciliation.Outcome outcome = live.apply(snapshot.channels(), snapshot.bridges(), snapshot.sweep());
        if (!snapshot.sweep() || outcome.adopted() > 0 || outcome.gone() > 0 || outcome.straysHungUp() > 0) {
            context.getLog().info("{} {}: {} channels, {} bridges live; {} channels without an owner adopted, {} "
                            + "ended unheard, {} answered dialled legs left in no bridge hung up",
                    snapshot.sweep() ? "swept" : "reconciled", server.id(), outcome.channels(), outcome.bridges(),
                    outcome.adopted(), outcome.gone(), outcome.straysHungUp());
        } else {
            context.getLog().debug("swept {}: {} channels, {} bridges live, all owned", server.id(),
                    outcome.channels(), outcome.bridges());
        }
        if (snapshot.sweep()) {
            sweeps++;
            takenOver += outcome.adopted();
            straysHungUp += outcome.straysHungUp();
        }
        return Behaviors.same();
    }

    private Behavior<Command> onSnapshotFailed(SnapshotFailed failed) {
        context.getLog().warn("could not list the channels of {} (snapshot {}): {}", server.id(), failed.id(),
                failed.failure().getMessage());
        return Behaviors.same();
    }

    /** Only the gateway that hears the events sweeps: its live sets are the ones that mean something. */
    private Behavior<Command> onSweepDue(SweepDue due) {
        if (connected) {
            takeSnapshot(true);
        }
        return Behaviors.same();
    }

    private Behavior<Command> onMemberLeft(MemberLeft left) {
        if (connected) {
            context.getLog().info("{} left the cluster: sweeping {} for calls whose entities were there",
                    left.removed().member().address(), server.id());
            takeSnapshot(true);
        }
        return Behaviors.same();
    }

    private Behavior<Command> onAcceptSocket(AcceptSocket accept) {
        if (!server.connectsOut() || !client.acceptingSockets()) {
            accept.replyTo().tell(new SocketAccepted(null));
        } else {
            accept.replyTo().tell(new SocketAccepted(client.acceptSocket(accept.remote())));
        }
        return Behaviors.same();
    }

    private static Behavior<Command> then(Runnable action) {
        action.run();
        return Behaviors.same();
    }

    private Behavior<Command> onWatchDevice(WatchDevice watch) {
        if (devices.watch(watch.device(), watch.watcher()) && connected) {
            subscribeAndRead(watch.device());
        }
        return Behaviors.same();
    }

    private Behavior<Command> onUnwatchDevice(UnwatchDevice unwatch) {
        if (devices.unwatch(unwatch.device()) && connected) {
            // a failure means the subscription went with an earlier socket: nothing is left to undo
            client.applications().unsubscribe(app(), "deviceState:" + unwatch.device()).send();
        }
        return Behaviors.same();
    }

    /** Subscribes first, then reads, so that no change falls between the reading and the first event. */
    private void subscribeAndRead(String device) {
        context.pipeToSelf(client.applications().subscribe(app(), "deviceState:" + device).send()
                        .thenCompose(app -> client.deviceStates().get(device).send()),
                (state, failure) -> new DeviceRead(device, state == null ? null : state.state(), failure));
    }

    private Behavior<Command> onDeviceRead(DeviceRead read) {
        if (read.failure() != null) {
            context.getLog().warn("could not follow device {} on {}: {}", read.device(), server.id(),
                    CommandRetries.unwrap(read.failure()).getMessage());
        } else {
            devices.tell(read.device(), read.state());
        }
        return Behaviors.same();
    }

    /** Device subscriptions go to the first application of this Asterisk. */
    private String app() {
        return server.ari().apps().get(0);
    }

    private Behavior<Command> onGetStatus(GetStatus get) {
        get.replyTo().tell(new Status(server.id(), connected, connections, eventsRouted, live.liveChannels(),
                live.liveBridges(), malformedFrames, commands.stats(), sweeps, takenOver, straysHungUp));
        return Behaviors.same();
    }
}
