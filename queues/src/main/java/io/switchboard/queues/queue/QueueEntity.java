package io.switchboard.queues.queue;

import io.switchboard.actors.channel.Outcome;
import io.switchboard.actors.serialization.CborSerializable;
import io.switchboard.actors.serialization.LocalOnly;
import io.switchboard.actors.time.Timekeeper;
import io.switchboard.actors.time.Timers;
import io.switchboard.queues.agent.AgentEntity;
import io.switchboard.queues.agent.AgentStatus;
import io.switchboard.queues.persistence.JournalFailures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.SnapshotAdapter;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * A hold queue as a cluster-sharded, event-sourced actor (id = the queue's name). It keeps its callers in
 * order (priority, then time of joining) with their waited time, offers each caller to agents by its
 * strategy, rings them through the caller's channel entity, bridges caller and agent on answer, and watches
 * the conversation to its end. Who is available comes from the agents themselves ({@link AgentChanged}).
 *
 * <p>This class holds the protocol and is the journal's single writer. It hands each command to a part:
 * {@link Callers}, {@link Offers} (with the pure {@link Dispatcher}), {@link OfferOutcomes}, {@link Announcer},
 * {@link Callbacks}, {@link Conversations}, {@link Membership}; events change the {@link QueueState}.
 */
public final class QueueEntity extends EventSourcedBehavior<QueueEntity.Command, QueueEntity.Event, QueueState> {

    public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "Queue");

    /** How often a watch on a channel's end is told again while wanted, unless told otherwise. */
    public static final Duration DEFAULT_WATCH_RENEWAL = Duration.ofSeconds(10);

    public static void init(ActorSystem<?> system, Function<String, QueueConfig> configs, Timekeeper timekeeper,
                            Duration tick, Duration reattachGrace) {
        init(system, configs, timekeeper, tick, reattachGrace, DEFAULT_WATCH_RENEWAL);
    }

    /**
     * Starts sharding of queues. Queues are remembered: one that lived on a node that was lost starts again
     * elsewhere by itself, its tick running, and watches its callers and conversations again.
     * {@code watchRenewal}: how often a watch on a caller's or agent's channel is told again while the queue wants
     * it (a channel entity lost with its node took the watch with it); renewals are checked on the tick.
     */
    public static void init(ActorSystem<?> system, Function<String, QueueConfig> configs, Timekeeper timekeeper,
                            Duration tick, Duration reattachGrace, Duration watchRenewal) {
        ClusterShardingSettings sharding = ClusterShardingSettings.create(system).withRememberEntities(true)
                .withRememberEntitiesStoreMode(ClusterShardingSettings.rememberEntitiesStoreModeEventSourced());
        ClusterSharding.get(system).init(Entity.of(TYPE_KEY,
                ctx -> create(ctx.getEntityId(), configs.apply(ctx.getEntityId()), timekeeper, tick, reattachGrace,
                        watchRenewal)).withSettings(sharding));
    }

    // ---- protocol ----

    public interface Command extends CborSerializable {
    }

    /** A caller joins; the reply comes when the wait is over (connected to an agent, refused or exited). */
    public record Enter(String asteriskId, String channelId, int priority, Map<String, Integer> skills,
                        ActorRef<EnterResult> replyTo) implements Command {
    }

    /**
     * A waiting caller's flow, every {@code switchboard.queues.caller-heartbeat}, while its Enter has no answer:
     * {@code replyTo} is the one of its Enter. A queue that restarted meanwhile takes the caller back; one that
     * does not know the caller (the Enter was lost) answers {@link NotWaiting}, and the flow enters again.
     */
    public record StillWaiting(String callerId, ActorRef<EnterResult> replyTo) implements Command {
    }

    /**
     * Where a caller is in this queue, asked by a caller's flow that runs again after its node was lost: waiting,
     * talking to an agent (the flow then only waits for the conversation's end), or not here.
     */
    public record Locate(String callerId, ActorRef<Location> replyTo) implements Command {
    }

    public sealed interface Location extends CborSerializable {
    }

    public record WaitingHere(String callerId) implements Location {
    }

    public record TalkingHere(Connected connected) implements Location {
    }

    public record NotHere(String callerId) implements Location {
    }

    /** The caller hung up while waiting. */
    public record Abandon(String callerId) implements Command {
    }

    /** The caller pressed a digit while waiting. */
    public record KeyPressed(String callerId, String digit) implements Command {
    }

    public record SetPriority(String callerId, int priority) implements Command {
    }

    /** The caller left a number to be called back at, keeping their place (empty: they changed their mind). */
    public record RequestCallback(String callerId, String number) implements Command {
    }

    /** The call back to a caller was answered: it takes the caller's place and waits for the outcome. */
    public record CallbackAnswered(String callerId, String channelId, ActorRef<EnterResult> replyTo)
            implements Command {
    }

    /** An agent's state changed (from the agent entity). */
    public record AgentChanged(AgentStatus status) implements Command {
    }

    /** New configuration, applied at once without callers losing their places. */
    public record UpdateConfig(QueueConfig config, ActorRef<QueueSnapshot> replyTo) implements Command {
    }

    public record GetSnapshot(ActorRef<QueueSnapshot> replyTo) implements Command {
    }

    /**
     * Take a caller who is talking to an agent of this queue into {@code toQueue}: the agent's leg is hung up and
     * the agent wraps up as after any call; the caller waits in {@code toQueue} (TRANSFER here, ENTERQUEUE there).
     * {@code caller}: the caller id ({@code <asteriskId>/<channelId>}) or just the caller's channel id.
     */
    public record TransferCaller(String caller, String toQueue, ActorRef<TransferReply> replyTo) implements Command {
    }

    public sealed interface TransferReply extends CborSerializable {
    }

    public record Transferred(String callerId, String fromQueue, String toQueue) implements TransferReply {
    }

    public record TransferRefused(Refusal reason, String message) implements TransferReply {
        public enum Refusal { UNKNOWN_CALLER, UNKNOWN_QUEUE, SAME_QUEUE }
    }

    /**
     * A connected caller's flow asks how the conversation ends: with a transfer to another queue (the flow then
     * takes the caller there), or over (also the answer when the queue does not know of it).
     */
    public record AwaitConversation(String callerId, ActorRef<ConversationResult> replyTo) implements Command {
    }

    public sealed interface ConversationResult extends CborSerializable {
    }

    public record TransferredTo(String queue) implements ConversationResult {
    }

    public record ConversationOver(String callerId) implements ConversationResult {
    }

    /** How a caller's wait ended. */
    public sealed interface EnterResult extends CborSerializable {
    }

    /** Not let in: FULL (max length reached) or JOINEMPTY (no agent logged in). */
    public record Refused(String reason) implements EnterResult {
    }

    /** Talking to an agent. */
    public record Connected(String agentId, String agentChannelId, String bridgeId, long waitedSeconds)
            implements EnterResult {
    }

    /**
     * The queue does not know the caller whose flow says it still waits: its Enter was lost (the queue's node was
     * lost). The flow enters again.
     */
    public record NotWaiting(String callerId) implements EnterResult {
    }

    /** Left without an agent: TIMEOUT, EMPTY, KEY (with the digit), ABANDON. */
    public record Exited(String reason, String digit, long waitedSeconds) implements EnterResult {
    }

    public record QueueSnapshot(String name, QueueConfig config, List<CallerView> callers, List<AgentStatus> agents)
            implements CborSerializable {
    }

    public record CallerView(String callerId, int position, int priority, long waitedSeconds, String offeredTo)
            implements CborSerializable {
    }

    // ---- events ----

    public interface Event extends CborSerializable {
    }

    public record CallerJoined(WaitingCaller caller) implements Event {
    }

    /**
     * No longer journaled: earlier versions wrote it, with the new flow's actor reference, when a waiting caller's
     * flow came back. It is read from their journals and changes nothing; flows now come back in memory only.
     */
    public record CallerReattached(String callerId) implements Event {
    }

    /**
     * The caller left the queue without an agent: ABANDON, EXITWITHTIMEOUT, EXITEMPTY, EXITWITHKEY (with the
     * {@code key} pressed; null otherwise, and in events journaled before it was recorded).
     */
    public record CallerLeft(String callerId, String reason, long waitedSeconds, int position, Instant at, String key)
            implements Event {
        public CallerLeft(String callerId, String reason, long waitedSeconds, int position, Instant at) {
            this(callerId, reason, waitedSeconds, position, at, null);
        }
    }

    /** The caller was not let in: FULL or JOINEMPTY. */
    public record CallerRefused(String callerId, String reason, Instant at) implements Event {
    }

    /**
     * The caller is talking to an agent (app_queue's CONNECT); they leave the waiting list. {@code callerChannel}
     * (the caller's channel entity), {@code agentChannelId} and {@code bridgeId} let a restarted queue watch the
     * conversation on; they are null in events journaled before they were recorded.
     */
    public record CallerConnected(String callerId, String agentId, long waitedSeconds, Instant at,
                                  String callerChannel, String agentChannelId, String bridgeId) implements Event {
        public CallerConnected(String callerId, String agentId, long waitedSeconds, Instant at) {
            this(callerId, agentId, waitedSeconds, at, null, null, null);
        }
    }

    /** The conversation ended; {@code endedBy} CALLER or AGENT (COMPLETECALLER / COMPLETEAGENT). */
    public record ConversationEnded(String callerId, String agentId, long talkSeconds, String endedBy, Instant at)
            implements Event {
    }

    /**
     * The caller was taken from their agent into another queue (app_queue's TRANSFER): answered and done with here,
     * after waiting {@code waitedSeconds} and talking {@code talkSeconds}.
     */
    public record CallerTransferred(String callerId, String agentId, String toQueue, long waitedSeconds,
                                    long talkSeconds, Instant at) implements Event {
    }

    public record PriorityChanged(String callerId, int priority) implements Event {
    }

    /**
     * An offer was not answered (RINGNOANSWER) at {@code at}: the caller waits until {@code retryAt} for the next.
     * {@code at} is null in events journaled before it was recorded.
     */
    public record OfferFailed(String callerId, String agentId, String reason, long ringSeconds, Instant retryAt,
                              Instant at) implements Event {
    }

    public record RoundRobinMoved(String agentId) implements Event {
    }

    /** An agent's ringing was stopped because another agent answered or the caller left (RINGCANCELED). */
    public record OfferCancelled(String callerId, String agentId, Instant at) implements Event {
    }

    /** {@code at} is null in events journaled before it was recorded (likewise for MemberRemoved). */
    public record MemberAdded(String agentId, Instant at) implements Event {
    }

    /** The caller pressed the callback key and is typing a number. */
    public record CallbackCollecting(String callerId) implements Event {
    }

    /** The caller left {@code number} and hung up; they keep their place (CALLBACK, counted apart). */
    public record CallbackRequested(String callerId, String number, Instant at) implements Event {
    }

    public record CallbackCancelled(String callerId) implements Event {
    }

    public record CallbackAttempted(String callerId, int attempt, Instant at) implements Event {
    }

    /** The callback was answered on {@code channelId}, which now stands for the caller. */
    public record CallbackReached(String callerId, String channelId, Instant at) implements Event {
    }

    public record MemberRemoved(String agentId, Instant at) implements Event {
    }

    public record ConfigChanged(QueueConfig config) implements Event {
    }

    // ---- internal messages: replies to the asks and timers of the queue's parts ----

    private enum Tick implements Command, LocalOnly { INSTANCE }

    private enum ReattachDeadline implements Command, LocalOnly { INSTANCE }

    record ReserveAnswered(String callerId, String agentId, AgentEntity.ReserveReply reply)
            implements Command, LocalOnly {
    }

    record OfferEnded(String callerId, String agentId, Outcome outcome) implements Command, LocalOnly {
    }

    record BridgeAnswered(String callerId, String agentId, String agentChannelId, Outcome outcome)
            implements Command, LocalOnly {
    }

    /** What the end of a conversation's party's channel means ({@link EndWatches}): that party left. */
    record PartyLeft(String callerId, String agentId, String agentChannelId, String who) implements Command, LocalOnly {
    }

    /** A watched channel's call ended ({@link EndWatches}). */
    record WatchedCallEnded(String channelEntityId) implements Command, LocalOnly {
    }

    record AnnouncementDone(String callerId) implements Command, LocalOnly {
    }

    record CallbackTimedOut(String callerId, int attempt) implements Command, LocalOnly {
    }

    record CallbackOriginated(String callerId, io.switchboard.actors.gateway.CommandResult result)
            implements Command, LocalOnly {
    }

    record AgentAnnounced(String callerId, String agentId, String agentChannelId) implements Command, LocalOnly {
    }

    public static Behavior<Command> create(String name, QueueConfig config, Timekeeper timekeeper, Duration tick,
                                           Duration reattachGrace) {
        return create(name, config, timekeeper, tick, reattachGrace, DEFAULT_WATCH_RENEWAL);
    }

    public static Behavior<Command> create(String name, QueueConfig config, Timekeeper timekeeper, Duration tick,
                                           Duration reattachGrace, Duration watchRenewal) {
        return Behaviors.setup(context -> timekeeper.withTimers(timers ->
                new QueueEntity(name, config, timekeeper.clock(), tick, reattachGrace, watchRenewal, context,
                        timers)));
    }

    private final QueueContext queue;
    private final QueueConfig initialConfig;
    private final Duration tick;
    private final Duration reattachGrace;
    private final Timers<Command> timers;
    private final Offers offers;
    private final Announcer announcer;
    private final Callbacks callbacks;
    private final Callers callers;
    private final OfferOutcomes outcomes;
    private final Conversations conversations;
    private final Membership membership;
    private QueueState pristine;

    private QueueEntity(String name, QueueConfig config, Clock clock, Duration tick, Duration reattachGrace,
                        Duration watchRenewal, ActorContext<Command> context, Timers<Command> timers) {
        // restarted within the same actor: what the queue holds in memory (offers in flight, its callers' flows,
        // watches) is still true and is kept; its journaled state is recovered again
        super(PersistenceId.of(TYPE_KEY.name(), name), JournalFailures.RESTART_WITH_BACKOFF);
        this.queue = new QueueContext(name, context, clock, Effect(), watchRenewal);
        this.initialConfig = config;
        this.tick = tick;
        this.reattachGrace = reattachGrace;
        this.timers = timers;
        QueueAgents agents = new QueueAgents();
        offers = new Offers(queue, agents, new Dispatcher(name, RandomGenerator.getDefault()));
        announcer = new Announcer(queue, offers, agents);
        callbacks = new Callbacks(queue, timers, offers, agents);
        conversations = new Conversations(queue, offers);
        callers = new Callers(queue, offers, agents, callbacks, announcer, conversations);
        outcomes = new OfferOutcomes(queue, offers, agents, callbacks);
        membership = new Membership(queue, offers, agents);
    }

    /**
     * Pekko keeps the empty state it was given across restarts after a journal failure and recovers onto it
     * again: the event handler applies the first event to a copy, so that the state a failed write left behind in
     * memory is not where the next recovery starts.
     */
    @Override
    public QueueState emptyState() {
        pristine = new QueueState(initialConfig);
        return pristine;
    }

    /** Snapshots are written by the snapshot store's own threads: they get a copy that the queue does not change. */
    @Override
    public SnapshotAdapter<QueueState> snapshotAdapter() {
        return new SnapshotAdapter<>() {
            @Override
            public Object toJournal(QueueState state) {
                return state.copy();
            }

            @Override
            public QueueState fromJournal(Object from) {
                return (QueueState) from;
            }
        };
    }

    /** First Stasis argument of the channel that calls a caller back: {@code switchboard-callback,<queue>,<caller>}. */
    public static final String CALLBACK_ARG = "switchboard-callback";

    /** Every queue event carries this tag, so the queue log can follow all queues in order. */
    public static final String TAG = "queue";

    @Override
    public Set<String> tagsFor(Event event) {
        return Set.of(TAG);
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(200, 2);
    }

    @Override
    public SignalHandler<QueueState> signalHandler() {
        return newSignalHandlerBuilder()
                .onSignal(RecoveryCompleted.instance(), state -> {
                    timers.startTimerWithFixedDelay(Tick.INSTANCE, tick);
                    queue.flows.keepOnly(state.callers.keySet());
                    state.callers.keySet().stream().filter(id -> !state.callbacks.containsKey(id))
                            .forEach(offers::holdUntilReattached);
                    if (offers.holdsAny()) {
                        queue.flows.keepUnheardUntilReattached();
                        timers.startSingleTimer(ReattachDeadline.INSTANCE, reattachGrace);
                    } else {
                        queue.flows.reattachOver();
                    }
                    // after a restart within the actor (a journal failure) its timers are gone: calls back in flight
                    callbacks.rearm(state);
                    conversations.watchAll(state);
                    membership.askMembersWhereTheyAre(state);
                    queue.context.getLog().info("queue {} ready: {} callers waiting, {} talking, {} members",
                            queue.name, state.callers.size(), state.conversations.size(), state.memberOrder.size());
                })
                .build();
    }

    @Override
    public CommandHandler<Command, Event, QueueState> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Enter.class, callers::onEnter)
                .onCommand(StillWaiting.class, callers::onStillWaiting)
                .onCommand(Locate.class, callers::onLocate)
                .onCommand(Abandon.class, callers::onAbandon)
                .onCommand(RequestCallback.class, callbacks::onRequestCallback)
                .onCommand(CallbackAnswered.class, callbacks::onCallbackAnswered)
                .onCommand(CallbackTimedOut.class, callbacks::onCallbackTimedOut)
                .onCommand(CallbackOriginated.class, callbacks::onCallbackOriginated)
                .onCommand(KeyPressed.class, callers::onKeyPressed)
                .onCommand(SetPriority.class, callers::onSetPriority)
                .onCommand(AgentChanged.class, membership::onAgentChanged)
                .onCommand(UpdateConfig.class, membership::onUpdateConfig)
                .onCommand(GetSnapshot.class, membership::onGetSnapshot)
                .onCommand(Tick.class, this::onTick)
                .onCommand(ReattachDeadline.class, (state, c) -> callers.onReattachDeadline(state))
                .onCommand(ReserveAnswered.class, outcomes::onReserveAnswered)
                .onCommand(OfferEnded.class, outcomes::onOfferEnded)
                .onCommand(AgentAnnounced.class, outcomes::onAgentAnnounced)
                .onCommand(BridgeAnswered.class, conversations::onBridgeAnswered)
                .onCommand(WatchedCallEnded.class, this::onWatchedCallEnded)
                .onCommand(TransferCaller.class, conversations::onTransferCaller)
                .onCommand(AwaitConversation.class, conversations::onAwaitConversation)
                .onCommand(AnnouncementDone.class, announcer::onAnnouncementDone)
                .build();
    }

    private Effect<Event, QueueState> onTick(QueueState state, Tick tick) {
        queue.watches.renewDue(queue.clock.instant(), (channel, onEnd) ->
                onEnd instanceof Abandon abandon ? callers.stillWaitsOn(state, channel, abandon)
                        : onEnd instanceof PartyLeft left && Conversations.stillTalking(state, left));
        return callers.onTick(state);
    }

    private Effect<Event, QueueState> onWatchedCallEnded(QueueState state, WatchedCallEnded ended) {
        Command onEnd = queue.watches.ended(ended.channelEntityId());
        if (onEnd instanceof Abandon abandon) {
            // the caller's channel may have changed since (called back): only the end of the current one counts
            return callers.stillWaitsOn(state, ended.channelEntityId(), abandon)
                    ? callers.onAbandon(state, abandon) : queue.effect().none();
        }
        if (onEnd instanceof PartyLeft left) {
            return conversations.onPartyLeft(state, left);
        }
        return queue.effect().none();
    }

    /** The state changes in {@link QueueState#apply}; a caller who left or was connected is forgotten here too. */
    @Override
    public EventHandler<QueueState, Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onAnyEvent((state, event) -> {
            QueueState next = (state == pristine ? state.copy() : state).apply(event);
            String gone = event instanceof CallerLeft left ? left.callerId()
                    : event instanceof CallerConnected connected ? connected.callerId() : null;
            if (gone != null) {
                announcer.forget(gone);
                callbacks.forget(gone);
            }
            return next;
        });
    }
}
