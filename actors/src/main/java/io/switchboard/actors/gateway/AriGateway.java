package io.switchboard.actors.gateway;

import io.switchboard.actors.bridge.BridgeEntity;
import io.switchboard.actors.channel.ChannelEntity;
import io.switchboard.actors.serialization.CborSerializable;
import io.switchboard.actors.serialization.LocalOnly;
import io.switchboard.actors.settings.ActorsSettings;
import io.switchboard.actors.settings.AsteriskServer;
import io.switchboard.ari.client.AriClient;
import io.switchboard.ari.events.AriEvent;
import io.switchboard.ari.events.AriMessage;
import io.switchboard.ari.events.ChannelDestroyed;
import io.switchboard.ari.events.DeviceStateChanged;
import io.switchboard.ari.events.Connected;
import io.switchboard.ari.events.Disconnected;
import io.switchboard.ari.events.EventStreamItem;
import io.switchboard.ari.events.MalformedFrame;
import io.switchboard.ari.events.StasisEnd;
import io.switchboard.ari.events.UnknownEvent;
import io.switchboard.ari.events.BridgeDestroyed;
import io.switchboard.ari.model.Bridge;
import io.switchboard.ari.model.Channel;
import io.switchboard.ari.rest.ResponseType;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.typed.javadsl.ActorSink;

/**
 * The one actor in the cluster that holds an Asterisk's event socket (run as a cluster singleton per
 * Asterisk, since Asterisk gives an application to the last socket that connects). It turns events into
 * messages to the channel and bridge entities they concern, in socket order, and commands into REST calls.
 * After every (re)connect it reconciles the entities with what Asterisk has.
 */
public final class AriGateway {

    public interface Command extends CborSerializable {
    }

    /** Send a REST command to this Asterisk; retried while no answer comes, as the settings allow. */
    public record Execute(AriCommand command, ActorRef<CommandResult> replyTo) implements Command {
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

    /** What the gateway knows now. */
    public record Status(String asteriskId, boolean connected, int connections, long eventsRouted,
                         int liveChannels, int liveBridges, long malformedFrames, CommandStats commands)
            implements CborSerializable {
    }

    /** Stream protocol between the event socket and this actor (local only). */
    private enum StreamAck { INSTANCE }

    private record StreamStarted(ActorRef<StreamAck> ack) implements Command, LocalOnly {
    }

    private record StreamElement(EventStreamItem item, ActorRef<StreamAck> ack) implements Command, LocalOnly {
    }

    private record StreamEnded(Throwable failure) implements Command, LocalOnly {
    }

    private record Attempted(Execute request, int attempt, long startedNanos, CommandResult result)
            implements Command, LocalOnly {
    }

    private record RetryDue(Execute request, int attempt, long startedNanos) implements Command, LocalOnly {
    }

    private record SnapshotTaken(int connection, List<Channel> channels, List<Bridge> bridges) implements Command, LocalOnly {
    }

    private record SnapshotFailed(int connection, Throwable failure) implements Command, LocalOnly {
    }

    private record DeviceRead(String device, String state, Throwable failure) implements Command, LocalOnly {
    }

