package io.switchboard.actors.channel;

import io.switchboard.actors.gateway.AriCommand;
import io.switchboard.actors.gateway.CommandResult;
import io.switchboard.actors.gateway.EntityIds;
import io.switchboard.actors.serialization.CborSerializable;
import io.switchboard.actors.serialization.LocalOnly;
import io.switchboard.actors.settings.ActorsSettings;
import io.switchboard.actors.runtime.ReceiveTable;
import io.switchboard.actors.settings.ShardedEntities;
import io.switchboard.actors.time.Timekeeper;
import io.switchboard.actors.time.Timers;
import io.switchboard.ari.events.AriEvent;
import io.switchboard.ari.events.ChannelDestroyed;
import io.switchboard.ari.events.ChannelHangupRequest;
import io.switchboard.ari.events.Dial;
import io.switchboard.ari.events.StasisEnd;
import io.switchboard.ari.events.StasisStart;
import io.switchboard.ari.model.Channel;
import io.switchboard.ari.rest.ChannelsApi;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * One Asterisk channel as a cluster-sharded actor, id {@code <asteriskId>/<channelId>}. It receives the
 * channel's events in socket order, keeps its latest snapshot, runs the call's flow when the channel enters
 * a Stasis application, and turns the flow's operations into REST commands that complete on the events that
 * end them ({@link ChannelOperations}, {@link Dialling}). It stops when the channel is destroyed. Its timers
 * (gather timeouts, linger) run on the {@link Timekeeper} it is given.
 */
public final class ChannelEntity {

