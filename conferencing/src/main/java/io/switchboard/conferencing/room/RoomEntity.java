package io.switchboard.conferencing.room;

import io.switchboard.actors.channel.CallEvent;
import io.switchboard.actors.channel.ChannelEntity;
import io.switchboard.actors.channel.Outcome;
import io.switchboard.actors.gateway.CommandResult;
import io.switchboard.actors.gateway.EntityIds;
import io.switchboard.actors.serialization.CborSerializable;
import io.switchboard.actors.serialization.LocalOnly;
import io.switchboard.actors.time.Timekeeper;
import io.switchboard.actors.time.Timers;
import io.switchboard.conferencing.directory.RoomDirectory;
import io.switchboard.conferencing.profile.ConferenceSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.BackoffSupervisorStrategy;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.SnapshotAdapter;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * A conference room as a cluster-sharded, event-sourced actor, id {@code <asteriskId>/<room>}. It owns one mixing
 * bridge on its Asterisk, and keeps its members with their roles and mute, and whether it is locked, in the
 * journal; who is talking it learns from Asterisk's talk detection on each member. Started on another node after
 * its own was lost, it checks its members against the bridge Asterisk still has and applies their mute again.
 *
 * <p>This class holds the protocol; {@link Joining} lets members in and out, {@link Moderation} mutes, kicks and
 * locks (from the API and the members' digits), {@link RoomBridge} does the bridge's part in Asterisk and
 * {@link MemberLines} keeps what is known of each member only in memory.
 */
public final class RoomEntity extends EventSourcedBehavior<RoomEntity.Command, RoomEntity.Event, RoomState> {

    public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "ConferenceRoom");

    /** Journal failures: restart after a backoff and recover, commands stashed meanwhile. */
    private static final BackoffSupervisorStrategy ON_JOURNAL_FAILURE = SupervisorStrategy.restartWithBackoff(
            Duration.ofMillis(500), Duration.ofSeconds(10), 0.2);

    /** Starts sharding of rooms on this node; {@code changes} is the node's topic of {@link RoomChange}s. */
    public static void init(ActorSystem<?> system, ConferenceSettings settings, Timekeeper timekeeper,
                            ActorRef<Topic.Command<RoomChange>> changes,
                            ActorRef<RoomDirectory.Command> directory) {
        ClusterSharding.get(system).init(Entity.of(TYPE_KEY,
                ctx -> create(ctx.getEntityId(), settings, timekeeper, new RoomContext.Outside(changes, directory,
                        ctx.getShard()))));
    }

    public static Behavior<Command> create(String entityId, ConferenceSettings settings, Timekeeper timekeeper,
                                           RoomContext.Outside outside) {
        return Behaviors.setup(context -> timekeeper.withTimers(timers ->
                new RoomEntity(entityId, settings, timekeeper, outside, context, timers)));
    }

    /** The entity id of room {@code room} on {@code asteriskId}. */
    public static String entityId(String asteriskId, String room) {
        return EntityIds.of(asteriskId, room);
    }

    // ---- protocol ----

    public interface Command extends CborSerializable {
    }

    /**
     * A caller's flow puts the call in the room. Asked again for a member already in (a flow run again after a
     * failover), it answers Joined again. Admins get in whatever the lock and the count.
     */
    public record Join(String channelId, String callerName, String callerNumber, boolean admin, boolean marked,
                       String nameRecording, ActorRef<JoinReply> replyTo) implements Command {
    }

    public sealed interface JoinReply extends CborSerializable {
    }

    /** In: {@code othersIn} were there already; {@code waitingForMarked} while no marked member is in. */
    public record Joined(String room, int othersIn, boolean waitingForMarked) implements JoinReply {
    }

    public record Refused(Refusal refusal, String message) implements JoinReply {
        public enum Refusal { LOCKED, FULL, FAILED }
    }

    /**
     * A member's flow waits to hear when the member is out of the room other than by hanging up; it tells this
     * again every member heartbeat with the same {@code replyTo}, so that a room restarted elsewhere knows whom to
     * tell. Answered at once with NOT_IN_ROOM for a call that is not a member.
     */
    public record AwaitLeaving(String channelId, ActorRef<Left> replyTo) implements Command {
    }

    public record Left(String channelId, LeftReason reason) implements CborSerializable {
    }

    public enum LeftReason {
        /** The call ended. */
        HUNG_UP,
        /** The member left by the menu. */
        LEFT,
        /** An admin or the API kicked the member out. */
        KICKED,
        /** The last marked member left a room that ends then. */
        ENDED,
        /** Not a member (never was, or left while its flow was away). */
        NOT_IN_ROOM
    }

    public record SetMute(String channelId, boolean muted, ActorRef<ModerationReply> replyTo) implements Command {
    }

    /** Mutes (or unmutes) every member who is not an admin. */
    public record MuteAll(boolean muted, ActorRef<ModerationReply> replyTo) implements Command {
    }

    public record Kick(String channelId, ActorRef<ModerationReply> replyTo) implements Command {
    }

    public record SetLock(boolean locked, ActorRef<ModerationReply> replyTo) implements Command {
    }

    /** Records the room (its bridge) into a stored recording named {@code conference-<room>-<time>}. */
    public record StartRecording(ActorRef<ModerationReply> replyTo) implements Command {
    }

    public record StopRecording(ActorRef<ModerationReply> replyTo) implements Command {
    }

    public sealed interface ModerationReply extends CborSerializable {
    }

    public record Done(RoomView room) implements ModerationReply {
    }

    public record NoSuchMember(String channelId) implements ModerationReply {
    }

    /** Not possible as the room is now (recording already, not recording, empty, or Asterisk refused). */
    public record NotNow(String message) implements ModerationReply {
    }

    public record GetView(ActorRef<RoomView> replyTo) implements Command {
    }

    /**
     * Opens the room with {@code profile} (from the API) before anyone joins: answered with the room, or refused when
     * it is open with another profile already. A room nobody opened takes its configured profile at the first join.
     */
    public record Open(String profile, ActorRef<OpenReply> replyTo) implements Command {
    }

    public sealed interface OpenReply extends CborSerializable {
    }

    public record OpenedRoom(RoomView room) implements OpenReply {
    }

    public record OpenRefused(String message) implements OpenReply {
    }

    /**
     * A room as it is now; {@code profile} null for a room nobody has opened, {@code recording} the name of the
     * recording being made, or null.
     */
    public record RoomView(String asteriskId, String room, String profile, boolean locked, String recording,
                           List<MemberView> members) implements CborSerializable {
    }

    public record MemberView(String channelId, String callerName, String callerNumber, boolean admin, boolean marked,
                             boolean muted, boolean talking, Instant joinedAt) implements CborSerializable {
    }

    // ---- events ----

    public interface Event extends CborSerializable {
    }

    /** The room was first used, with {@code profile}. */
    public record Opened(String profile) implements Event {
    }

    public record MemberJoined(Member member) implements Event {
    }

    public record MemberLeft(String channelId, LeftReason reason, Instant at) implements Event {
    }

    public record MuteChanged(String channelId, boolean muted) implements Event {
    }

    public record LockChanged(boolean locked) implements Event {
    }

    public record RecordingStarted(String name, Instant at) implements Event {
    }

    public record RecordingStopped(String name, Instant at) implements Event {
    }

    /** The last member left: the room is closed, its profile, lock and recording forgotten until it opens again. */
    public record Closed(Instant at) implements Event {
    }

    // ---- internal messages ----

    /** An event of a member's channel, or its end (from the channel entity's Subscribe). */
    record MemberCallEvent(CallEvent event) implements Command, LocalOnly {
    }

    /** A member's call ended (the answer to the room's WatchEnd on it). */
    record MemberCallEnded(String channelEntityId) implements Command, LocalOnly {
    }

    record BridgeAnswered(RoomBridge.Step step, String channelId, CommandResult result)
            implements Command, LocalOnly {
    }

    /** The answer of a member's channel entity to something the room asked of it (mute, talk detection, prompt). */
    record MemberActionAnswered(String channelId, String action, Outcome outcome) implements Command, LocalOnly {
    }

    enum RenewWatches implements Command, LocalOnly { INSTANCE }

    // ---- the behaviour ----

    private final RoomContext room;
    private final Joining joining;
    private final Moderation moderation;
    private final RoomRecording recording;
    private final MemberLines lines;
    private final Timers<Command> timers;

    private RoomEntity(String entityId, ConferenceSettings settings, Timekeeper timekeeper,
                       RoomContext.Outside outside, ActorContext<Command> context, Timers<Command> timers) {
        super(PersistenceId.of(TYPE_KEY.name(), entityId), ON_JOURNAL_FAILURE);
        this.room = new RoomContext(entityId, settings, timekeeper.clock(), context, Effect(), outside);
        RoomBridge bridge = new RoomBridge(room);
        this.lines = new MemberLines(room);
        this.recording = new RoomRecording(room, bridge, lines);
        this.joining = new Joining(room, bridge, lines, recording);
        this.moderation = new Moderation(room, joining, lines);
        this.timers = timers;
    }

    @Override
    public RoomState emptyState() {
        return new RoomState();
    }

    @Override
    public SnapshotAdapter<RoomState> snapshotAdapter() {
        return new SnapshotAdapter<>() {
            @Override
            public Object toJournal(RoomState state) {
                return state.toStored();
            }

            @Override
            public RoomState fromJournal(Object from) {
                return RoomState.fromStored((RoomState.Stored) from);
            }
        };
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(room.settings.snapshotEvery(), 2);
    }

    @Override
    public SignalHandler<RoomState> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), state -> {
                    // also after a restart on a journal failure, which cancels the actor's timers
                    timers.startTimerWithFixedDelay(RenewWatches.INSTANCE, room.settings.watchRenewal());
                    recording.recovered();
                    joining.recovered(state);
                })
                .build();
    }

    @Override
    public CommandHandler<Command, Event, RoomState> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                // asked to passivate: what still reaches this incarnation goes to the next (the shard keeps it)
                .onCommand(command -> room.passivating() && !(command instanceof LocalOnly), (state, command) -> {
                    room.forward(command);
                    return Effect().none();
                })
                .onCommand(Join.class, joining::onJoin)
                .onCommand(Open.class, joining::onOpen)
                .onCommand(AwaitLeaving.class, joining::onAwaitLeaving)
                .onCommand(BridgeAnswered.class, (state, answered) -> RoomRecording.answers(answered)
                        ? recording.onAnswered(state, answered)
                        : joining.onBridgeAnswered(state, answered))
                .onCommand(StartRecording.class, recording::onStart)
                .onCommand(StopRecording.class, recording::onStop)
                .onCommand(MemberCallEnded.class, (state, ended) ->
                        joining.onCallEnded(state, EntityIds.ariId(ended.channelEntityId())))
                .onCommand(MemberCallEvent.class, (state, event) -> event.event() instanceof CallEvent.Ended ended
                        ? joining.onCallEnded(state, ended.channelId())
                        : moderation.onCallEvent(state, (CallEvent.Observed) event.event()))
                .onCommand(MemberActionAnswered.class, moderation::onMemberActionAnswered)
                .onCommand(SetMute.class, moderation::onSetMute)
                .onCommand(MuteAll.class, moderation::onMuteAll)
                .onCommand(Kick.class, moderation::onKick)
                .onCommand(SetLock.class, moderation::onSetLock)
                .onCommand(GetView.class, (state, get) -> {
                    get.replyTo().tell(lines.view(state));
                    return Effect().none();
                })
                .onCommand(RenewWatches.class, (state, renew) -> {
                    joining.renewWatches(state);
                    return Effect().none();
                })
                .build();
    }

    @Override
    public EventHandler<RoomState, Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onAnyEvent(RoomState::apply);
    }
}