    public static Behavior<Command> create(AsteriskServer server, ActorsSettings settings) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers ->
                new AriGateway(context, timers, server, settings).start()));
    }

    private final ActorContext<Command> context;
    /**
     * Pekko's timers, not the node's Timekeeper: the only timer here spaces out retries of a command whose
     * transport failed, a matter of the real network like the ARI client's own timeouts and the command timeout
     * (an ask) that bounds it; on a test's driven time a retry would wait for the test to move time.
     */
    private final TimerScheduler<Command> timers;
    private final AsteriskServer server;
    private final ActorsSettings settings;
    private final AriClient client;
    private final ClusterSharding sharding;
    private final Set<String> liveChannels = new HashSet<>();
    private final Set<String> liveBridges = new HashSet<>();
    /** Channels and bridges that ended while a reconcile snapshot was being taken. */
    private final Set<String> endedDuringSnapshot = new HashSet<>();
    /** ...and those that appeared meanwhile, which the snapshot may not show yet. */
    private final Set<String> startedDuringSnapshot = new HashSet<>();
    private final DeviceWatches devices;
    private UniqueKillSwitch stream;
    private boolean connected;
    private int connections;
    private long eventsRouted;
    private long malformedFrames;
    private final CommandLatency commandLatency = new CommandLatency();
    private long retryIds;

    private AriGateway(ActorContext<Command> context, TimerScheduler<Command> timers, AsteriskServer server,
                       ActorsSettings settings) {
        this.context = context;
        this.timers = timers;
        this.server = server;
        this.settings = settings;
        this.client = AriClient.create(context.getSystem(), server.ari());
        this.sharding = ClusterSharding.get(context.getSystem());
        this.devices = new DeviceWatches(server.id());
    }

    private Behavior<Command> start() {
        stream = client.events()
                .viaMat(KillSwitches.single(), Keep.right())
                .toMat(ActorSink.<EventStreamItem, Command, StreamAck>actorRefWithBackpressure(
                        context.getSelf(), (ack, item) -> new StreamElement(item, ack), StreamStarted::new,
                        StreamAck.INSTANCE, new StreamEnded(null), StreamEnded::new), Keep.left())
                .run(context.getSystem());
        context.getLog().info("ARI gateway for {} started: {} apps {}", server.id(), server.ari().baseUrl(),
                server.ari().apps());
        return behavior();
    }

    private Behavior<Command> behavior() {
        return Behaviors.receive(Command.class)
                .onMessage(StreamStarted.class, this::onStreamStarted)
                .onMessage(StreamElement.class, this::onStreamElement)
                .onMessage(StreamEnded.class, this::onStreamEnded)
                .onMessage(Execute.class, this::onExecute)
                .onMessage(Attempted.class, this::onAttempted)
                .onMessage(RetryDue.class, this::onRetryDue)
                .onMessage(SnapshotTaken.class, this::onSnapshotTaken)
                .onMessage(SnapshotFailed.class, this::onSnapshotFailed)
                .onMessage(GetStatus.class, this::onGetStatus)
                .onMessage(WatchDevice.class, this::onWatchDevice)
                .onMessage(UnwatchDevice.class, this::onUnwatchDevice)
                .onMessage(DeviceRead.class, this::onDeviceRead)
                .onSignal(PostStop.class, signal -> {
                    stream.shutdown();
                    return Behaviors.same();
                })
                .build();
    }

    private Behavior<Command> onStreamStarted(StreamStarted started) {
        started.ack().tell(StreamAck.INSTANCE);
        return Behaviors.same();
    }

    private Behavior<Command> onStreamElement(StreamElement element) {
        EventStreamItem item = element.item();
        if (item instanceof AriEvent event && !(event instanceof UnknownEvent)) {
            route(event);
        } else if (item instanceof Connected c) {
            onConnected(c);
        } else if (item instanceof Disconnected d) {
            connected = false;
            context.getLog().warn("ARI events of {} lost: {}; calls go on, events are missed until reconnect",
                    server.id(), d.reason());
        } else if (item instanceof MalformedFrame m) {
            malformedFrames++;
            context.getLog().warn("skipped a malformed ARI frame from {}: {}", server.id(), m.error());
        } else if (item instanceof AriMessage m) {
            context.getLog().info("ARI message from {} not routed: {}", server.id(), m);
        }
        element.ack().tell(StreamAck.INSTANCE);
        return Behaviors.same();
    }

    private void route(AriEvent event) {
        eventsRouted++;
        if (event instanceof DeviceStateChanged changed) {
            devices.deliver(changed);
            return;
        }
        for (EventOwners.Owner owner : EventOwners.of(event)) {
            String entityId = EntityIds.of(server.id(), owner.id());
            if (owner.kind() == EventOwners.Owner.Kind.CHANNEL) {
                boolean ends = event instanceof ChannelDestroyed || event instanceof StasisEnd;
                if (ends) {
                    liveChannels.remove(owner.id());
                    endedDuringSnapshot.add(owner.id());
                } else if (liveChannels.add(owner.id())) {
                    startedDuringSnapshot.add(owner.id());
                }
                sharding.entityRefFor(ChannelEntity.TYPE_KEY, entityId).tell(new ChannelEntity.EventReceived(event));
            } else {
                if (event instanceof BridgeDestroyed) {
                    liveBridges.remove(owner.id());
                    endedDuringSnapshot.add(owner.id());
                } else if (liveBridges.add(owner.id())) {
                    startedDuringSnapshot.add(owner.id());
                }
                sharding.entityRefFor(BridgeEntity.TYPE_KEY, entityId).tell(new BridgeEntity.EventReceived(event));
            }
        }
    }

    private void onConnected(Connected c) {
        connected = true;
        connections = c.connection();
        context.getLog().info("ARI events of {} connected (connection {}); reconciling", server.id(),
                c.connection());
        endedDuringSnapshot.clear();
        startedDuringSnapshot.clear();
        // subscriptions belong to the application registered on the socket: a new socket has none
        devices.devices().forEach(this::subscribeAndRead);
        context.pipeToSelf(client.channels().list().send()
                        .thenCombine(client.bridges().list().send(), (channels, bridges) ->
                                new SnapshotTaken(c.connection(), channels, bridges)),
                (snapshot, failure) -> failure == null ? snapshot : new SnapshotFailed(c.connection(), failure));
    }

    /** Stops entities whose channel or bridge ended while the socket was down, adopts channels nobody has. */
    private Behavior<Command> onSnapshotTaken(SnapshotTaken snapshot) {
        Set<String> channelsNow = new HashSet<>();
        for (Channel channel : snapshot.channels()) {
            channelsNow.add(channel.id());
            if (endedDuringSnapshot.contains(channel.id())) {
                continue;
            }
            if (liveChannels.contains(channel.id())) {
                channelRef(channel.id()).tell(new ChannelEntity.Resync(channel));
            } else if (inOurApps(channel)) {
                liveChannels.add(channel.id());
                channelRef(channel.id()).tell(new ChannelEntity.Adopt(channel));
            }
        }
        Set<String> bridgesNow = new HashSet<>();
        snapshot.bridges().forEach(b -> bridgesNow.add(b.id()));
        int gone = 0;
        for (String id : Set.copyOf(liveChannels)) {
            if (!channelsNow.contains(id) && !startedDuringSnapshot.contains(id)) {
                liveChannels.remove(id);
                channelRef(id).tell(new ChannelEntity.Gone("ended while the event socket was disconnected"));
                gone++;
            }
        }
        for (String id : Set.copyOf(liveBridges)) {
            if (!bridgesNow.contains(id) && !startedDuringSnapshot.contains(id)) {
                liveBridges.remove(id);
                sharding.entityRefFor(BridgeEntity.TYPE_KEY, EntityIds.of(server.id(), id))
                        .tell(new BridgeEntity.Gone("destroyed while the event socket was disconnected"));
                gone++;
            }
        }
        context.getLog().info("reconciled {} (connection {}): {} channels, {} bridges live, {} ended meanwhile",
                server.id(), snapshot.connection(), liveChannels.size(), liveBridges.size(), gone);
        return Behaviors.same();
    }

    private Behavior<Command> onSnapshotFailed(SnapshotFailed failed) {
        context.getLog().warn("could not reconcile {} after connection {}: {}", server.id(), failed.connection(),
                failed.failure().getMessage());
        return Behaviors.same();
    }

    private boolean inOurApps(Channel channel) {
        if (channel.dialplan() == null || !"Stasis".equals(channel.dialplan().appName())) {
            return false;
        }
        String data = channel.dialplan().appData() == null ? "" : channel.dialplan().appData();
        String app = data.split(",", 2)[0];
        return server.ari().apps().contains(app);
    }

    private org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef<ChannelEntity.Command> channelRef(String id) {
        return sharding.entityRefFor(ChannelEntity.TYPE_KEY, EntityIds.of(server.id(), id));
    }

    private Behavior<Command> onStreamEnded(StreamEnded ended) {
        if (ended.failure() != null) {
            context.getLog().error("ARI event stream of {} failed: {}", server.id(), ended.failure().toString());
            throw new IllegalStateException("event stream failed", ended.failure());
        }
        return Behaviors.same();
    }

    private Behavior<Command> onExecute(Execute execute) {
        attempt(execute, 0, System.nanoTime());
        return Behaviors.same();
    }

    private void attempt(Execute execute, int attempt, long startedNanos) {
        AriCommand command = execute.command();
        context.pipeToSelf(client.execute(command.toRequest(), ResponseType.JSON_TEXT),
                (body, failure) -> new Attempted(execute, attempt, startedNanos, failure == null
                        ? new CommandResult.Succeeded(body)
                        : CommandResult.Failed.of(command.toRequest().toString(), unwrap(failure))));
    }

    private Behavior<Command> onAttempted(Attempted attempted) {
        CommandResult result = attempted.result();
        Execute execute = attempted.request();
        if (result instanceof CommandResult.Failed failed) {
            if (failed.transportFailure() && attempted.attempt() < settings.commandRetries()) {
                Duration pause = settings.retryBackoff().multipliedBy(1L << attempted.attempt());
                timers.startSingleTimer("retry-" + (retryIds++), new RetryDue(execute, attempted.attempt() + 1,
                        attempted.startedNanos()), pause);
                return Behaviors.same();
            }
            if (attempted.attempt() > 0 && failed.status() == 409 && execute.command().hasClientId()) {
                // the first attempt did reach Asterisk: the id it carried is taken by the thing we created
                context.getLog().info("{}: 409 on retry, so the first attempt was carried out", execute.command());
                result = new CommandResult.Succeeded(null);
            }
        }
        commandLatency.record((System.nanoTime() - attempted.startedNanos()) / 1_000,
                result instanceof CommandResult.Succeeded);
        execute.replyTo().tell(result);
        return Behaviors.same();
    }

    private Behavior<Command> onRetryDue(RetryDue due) {
        context.getLog().info("retrying {} (attempt {})", due.request().command(), due.attempt() + 1);
        attempt(due.request(), due.attempt(), due.startedNanos());
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
                    unwrap(read.failure()).getMessage());
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
        get.replyTo().tell(new Status(server.id(), connected, connections, eventsRouted, liveChannels.size(),
                liveBridges.size(), malformedFrames, commandLatency.stats()));
        return Behaviors.same();
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
    }
}