    public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "Channel");

    /** How long an entity whose channel left the application waits for its last events before stopping. */
    private static final Duration LINGER = Duration.ofSeconds(10);

    public static void init(ActorSystem<?> system, ActorsSettings settings, Timekeeper timekeeper) {
        ShardedEntities.init(system, settings, TYPE_KEY, entityId -> create(entityId, timekeeper));
    }

    public interface Command extends CborSerializable {
    }

    /** An event about this channel, from the gateway. */
    public record EventReceived(AriEvent event) implements Command {
    }

    /**
     * Reconciliation found this channel in the application with no entity: take it over. {@code bridged}: it is
     * in a bridge now (a dialled leg that is in none, taken over by a fresh entity, has nobody left to answer).
     */
    public record Adopt(Channel snapshot, boolean bridged) implements Command {
    }

    /**
     * Reconciliation after a reconnect found the channel still there: events may have been missed, so the
     * entity checks what it was waiting for (playbacks, recordings, a dial) against Asterisk.
     */
    public record Resync(Channel snapshot) implements Command {
    }

    /**
     * The gateway's sweep found the channel in the application. A running entity has nothing to do; a fresh one
     * (the previous one was lost with its node) takes the call over as on {@link Adopt}.
     */
    public record Sweep(Channel snapshot, boolean bridged) implements Command {
    }

    /**
     * The node's audit did not find this channel in Asterisk's list: the entity looks it up, and ends its call if
     * Asterisk no longer has it (its end was lost with a socket).
     */
    public record Verify() implements Command {
    }

    /** Reconciliation found the channel gone: it ended while events were not flowing. */
    public record Gone(String reason) implements Command {
    }

    public record GetSnapshot(ActorRef<Snapshot> replyTo) implements Command {
    }

    public record Snapshot(String entityId, Channel channel, boolean inStasis, boolean ended, List<String> args)
            implements CborSerializable {
    }

    /** Sends every event of this channel, then {@link CallEvent.Ended}, to {@code subscriber}. */
    public record Subscribe(ActorRef<CallEvent> subscriber) implements Command {
    }

    /**
     * Replies {@link Outcome.Done} once the call has ended here (at once if it already has, or never existed).
     * {@code watcher}, when given, names who watches: a later WhenEnded with the same name replaces this one.
     * Queues, which follow many calls, use {@link WatchEnd} instead.
     */
    public record WhenEnded(ActorRef<Outcome> replyTo, String watcher) implements Command {
        public WhenEnded(ActorRef<Outcome> replyTo) {
            this(replyTo, null);
        }
    }

    /**
     * Tells {@code replyTo} {@link CallEnded} when the call ends (at once if it already has, or never existed), for
     * watchers that follow many calls through one reference, such as a queue. It is a tell, not an ask: no reply
     * comes while the call lasts, and the watcher sends it again now and then, since the entity that holds it may
     * be lost with its node. The same {@code watcher} name replaces its earlier watch.
     */
    public record WatchEnd(String watcher, ActorRef<CallEnded> replyTo) implements Command {
    }

    /** The answer to {@link WatchEnd}: the call of this channel entity has ended. */
    public record CallEnded(String entityId) implements CborSerializable {
    }

    /** A one-shot action (answer, hold, hang up...). */
    public record Perform(ChannelAction action, ActorRef<Outcome> replyTo) implements Command {
    }

    /** Plays media in order; a digit in {@code stopDigits} (may be empty) interrupts the playback. */
    public record Play(List<String> media, String stopDigits, String language, ActorRef<Outcome> replyTo)
            implements Command {
    }

    public record Record(String name, String format, Integer maxDurationSeconds, Integer maxSilenceSeconds,
                         Boolean beep, String terminateOn, String ifExists, ActorRef<Outcome> replyTo)
            implements Command {
    }

    /**
     * Collects digits until {@code maxDigits}, a digit of {@code terminators} (not included), or a timeout:
     * {@code firstDigitTimeout} for the first digit, then {@code interDigitTimeout} between digits. Digits
     * pressed while nothing listened are used first.
     */
    public record Gather(int maxDigits, String terminators, Duration firstDigitTimeout, Duration interDigitTimeout,
                         ActorRef<Outcome> replyTo) implements Command {
    }

    /** Dials an endpoint for this call; the answer is an {@link Outcome.Dialed}. */
    public record DialOut(String endpoint, Duration timeout, String callerId, ActorRef<Outcome> replyTo)
            implements Command {
    }

    /** Sent to a channel created to be dialled: dial it, and report to {@code replyTo}. */
    public record DialFrom(String callerChannelId, Duration timeout, ActorRef<Outcome> replyTo) implements Command {
    }

    /** Hangs up every peer this call is still dialling except {@code keepPeerId} (the one that answered). */
    public record CancelDialsExcept(String keepPeerId) implements Command {
    }

    /**
     * Hangs up the peers this call is still dialling at {@code endpoint}: whoever asked for those dials no longer
     * wants them, and may no longer know their channel ids (a queue that restarted while an agent's phone rang).
     */
    public record CancelDialsTo(String endpoint) implements Command {
    }

    /** Puts this call and another of the same Asterisk into a new mixing bridge. */
    public record BridgeWith(String otherChannelId, ActorRef<Outcome> replyTo) implements Command {
    }

    private record FlowFinished(Throwable failure) implements Command, LocalOnly {
    }

    private enum Linger implements Command, LocalOnly { EXPIRED }

    private static final SupervisorStrategy RESTART =
            SupervisorStrategy.restartWithBackoff(Duration.ofMillis(100), Duration.ofSeconds(5), 0.2);

    public static Behavior<Command> create(String entityId, Timekeeper timekeeper) {
        return Behaviors.<Command>supervise(Behaviors.setup(context -> timekeeper.<Command>withTimers(timers ->
                        RECEIVE.receive(new ChannelEntity(context, timers, entityId)))))
                .onFailure(RESTART);
    }

    private final ActorContext<Command> context;
    private final Timers<Command> timers;
    private final String entityId;
    private final String asteriskId;
    private final String channelId;
    /** Builds requests only: the gateway sends them. */
    private static final ChannelsApi CHANNELS = new ChannelsApi(null);
    private final CommandsInFlight commands;
    private final ChannelOperations operations;
    private final Dialling dialling;
    private final CallWatchers watchers;
    private Channel snapshot;
    private boolean inStasis;
    private boolean ended;
    private boolean destroyed;
    private boolean lookingUp;
    private final RunningFlow flow;

    private ChannelEntity(ActorContext<Command> context, Timers<Command> timers, String entityId) {
        this.context = context;
        this.timers = timers;
        this.entityId = entityId;
        this.asteriskId = EntityIds.asteriskId(entityId);
        this.channelId = EntityIds.ariId(entityId);
        this.commands = new CommandsInFlight(context, asteriskId);
        this.operations = new ChannelOperations(context.getSystem(), timers, commands, asteriskId, channelId);
        this.dialling = new Dialling(context, commands, asteriskId, channelId);
        this.watchers = new CallWatchers(entityId, channelId);
        this.flow = new RunningFlow(context, entityId, asteriskId, channelId, FlowFinished::new);
        // an entity woken by a stray late event, with no channel in the application, does not linger forever
        timers.startSingleTimer(Linger.EXPIRED, LINGER.multipliedBy(3));
    }

    /** Built once for every channel entity: each instance holds one small behavior, not a case per message. */
    private static final ReceiveTable<ChannelEntity, Command> RECEIVE =
            ReceiveTable.builder(ChannelEntity.class, Command.class)
                    .on(EventReceived.class, ChannelEntity::onEvent)
                    .on(Adopt.class, ChannelEntity::onAdopt)
                    .on(Gone.class, ChannelEntity::onGone)
                    .on(Resync.class, ChannelEntity::onResync)
                    .on(Sweep.class, ChannelEntity::onSweep)
                    .on(Verify.class, (entity, verify) -> entity.lookUp())
                    .on(GetSnapshot.class, ChannelEntity::onGetSnapshot)
                    .onThen(Subscribe.class, (entity, subscribe) ->
                            entity.watchers.subscribe(subscribe.subscriber(), entity.ended))
                    .on(WhenEnded.class, ChannelEntity::onWhenEnded)
                    .on(WatchEnd.class, ChannelEntity::onWatchEnd)
                    .onThen(Perform.class, (entity, perform) -> entity.operations.perform(perform))
                    .onThen(Play.class, (entity, play) ->
                            entity.unlessEnded(play.replyTo(), () -> entity.operations.play(play)))
                    .onThen(Record.class, (entity, record) ->
                            entity.unlessEnded(record.replyTo(), () -> entity.operations.record(record)))
                    .onThen(Gather.class, (entity, gather) ->
                            entity.unlessEnded(gather.replyTo(), () -> entity.operations.gather(gather)))
                    .onThen(BridgeWith.class, (entity, bridge) ->
                            entity.unlessEnded(bridge.replyTo(), () -> entity.operations.bridgeWith(bridge)))
                    .onThen(ChannelOperations.GatherTimedOut.class, (entity, timedOut) ->
                            entity.operations.gatherTimedOut(timedOut))
                    .onThen(DialOut.class, (entity, dial) ->
                            entity.unlessEnded(dial.replyTo(), () -> entity.dialling.dialOut(dial, entity.flow.app())))
                    .onThen(DialFrom.class, (entity, dial) -> entity.dialling.dialFrom(dial))
                    .onThen(CancelDialsExcept.class, (entity, cancel) -> entity.dialling.cancelAllExcept(cancel))
                    .onThen(CancelDialsTo.class, (entity, cancel) -> entity.dialling.cancelDialsTo(cancel))
                    .onThen(Dialling.Relayed.class, (entity, relayed) -> entity.dialling.relayed(relayed))
                    .on(CommandsInFlight.Answered.class, ChannelEntity::onCommandAnswered)
                    .on(FlowFinished.class, ChannelEntity::onFlowFinished)
                    .on(Linger.class, (entity, linger) -> entity.onLingerExpired())
                    .build();

    /** An operation is refused once the call has ended. */
    private void unlessEnded(ActorRef<Outcome> replyTo, Runnable operation) {
        if (ended) {
            replyTo.tell(new Outcome.Failed(Outcome.Failed.Reason.CALL_ENDED, null, "the call has ended"));
        } else {
            operation.run();
        }
    }

    // ---- events ----

    private Behavior<Command> onEvent(EventReceived received) {
        AriEvent event = received.event();
        Channel about = ChannelInEvent.of(event, channelId);
        if (snapshot == null && about != null && ChannelInEvent.showsCallInProgress(event, about)) {
            // the call was followed by an entity that is gone (its node was lost, or its shard moved to this node)
            context.getLog().info("{} first heard of in the middle of its call: taking the call over", entityId);
            adopt(about, true);
        }
        if (about != null) {
            snapshot = SnapshotSharing.latest(snapshot, about);
        }
        watchers.observed(event);
        flow.deliver(event);
        operations.onEvent(event);
        if (event instanceof StasisStart start) {
            onStasisStart(start);
        } else if (event instanceof Dial dial) {
            dialling.onDial(dial);
        } else if (event instanceof ChannelHangupRequest) {
            // the caller is going: whatever the flow waits for will not happen
            end("hung up", null);
        } else if (event instanceof StasisEnd) {
            inStasis = false;
            end("left the application", null);
            timers.startSingleTimer(Linger.EXPIRED, LINGER);
        } else if (event instanceof ChannelDestroyed gone) {
            onDestroyed(gone);
            return stopWhenAnswered();
        }
        return Behaviors.same();
    }

    private void onStasisStart(StasisStart start) {
        inStasis = true;
        ended = false;
        timers.cancel(Linger.EXPIRED);
        flow.entered(start.application(), start.args(), snapshot, start.timestamp());
    }

    private Behavior<Command> onAdopt(Adopt adopt) {
        return adopt(adopt.snapshot(), adopt.bridged());
    }

    private Behavior<Command> onSweep(Sweep sweep) {
        if (snapshot != null || ended) {
            return Behaviors.same();
        }
        context.getLog().info("{} had no entity (lost with its node): taking the call over", entityId);
        return adopt(sweep.snapshot(), sweep.bridged());
    }

    private Behavior<Command> onWhenEnded(WhenEnded when) {
        return watchingTheEnd(() -> watchers.whenEnded(when.replyTo(), when.watcher(), ended));
    }

    private Behavior<Command> onWatchEnd(WatchEnd watch) {
        return watchingTheEnd(() -> watchers.watchEnd(watch.replyTo(), watch.watcher(), ended));
    }

    /**
     * Adds a watcher of the call's end. When this entity has not heard of the call, either it ended (and its entity
     * stopped) before the watcher came, or the entity that followed it was lost with its node: Asterisk says which.
     */
    private Behavior<Command> watchingTheEnd(Runnable addWatcher) {
        boolean unheardOf = snapshot == null && !ended;
        addWatcher.run();
        return unheardOf ? lookUp() : Behaviors.same();
    }

    private Behavior<Command> lookUp() {
        if (!lookingUp && !ended) {
            lookingUp = true;
            commands.execute(AriCommand.of(CHANNELS.get(channelId)), new PendingCommand.Lookup());
        }
        return Behaviors.same();
    }

    private Behavior<Command> onLookedUp(CommandResult result) {
        lookingUp = false;
        if (ended) {
            return Behaviors.same();
        }
        if (result instanceof CommandResult.Succeeded found) {
            if (snapshot != null) {
                return Behaviors.same();
            }
            Channel channel = found.decode(io.switchboard.ari.rest.ResponseType.of(Channel.class));
            if (channel.dialplan() != null && "Stasis".equals(channel.dialplan().appName())) {
                context.getLog().info("{} had no entity (lost with its node): taking the call over", entityId);
                return adopt(channel, true);
            }
            snapshot = SnapshotSharing.latest(null, channel);
            return Behaviors.same();
        }
        if (result instanceof CommandResult.Failed failed && failed.status() == 404) {
            inStasis = false;
            operations.failRecordings("the channel is no longer in Asterisk");
            dialling.cancelled();
            end("not in Asterisk", null);
            timers.startSingleTimer(Linger.EXPIRED, LINGER);
        }
        return Behaviors.same();
    }

    private Behavior<Command> adopt(Channel adopted, boolean bridged) {
        boolean fresh = snapshot == null;
        snapshot = SnapshotSharing.latest(snapshot, adopted);
        inStasis = true;
        timers.cancel(Linger.EXPIRED);
        flow.takenOver(snapshot);
        if (fresh && !bridged && flow.isDialledLeg()) {
            // whoever dialled it waited on the entity that was lost: its answer would reach nobody
            context.getLog().info("{}: a dialled leg in no bridge, whose dial was followed on a lost node: hanging "
                    + "it up", entityId);
            commands.execute(new ChannelAction.Hangup(null).command(CHANNELS, channelId), new PendingCommand.Ignore());
        }
        return Behaviors.same();
    }

    private Behavior<Command> onFlowFinished(FlowFinished finished) {
        flow.logEnd(finished.failure());
        if (inStasis && !ended) {
            commands.execute(new ChannelAction.Hangup(null).command(CHANNELS, channelId), new PendingCommand.Ignore());
        }
        return Behaviors.same();
    }

    private void onDestroyed(ChannelDestroyed destroyed) {
        inStasis = false;
        operations.failRecordings("the channel was destroyed before the recording finished");
        dialling.destroyed(destroyed.cause());
        end(destroyed.causeTxt() == null ? "hung up" : destroyed.causeTxt(), destroyed.cause());
    }

    private Behavior<Command> onResync(Resync resync) {
        snapshot = SnapshotSharing.latest(snapshot, resync.snapshot());
        operations.resync();
        dialling.resynced(snapshot);
        return Behaviors.same();
    }

    private Behavior<Command> onGone(Gone gone) {
        inStasis = false;
        operations.failRecordings(gone.reason());
        dialling.cancelled();
        end(gone.reason(), null);
        return Behaviors.stopped();
    }

    /** The call is over here: every operation still waiting fails, subscribers and the flow are told. */
    private void end(String reason, Integer cause) {
        if (ended) {
            return;
        }
        ended = true;
        operations.callEnded(new Outcome.Failed(Outcome.Failed.Reason.CALL_ENDED, null, "the call ended: " + reason));
        dialling.callEnded();
        watchers.ended(reason, cause);
        flow.end(reason);
    }

    private Behavior<Command> onLingerExpired() {
        if (inStasis) {
            return Behaviors.same();
        }
        operations.failRecordings("no recording result after the call ended");
        dialling.cancelled();
        return Behaviors.stopped();
    }

    private Behavior<Command> onGetSnapshot(GetSnapshot get) {
        get.replyTo().tell(new Snapshot(entityId, snapshot, inStasis, ended, flow.args()));
        return Behaviors.same();
    }

    // ---- answers from the gateway ----

    /**
     * After ChannelDestroyed the entity stops, but not before the commands it sent are answered: Asterisk may
     * report the hang-up before its answer to the DELETE that caused it, and the asker waits for that answer.
     * GatewayCommands answers every command (within the command timeout, or one request timeout more when the
     * gateway is on this node), so this does not wait for long.
     */
    private Behavior<Command> stopWhenAnswered() {
        destroyed = true;
        return commands.allAnswered() ? Behaviors.stopped() : Behaviors.same();
    }

    private Behavior<Command> onCommandAnswered(CommandsInFlight.Answered answered) {
        commands.answered();
        CommandResult.Failed failed = answered.result() instanceof CommandResult.Failed f ? f : null;
        Outcome failure = failed == null ? null
                : new Outcome.Failed(Outcome.Failed.Reason.COMMAND_FAILED, failed, failed.toException().getMessage());
        if (answered.pending() instanceof PendingCommand.Lookup) {
            onLookedUp(answered.result());
            return destroyed && commands.allAnswered() ? Behaviors.stopped() : Behaviors.same();
        }
        boolean handled = operations.answered(answered.pending(), answered.result(), failure)
                || dialling.answered(answered.pending(), failure);
        if (!handled && failure != null && failed.status() != 404) {
            context.getLog().debug("{}: {}", entityId, failure);
        }
        return destroyed && commands.allAnswered() ? Behaviors.stopped() : Behaviors.same();
    }
}
