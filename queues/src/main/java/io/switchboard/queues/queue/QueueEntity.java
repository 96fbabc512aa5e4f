package io.switchboard.queues.queue;

import io.switchboard.actors.channel.ChannelAction;
import io.switchboard.actors.channel.ChannelEntity;
import io.switchboard.actors.channel.Outcome;
import io.switchboard.actors.gateway.EntityIds;
import io.switchboard.actors.serialization.CborSerializable;
import io.switchboard.actors.serialization.LocalOnly;
import io.switchboard.actors.time.Timekeeper;
import io.switchboard.actors.time.Timers;
import io.switchboard.queues.agent.AgentEntity;
import io.switchboard.queues.agent.AgentState;
import io.switchboard.queues.agent.AgentStatus;
import io.switchboard.queues.strategy.AgentOrdering;
import io.switchboard.queues.strategy.Strategy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
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
 */
public final class QueueEntity extends EventSourcedBehavior<QueueEntity.Command, QueueEntity.Event, QueueState> {

    public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "Queue");

    public static void init(ActorSystem<?> system, Function<String, QueueConfig> configs, Timekeeper timekeeper,
                            Duration tick, Duration reattachGrace) {
        ClusterSharding.get(system).init(Entity.of(TYPE_KEY,
                ctx -> create(ctx.getEntityId(), configs.apply(ctx.getEntityId()), timekeeper, tick, reattachGrace)));
    }

    // ---- protocol ----

    public interface Command extends CborSerializable {
    }

    /** A caller joins; the reply comes when the wait is over (connected to an agent, refused or exited). */
    public record Enter(String asteriskId, String channelId, int priority, Map<String, Integer> skills,
                        ActorRef<EnterResult> replyTo) implements Command {
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
     * A caller already waiting entered again: its flow was restarted (its node was lost, or the event socket
     * reconnected) and now waits for the outcome instead of the old one. Its place and waited time stay.
     */
    public record CallerReattached(String callerId, ActorRef<EnterResult> replyTo) implements Event {
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

    /** The caller is talking to an agent (app_queue's CONNECT); they leave the waiting list. */
    public record CallerConnected(String callerId, String agentId, long waitedSeconds, Instant at) implements Event {
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
    public record CallbackReached(String callerId, String channelId, ActorRef<EnterResult> replyTo, Instant at)
            implements Event {
    }

    public record MemberRemoved(String agentId, Instant at) implements Event {
    }

    public record ConfigChanged(QueueConfig config) implements Event {
    }

    // ---- private messages ----

    private enum Tick implements Command, LocalOnly { INSTANCE }

    private enum ReattachDeadline implements Command, LocalOnly { INSTANCE }

    private record ReserveAnswered(String callerId, String agentId, AgentEntity.ReserveReply reply)
            implements Command, LocalOnly {
    }

    private record OfferEnded(String callerId, String agentId, Outcome outcome) implements Command, LocalOnly {
    }

    private record BridgeAnswered(String callerId, String agentId, String agentChannelId, Outcome outcome)
            implements Command, LocalOnly {
    }

    private record PartyLeft(String callerId, String agentId, String agentChannelId, String who)
            implements Command, LocalOnly {
    }

    private record AnnouncementDone(String callerId) implements Command, LocalOnly {
    }

    private record CallbackTimedOut(String callerId, int attempt) implements Command, LocalOnly {
    }

    private record CallbackOriginated(String callerId, io.switchboard.actors.gateway.CommandResult result)
            implements Command, LocalOnly {
    }

    private record AgentAnnounced(String callerId, String agentId, String agentChannelId)
            implements Command, LocalOnly {
    }

    /** An offer in flight for one caller: the agents reserved or ringing for it. */
    private static final class Offer {
        final Set<String> agents = new HashSet<>();
        boolean answered;
    }

    /** A conversation the queue watches until it ends; {@code flow} is the caller's flow waiting on it, if known. */
    private record Conversation(String callerId, String callerChannel, String agentId, String agentChannelId,
                                Instant connectedAt, long waitedSeconds, ActorRef<ConversationResult> flow) {
        Conversation withFlow(ActorRef<ConversationResult> value) {
            return new Conversation(callerId, callerChannel, agentId, agentChannelId, connectedAt, waitedSeconds, value);
        }
    }

    public static Behavior<Command> create(String name, QueueConfig config, Timekeeper timekeeper, Duration tick,
                                           Duration reattachGrace) {
        return Behaviors.setup(context -> timekeeper.withTimers(timers ->
                new QueueEntity(name, config, timekeeper.clock(), tick, reattachGrace, context, timers)));
    }

    private final String name;
    private final QueueConfig initialConfig;
    private final Clock clock;
    private final Duration tick;
    private final Duration reattachGrace;
    private final ActorContext<Command> context;
    private final Timers<Command> timers;
    private final ClusterSharding sharding;
    private final RandomGenerator random = RandomGenerator.getDefault();
    /** Latest status of each agent that serves (or served) this queue; rebuilt from the agents after a restart. */
    private final Map<String, AgentStatus> agents = new LinkedHashMap<>();
    private final Map<String, Offer> offers = new HashMap<>();
    private final Map<String, Conversation> conversations = new HashMap<>();
    /** Callers transferred before their flow asked how the conversation ends: caller → target queue. */
    private final Map<String, String> transferredUnasked = new HashMap<>();
    /** When each waiting caller next hears their position, and the periodic announcement. */
    private final Map<String, Instant> nextPosition = new HashMap<>();
    private final Map<String, Instant> nextPeriodic = new HashMap<>();
    private final Set<String> announcing = new HashSet<>();
    /** Callback callers whose call back has been answered (their channel is live again). */
    private final Set<String> callbackLive = new HashSet<>();
    /** Callers found in the journal at start whose calls have not come back yet; not offered meanwhile. */
    private final Set<String> awaitingReattach = new HashSet<>();

    private QueueEntity(String name, QueueConfig config, Clock clock, Duration tick, Duration reattachGrace,
                        ActorContext<Command> context, Timers<Command> timers) {
        super(PersistenceId.of(TYPE_KEY.name(), name));
        this.name = name;
        this.initialConfig = config;
        this.clock = clock;
        this.tick = tick;
        this.reattachGrace = reattachGrace;
        this.context = context;
        this.timers = timers;
        this.sharding = ClusterSharding.get(context.getSystem());
    }

    @Override
    public QueueState emptyState() {
        return new QueueState(initialConfig);
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
                    state.callers.keySet().stream().filter(id -> !state.callbacks.containsKey(id))
                            .forEach(awaitingReattach::add);
                    if (!awaitingReattach.isEmpty()) {
                        timers.startSingleTimer(ReattachDeadline.INSTANCE, reattachGrace);
                    }
                    // the members tell us where they are; until then nobody is offered a call
                    state.memberOrder.forEach(id -> agent(id).tell(new AgentEntity.GetStatus(
                            context.messageAdapter(AgentStatus.class, AgentChanged::new))));
                    context.getLog().info("queue {} ready: {} callers waiting, {} members", name,
                            state.callers.size(), state.memberOrder.size());
                })
                .build();
    }

    @Override
    public CommandHandler<Command, Event, QueueState> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Enter.class, this::onEnter)
                .onCommand(Abandon.class, this::onAbandon)
                .onCommand(RequestCallback.class, this::onRequestCallback)
                .onCommand(CallbackAnswered.class, this::onCallbackAnswered)
                .onCommand(CallbackTimedOut.class, this::onCallbackTimedOut)
                .onCommand(CallbackOriginated.class, this::onCallbackOriginated)
                .onCommand(KeyPressed.class, this::onKeyPressed)
                .onCommand(SetPriority.class, this::onSetPriority)
                .onCommand(AgentChanged.class, this::onAgentChanged)
                .onCommand(UpdateConfig.class, this::onUpdateConfig)
                .onCommand(GetSnapshot.class, (state, c) -> {
                    c.replyTo().tell(snapshot(state));
                    return Effect().none();
                })
                .onCommand(Tick.class, (state, c) -> onTick(state))
                .onCommand(ReattachDeadline.class, (state, c) -> onReattachDeadline(state))
                .onCommand(ReserveAnswered.class, this::onReserveAnswered)
                .onCommand(OfferEnded.class, this::onOfferEnded)
                .onCommand(BridgeAnswered.class, this::onBridgeAnswered)
                .onCommand(PartyLeft.class, this::onPartyLeft)
                .onCommand(AnnouncementDone.class, this::onAnnouncementDone)
                .onCommand(AgentAnnounced.class, this::onAgentAnnounced)
                .onCommand(TransferCaller.class, this::onTransferCaller)
                .onCommand(AwaitConversation.class, this::onAwaitConversation)
                .build();
    }

    @Override
    public EventHandler<QueueState, Event> eventHandler() {
        return newEventHandlerBuilder().forAnyState()
                .onEvent(CallerJoined.class, (state, e) -> {
                    state.callers.put(e.caller().callerId(), e.caller());
                    state.joined = Math.max(state.joined, e.caller().sequence());
                    return state;
                })
                .onEvent(CallerReattached.class, (state, e) -> {
                    state.callers.computeIfPresent(e.callerId(), (id, c) -> c.withReplyTo(e.replyTo()));
                    return state;
                })
                .onEvent(CallerLeft.class, (state, e) -> {
                    state.remove(e.callerId());
                    forgetAnnouncements(e.callerId());
                    return state;
                })
                .onEvent(CallerConnected.class, (state, e) -> {
                    state.remove(e.callerId());
                    forgetAnnouncements(e.callerId());
                    return state;
                })
                .onEvent(CallerRefused.class, (state, e) -> state)
                .onEvent(OfferCancelled.class, (state, e) -> state)
                .onEvent(CallbackCollecting.class, (state, e) -> {
                    state.collectingNumber.add(e.callerId());
                    return state;
                })
                .onEvent(CallbackRequested.class, (state, e) -> {
                    state.collectingNumber.remove(e.callerId());
                    state.callbacks.put(e.callerId(), e.number());
                    return state;
                })
                .onEvent(CallbackCancelled.class, (state, e) -> {
                    state.collectingNumber.remove(e.callerId());
                    return state;
                })
                .onEvent(CallbackAttempted.class, (state, e) -> {
                    state.callbackAttempts.put(e.callerId(), e.attempt());
                    return state;
                })
                .onEvent(CallbackReached.class, (state, e) -> {
                    state.callers.computeIfPresent(e.callerId(), (id, c) -> c.withChannel(e.channelId(), e.replyTo()));
                    return state;
                })
                .onEvent(ConversationEnded.class, (state, e) -> {
                    state.ahtSeconds = WaitEstimate.nextAverage(state.ahtSeconds,
                            e.talkSeconds() + state.config.wrapUp().toSeconds());
                    return state;
                })
                .onEvent(CallerTransferred.class, (state, e) -> {
                    state.ahtSeconds = WaitEstimate.nextAverage(state.ahtSeconds,
                            e.talkSeconds() + state.config.wrapUp().toSeconds());
                    return state;
                })
                .onEvent(PriorityChanged.class, (state, e) -> {
                    state.callers.computeIfPresent(e.callerId(), (id, c) -> c.withPriority(e.priority()));
                    return state;
                })
                .onEvent(OfferFailed.class, (state, e) -> {
                    state.callers.computeIfPresent(e.callerId(), (id, c) -> c.withRetryAt(e.retryAt()));
                    return state;
                })
                .onEvent(RoundRobinMoved.class, (state, e) -> {
                    state.roundRobinAt = e.agentId();
                    return state;
                })
                .onEvent(MemberAdded.class, (state, e) -> {
                    state.memberOrder.add(e.agentId());
                    return state;
                })
                .onEvent(MemberRemoved.class, (state, e) -> {
                    state.memberOrder.remove(e.agentId());
                    return state;
                })
                .onEvent(ConfigChanged.class, (state, e) -> {
                    state.config = e.config();
                    return state;
                })
                .build();
    }

    // ---- callers ----

    private Effect<Event, QueueState> onEnter(QueueState state, Enter enter) {
        QueueConfig config = state.config;
        String callerId = EntityIds.of(enter.asteriskId(), enter.channelId());
        if (state.callers.containsKey(callerId)) {
            awaitingReattach.remove(callerId);
            return Effect().persist(new CallerReattached(callerId, enter.replyTo())).thenRun(this::dispatch);
        }
        if (config.maxLength() > 0 && state.callers.size() >= config.maxLength()) {
            return refuse(callerId, "FULL", enter.replyTo());
        }
        if (!config.joinEmpty() && loggedInMembers(state) == 0) {
            return refuse(callerId, "JOINEMPTY", enter.replyTo());
        }
        WaitingCaller caller = new WaitingCaller(callerId, enter.asteriskId(), enter.channelId(), enter.priority(),
                enter.skills(), clock.instant(), state.joined + 1, null, enter.replyTo());
        return Effect().persist(new CallerJoined(caller)).thenRun(this::dispatch);
    }

    private Effect<Event, QueueState> refuse(String callerId, String reason, ActorRef<EnterResult> replyTo) {
        return Effect().persist(new CallerRefused(callerId, reason, clock.instant()))
                .thenRun(s -> replyTo.tell(new Refused(reason)));
    }

    private Effect<Event, QueueState> onKeyPressed(QueueState state, KeyPressed key) {
        if (!state.callers.containsKey(key.callerId()) || state.callbacks.containsKey(key.callerId())) {
            return Effect().none();
        }
        if (key.digit().equals(state.config.exitKey())) {
            return leave(state, key.callerId(), "EXITWITHKEY", key.digit());
        }
        if (key.digit().equals(state.config.callback().key()) && !offers.containsKey(key.callerId())) {
            return Effect().persist(new CallbackCollecting(key.callerId()));
        }
        return Effect().none();
    }

    private Effect<Event, QueueState> onAbandon(QueueState state, Abandon abandon) {
        if (state.callbacks.containsKey(abandon.callerId()) && !callbackLive.contains(abandon.callerId())) {
            // the caller hung up after leaving a number: not an abandon, they keep their place
            return Effect().none();
        }
        return leave(state, abandon.callerId(), "ABANDON", null);
    }

    private Effect<Event, QueueState> onRequestCallback(QueueState state, RequestCallback request) {
        WaitingCaller caller = state.callers.get(request.callerId());
        if (caller == null) {
            return Effect().none();
        }
        if (request.number() == null || request.number().isBlank()) {
            return Effect().persist(new CallbackCancelled(request.callerId())).thenRun(this::dispatch);
        }
        long waited = waitedSeconds(caller);
        return Effect().persist(new CallbackRequested(request.callerId(), request.number(), clock.instant()))
                .thenRun(s -> caller.replyTo().tell(new Exited("CALLBACK", null, waited)));
    }

    /** A reserved agent is waiting: call the caller back; the agent is rung once the caller answers. */
    private void callBack(QueueState state, WaitingCaller caller) {
        int attempt = state.callbackAttempts.getOrDefault(caller.callerId(), 0) + 1;
        String app = io.switchboard.actors.SwitchboardActors.get(context.getSystem()).settings()
                .server(caller.asteriskId()).ari().apps().get(0);
        var originate = new io.switchboard.ari.rest.ChannelsApi(null)
                .originate(state.config.callback().endpointFor(state.callbacks.get(caller.callerId())))
                .app(app).appArgs(CALLBACK_ARG + "," + name + "," + caller.callerId())
                .timeout((int) state.config.ringTimeout().toSeconds());
        io.switchboard.actors.gateway.GatewayCommands.execute(context, caller.asteriskId(),
                io.switchboard.actors.gateway.AriCommand.of(originate),
                result -> new CallbackOriginated(caller.callerId(), result));
        timers.startSingleTimer("callback-" + caller.callerId(), new CallbackTimedOut(caller.callerId(), attempt),
                state.config.ringTimeout().plusSeconds(10));
        context.getLog().info("queue {}: calling {} back (attempt {})", name, caller.callerId(), attempt);
    }

    private Effect<Event, QueueState> onCallbackOriginated(QueueState state, CallbackOriginated originated) {
        if (originated.result() instanceof io.switchboard.actors.gateway.CommandResult.Failed failed) {
            context.getLog().warn("queue {}: callback to {} failed: {}", name, originated.callerId(), failed);
        }
        return Effect().none();
    }

    private Effect<Event, QueueState> onCallbackAnswered(QueueState state, CallbackAnswered answered) {
        WaitingCaller caller = state.callers.get(answered.callerId());
        Offer offer = offers.get(answered.callerId());
        if (caller == null || offer == null || offer.agents.isEmpty()) {
            answered.replyTo().tell(new Exited("CALLBACKFAILED", null, 0));
            return Effect().none();
        }
        timers.cancel("callback-" + answered.callerId());
        callbackLive.add(answered.callerId());
        String agentId = offer.agents.iterator().next();
        return Effect().persist(new CallbackReached(answered.callerId(), answered.channelId(), answered.replyTo(),
                clock.instant())).thenRun(s -> ring(s, s.callers.get(answered.callerId()), agents.get(agentId)));
    }

    private Effect<Event, QueueState> onCallbackTimedOut(QueueState state, CallbackTimedOut timedOut) {
        WaitingCaller caller = state.callers.get(timedOut.callerId());
        if (caller == null || callbackLive.contains(timedOut.callerId())) {
            return Effect().none();
        }
        withdrawOffer(timedOut.callerId());
        if (timedOut.attempt() >= state.config.callback().attempts()) {
            return Effect().persist(List.of(new CallbackAttempted(timedOut.callerId(), timedOut.attempt(),
                            clock.instant()),
                    new CallerLeft(timedOut.callerId(), "CALLBACKFAILED", waitedSeconds(caller),
                            state.positionOf(timedOut.callerId()), clock.instant())))
                    .thenRun(this::dispatch);
        }
        return Effect().persist(List.of(new CallbackAttempted(timedOut.callerId(), timedOut.attempt(), clock.instant()),
                new OfferFailed(timedOut.callerId(), "", "CALLBACKNOANSWER", 0,
                        clock.instant().plus(state.config.retryDelay()), clock.instant()))).thenRun(this::dispatch);
    }

    private Effect<Event, QueueState> onSetPriority(QueueState state, SetPriority set) {
        if (!state.callers.containsKey(set.callerId())) {
            return Effect().none();
        }
        return Effect().persist(new PriorityChanged(set.callerId(), set.priority())).thenRun(this::dispatch);
    }

    /** Takes a caller out, telling whoever waits on the caller's wait why. */
    /**
     * Drops the offer in flight for a caller who is leaving. The caller's entity hangs up the agents it is
     * ringing; those only reserved are released here.
     */
    private void withdrawOffer(String callerId) {
        Offer offer = offers.remove(callerId);
        if (offer != null) {
            offer.agents.forEach(a -> agent(a).tell(new AgentEntity.Release(name, callerId)));
        }
    }

    private Effect<Event, QueueState> leave(QueueState state, String callerId, String reason, String digit) {
        WaitingCaller caller = state.callers.get(callerId);
        if (caller == null) {
            return Effect().none();
        }
        withdrawOffer(callerId);
        long waited = waitedSeconds(caller);
        String exit = switch (reason) {
            case "EXITWITHTIMEOUT" -> "TIMEOUT";
            case "EXITEMPTY" -> "EMPTY";
            case "EXITWITHKEY" -> "KEY";
            default -> reason;
        };
        return Effect().persist(new CallerLeft(callerId, reason, waited, state.positionOf(callerId), clock.instant(),
                        digit))
                .thenRun(s -> caller.replyTo().tell(new Exited(exit, digit, waited)))
                .thenRun(this::dispatch);
    }

    /** Callers whose calls did not come back after the restart hung up while the queue was down. */
    private Effect<Event, QueueState> onReattachDeadline(QueueState state) {
        List<Event> events = new ArrayList<>();
        for (String callerId : awaitingReattach) {
            WaitingCaller caller = state.callers.get(callerId);
            if (caller != null) {
                events.add(new CallerLeft(callerId, "ABANDON", waitedSeconds(caller), state.positionOf(callerId),
                        clock.instant()));
            }
        }
        if (!events.isEmpty()) {
            context.getLog().info("queue {}: {} callers did not come back after the restart", name, events.size());
        }
        awaitingReattach.clear();
        return Effect().persist(events).thenRun(this::dispatch);
    }

    private Effect<Event, QueueState> onTick(QueueState state) {
        List<Event> events = new ArrayList<>();
        List<Runnable> replies = new ArrayList<>();
        Instant now = clock.instant();
        boolean empty = state.config.leaveWhenEmpty() && loggedInMembers(state) == 0;
        List<WaitingCaller> ordered = state.inOrder();
        for (int position = 1; position <= ordered.size(); position++) {
            WaitingCaller caller = ordered.get(position - 1);
            boolean timedOut = state.config.maxWait() != null && !offers.containsKey(caller.callerId())
                    && !Duration.between(caller.joinedAt(), now).minus(state.config.maxWait()).isNegative();
            if (timedOut || empty) {
                String reason = timedOut ? "EXITWITHTIMEOUT" : "EXITEMPTY";
                long waited = waitedSeconds(caller);
                events.add(new CallerLeft(caller.callerId(), reason, waited, position, now));
                withdrawOffer(caller.callerId());
                replies.add(() -> caller.replyTo().tell(new Exited(timedOut ? "TIMEOUT" : "EMPTY", null, waited)));
            }
        }
        announceDue(state, now);
        if (events.isEmpty()) {
            dispatch(state);
            return Effect().none();
        }
        return Effect().persist(events).thenRun(s -> replies.forEach(Runnable::run)).thenRun(this::dispatch);
    }

    // ---- agents ----

    private Effect<Event, QueueState> onAgentChanged(QueueState state, AgentChanged changed) {
        AgentStatus status = changed.status();
        boolean member = status.queuePenalties().containsKey(name);
        boolean known = state.memberOrder.contains(status.agentId());
        if (member) {
            agents.put(status.agentId(), status);
        } else {
            agents.remove(status.agentId());
        }
        if (member && !known) {
            return Effect().persist(new MemberAdded(status.agentId(), clock.instant())).thenRun(this::dispatch);
        }
        if (!member && known) {
            return Effect().persist(new MemberRemoved(status.agentId(), clock.instant())).thenRun(this::dispatch);
        }
        dispatch(state);
        return Effect().none();
    }

    private Effect<Event, QueueState> onUpdateConfig(QueueState state, UpdateConfig update) {
        if (!update.config().name().equals(name)) {
            throw new IllegalArgumentException("config for " + update.config().name() + " sent to queue " + name);
        }
        return Effect().persist(new ConfigChanged(update.config())).thenRun(s -> {
            update.replyTo().tell(snapshot(s));
            dispatch(s);
        });
    }

    private long loggedInMembers(QueueState state) {
        return agents.values().stream().filter(a -> a.state() != AgentState.LOGGED_OUT).count();
    }

    // ---- offering ----

    /** Offers waiting callers, first first, to the agents their strategy picks. */
    private void dispatch(QueueState state) {
        if (state.callers.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        Set<String> taken = new HashSet<>();
        offers.values().forEach(o -> taken.addAll(o.agents));
        for (WaitingCaller caller : state.inOrder()) {
            if (offers.containsKey(caller.callerId()) || state.collectingNumber.contains(caller.callerId())
                    || awaitingReattach.contains(caller.callerId())
                    || (caller.retryAt() != null && caller.retryAt().isAfter(now))) {
                continue;
            }
            int maxPenalty = state.config.maxPenaltyAfter(Duration.between(caller.joinedAt(), now));
            List<AgentStatus> candidates = agents.values().stream()
                    .filter(a -> a.available() && !taken.contains(a.agentId()))
                    .filter(a -> a.penaltyIn(name) <= maxPenalty)
                    .filter(a -> AgentOrdering.hasSkills(a, caller.skills()))
                    .toList();
            if (candidates.isEmpty()) {
                continue;
            }
            List<AgentStatus> ordered = AgentOrdering.order(state.config.strategy(), candidates, name,
                    state.memberOrder, state.roundRobinAt, random);
            boolean ringAll = state.config.strategy() == Strategy.RINGALL
                    && !state.callbacks.containsKey(caller.callerId());
            List<AgentStatus> chosen = ringAll ? ordered : ordered.subList(0, 1);
            Offer offer = new Offer();
            offers.put(caller.callerId(), offer);
            for (AgentStatus agent : chosen) {
                offer.agents.add(agent.agentId());
                taken.add(agent.agentId());
                Duration lease = state.config.ringTimeout().plusSeconds(10);
                context.ask(AgentEntity.ReserveReply.class, agent(agent.agentId()), Duration.ofSeconds(5),
                        replyTo -> new AgentEntity.Reserve(name, caller.callerId(), lease, replyTo),
                        (reply, failure) -> new ReserveAnswered(caller.callerId(), agent.agentId(), reply));
            }
        }
    }

    private Effect<Event, QueueState> onReserveAnswered(QueueState state, ReserveAnswered answered) {
        Offer offer = offers.get(answered.callerId());
        WaitingCaller caller = state.callers.get(answered.callerId());
        boolean reserved = answered.reply() instanceof AgentEntity.ReserveReply.Reserved;
        if (offer == null || caller == null || offer.answered) {
            if (reserved) {
                agent(answered.agentId()).tell(new AgentEntity.Release(name, answered.callerId()));
            }
            return Effect().none();
        }
        if (!reserved) {
            offer.agents.remove(answered.agentId());
            if (offer.agents.isEmpty()) {
                offers.remove(answered.callerId());
                dispatch(state);
            }
            return Effect().none();
        }
        AgentStatus agent = ((AgentEntity.ReserveReply.Reserved) answered.reply()).status();
        agents.put(agent.agentId(), agent);
        if (state.callbacks.containsKey(caller.callerId()) && !callbackLive.contains(caller.callerId())) {
            callBack(state, caller);
        } else {
            ring(state, caller, agent);
        }
        if (state.config.strategy() == Strategy.RRMEMORY || state.config.strategy() == Strategy.RRORDERED) {
            return Effect().persist(new RoundRobinMoved(agent.agentId()));
        }
        return Effect().none();
    }

    /** Rings a reserved agent for the caller, from the caller's channel. */
    private void ring(QueueState state, WaitingCaller caller, AgentStatus agent) {
        agent(agent.agentId()).tell(new AgentEntity.Ringing(name, caller.callerId()));
        Duration ring = state.config.ringTimeout();
        context.ask(Outcome.class, channel(caller.channelEntityId()), ring.plusSeconds(30),
                replyTo -> new ChannelEntity.DialOut(agent.endpoint(), ring, null, replyTo),
                (outcome, failure) -> new OfferEnded(caller.callerId(), agent.agentId(), outcome != null ? outcome
                        : new Outcome.Failed(Outcome.Failed.Reason.COMMAND_FAILED, null, "no dial result")));
    }

    private Effect<Event, QueueState> onOfferEnded(QueueState state, OfferEnded ended) {
        Offer offer = offers.get(ended.callerId());
        WaitingCaller caller = state.callers.get(ended.callerId());
        if (ended.outcome() instanceof Outcome.Dialed dialed && dialed.answered()) {
            if (offer == null || caller == null || offer.answered) {
                // answered too late (the caller left, or another agent answered first)
                channel(EntityIds.of(EntityIds.asteriskId(ended.callerId()), dialed.peerChannelId()))
                        .tell(new ChannelEntity.Perform(new ChannelAction.Hangup("answered_elsewhere"),
                                context.getSystem().ignoreRef()));
                agent(ended.agentId()).tell(new AgentEntity.Release(name, ended.callerId()));
                return Effect().none();
            }
            offer.answered = true;
            channel(caller.channelEntityId()).tell(new ChannelEntity.CancelDialsExcept(dialed.peerChannelId()));
            agent(ended.agentId()).tell(new AgentEntity.Answered(name, caller.callerId()));
            String toAgent = state.config.announcements().toAgent();
            if (toAgent == null) {
                bridge(caller, ended.agentId(), dialed.peerChannelId(), state.config.waitsInBridge());
            } else {
                String agentChannel = EntityIds.of(caller.asteriskId(), dialed.peerChannelId());
                context.ask(Outcome.class, channel(agentChannel), Duration.ofMinutes(2),
                        replyTo -> new ChannelEntity.Play(List.of(toAgent), "", null, replyTo),
                        (outcome, failure) -> new AgentAnnounced(caller.callerId(), ended.agentId(),
                                dialed.peerChannelId()));
            }
            return Effect().none();
        }
        String reason = ended.outcome() instanceof Outcome.Dialed dialed ? dialed.status().name()
                : ((Outcome.Failed) ended.outcome()).message();
        boolean cancelled = ended.outcome() instanceof Outcome.Dialed d
                && d.status() == Outcome.Dialed.DialStatus.CANCEL;
        if (cancelled) {
            agent(ended.agentId()).tell(new AgentEntity.Release(name, ended.callerId()));
            if (offer == null || caller == null || offer.answered) {
                return Effect().persist(new OfferCancelled(ended.callerId(), ended.agentId(), clock.instant()));
            }
        } else {
            agent(ended.agentId()).tell(new AgentEntity.NotAnswered(name, ended.callerId(), reason,
                    state.config.autopauseAfter()));
        }
        if (offer == null || caller == null || offer.answered) {
            return Effect().none();
        }
        offer.agents.remove(ended.agentId());
        if (!offer.agents.isEmpty()) {
            return Effect().none();
        }
        offers.remove(ended.callerId());
        return Effect().persist(new OfferFailed(caller.callerId(), ended.agentId(), reason,
                state.config.ringTimeout().toSeconds(), clock.instant().plus(state.config.retryDelay()),
                clock.instant())).thenRun(this::dispatch);
    }

    private Effect<Event, QueueState> onAgentAnnounced(QueueState state, AgentAnnounced announced) {
        WaitingCaller caller = state.callers.get(announced.callerId());
        if (caller != null) {
            bridge(caller, announced.agentId(), announced.agentChannelId(), state.config.waitsInBridge());
        }
        return Effect().none();
    }

    private void bridge(WaitingCaller caller, String agentId, String agentChannelId, boolean waitsInBridge) {
        String callerId = caller.callerId();
        EntityRef<ChannelEntity.Command> callerChannel = channel(caller.channelEntityId());
        if (!waitsInBridge) {
            callerChannel.tell(new ChannelEntity.Perform(new ChannelAction.StopMoh(), context.getSystem().ignoreRef()));
        }
        context.ask(Outcome.class, callerChannel, Duration.ofSeconds(30),
                replyTo -> new ChannelEntity.BridgeWith(agentChannelId, replyTo),
                (outcome, failure) -> new BridgeAnswered(callerId, agentId, agentChannelId, outcome != null ? outcome
                        : new Outcome.Failed(Outcome.Failed.Reason.COMMAND_FAILED, null, "no bridge result")));
    }

    // ---- announcements ----

    /** Position (with the estimated wait) and periodic announcements that have come due. */
    private void announceDue(QueueState state, Instant now) {
        QueueConfig.Announcements a = state.config.announcements();
        if (a.positionEvery() == null && (a.periodic().isEmpty() || a.periodicEvery() == null)) {
            return;
        }
        List<WaitingCaller> ordered = state.inOrder();
        for (int i = 0; i < ordered.size(); i++) {
            WaitingCaller caller = ordered.get(i);
            String id = caller.callerId();
            if (offers.containsKey(id) || announcing.contains(id) || state.collectingNumber.contains(id)
                    || state.callbacks.containsKey(id)) {
                continue;
            }
            if (a.positionEvery() != null && !now.isBefore(nextPosition.computeIfAbsent(id,
                    x -> caller.joinedAt().plus(a.positionEvery())))) {
                nextPosition.put(id, now.plus(a.positionEvery()));
                announce(state, caller, positionMedia(state, i + 1, a.holdTime()));
            } else if (!a.periodic().isEmpty() && a.periodicEvery() != null && !now.isBefore(
                    nextPeriodic.computeIfAbsent(id, x -> caller.joinedAt().plus(a.periodicEvery())))) {
                nextPeriodic.put(id, now.plus(a.periodicEvery()));
                announce(state, caller, a.periodic());
            }
        }
    }

    private List<String> positionMedia(QueueState state, int position, boolean holdTime) {
        List<String> media = new ArrayList<>();
        if (position == 1) {
            media.add("sound:queue-youarenext");
        } else {
            media.add("sound:queue-thereare");
            media.add("number:" + (position - 1));
            media.add("sound:queue-callswaiting");
        }
        if (holdTime) {
            int staffed = (int) agents.values().stream().filter(a -> a.state() != AgentState.LOGGED_OUT
                    && a.state() != AgentState.PAUSED).count();
            int idle = (int) agents.values().stream().filter(AgentStatus::available).count();
            WaitEstimate.estimate(position, staffed, idle, state.ahtSeconds).ifPresent(wait -> {
                media.add("sound:queue-holdtime");
                media.add("number:" + Math.max(1, (wait.toSeconds() + 59) / 60));
                media.add("sound:queue-minutes");
            });
        }
        return media;
    }

    /** Music stops for the announcement and starts again after it, unless the caller is on their way out. */
    private void announce(QueueState state, WaitingCaller caller, List<String> media) {
        announcing.add(caller.callerId());
        EntityRef<ChannelEntity.Command> channel = channel(caller.channelEntityId());
        if (!state.config.waitsInBridge()) {
            channel.tell(new ChannelEntity.Perform(new ChannelAction.StopMoh(), context.getSystem().ignoreRef()));
        }
        context.ask(Outcome.class, channel, Duration.ofMinutes(2),
                replyTo -> new ChannelEntity.Play(media, "", null, replyTo),
                (outcome, failure) -> new AnnouncementDone(caller.callerId()));
    }

    private Effect<Event, QueueState> onAnnouncementDone(QueueState state, AnnouncementDone done) {
        announcing.remove(done.callerId());
        Offer offer = offers.get(done.callerId());
        WaitingCaller waiting = state.callers.get(done.callerId());
        if (waiting != null && (offer == null || !offer.answered) && !state.config.waitsInBridge()
                && !state.callbacks.containsKey(done.callerId())) {
            channel(waiting.channelEntityId()).tell(new ChannelEntity.Perform(
                    new ChannelAction.StartMoh(state.config.musicClass()), context.getSystem().ignoreRef()));
        }
        return Effect().none();
    }

    private Effect<Event, QueueState> onBridgeAnswered(QueueState state, BridgeAnswered answered) {
        WaitingCaller caller = state.callers.get(answered.callerId());
        offers.remove(answered.callerId());
        if (caller == null || !(answered.outcome() instanceof Outcome.Bridged bridged)) {
            // the caller left meanwhile, or the bridge failed (the caller waits on): end the agent's side
            hangup(EntityIds.of(EntityIds.asteriskId(answered.callerId()), answered.agentChannelId()));
            agent(answered.agentId()).tell(new AgentEntity.CallEnded(name, answered.callerId(), Duration.ZERO));
            return Effect().none();
        }
        long waited = waitedSeconds(caller);
        Conversation conversation = new Conversation(caller.callerId(), caller.channelEntityId(), answered.agentId(),
                answered.agentChannelId(), clock.instant(), waited, null);
        conversations.put(caller.callerId(), conversation);
        watchEnd(caller.callerId(), answered.agentId(), answered.agentChannelId(), caller.channelEntityId(), "CALLER");
        watchEnd(caller.callerId(), answered.agentId(), answered.agentChannelId(),
                EntityIds.of(caller.asteriskId(), answered.agentChannelId()), "AGENT");
        return Effect().persist(new CallerConnected(caller.callerId(), answered.agentId(), waited, clock.instant()))
                .thenRun(s -> caller.replyTo().tell(new Connected(answered.agentId(), answered.agentChannelId(),
                        bridged.bridgeId(), waited)))
                .thenRun(this::dispatch);
    }

    private void watchEnd(String callerId, String agentId, String agentChannelId, String channelEntityId,
                          String who) {
        context.ask(Outcome.class, channel(channelEntityId), Duration.ofHours(12), ChannelEntity.WhenEnded::new,
                (done, failure) -> new PartyLeft(callerId, agentId, agentChannelId, who));
    }

    /** One side of a conversation hung up: the other side is hung up, the agent goes to wrap-up. */
    private Effect<Event, QueueState> onPartyLeft(QueueState state, PartyLeft left) {
        Conversation conversation = conversations.get(left.callerId());
        if (conversation == null || !conversation.agentChannelId().equals(left.agentChannelId())) {
            // over already, or an earlier conversation of a caller transferred away and back
            return Effect().none();
        }
        conversations.remove(left.callerId());
        if (conversation.flow() != null) {
            conversation.flow().tell(new ConversationOver(left.callerId()));
        }
        String afterAgent = state.config.afterAgent();
        if ("AGENT".equals(left.who()) && afterAgent.startsWith("dialplan:")) {
            String[] target = afterAgent.substring("dialplan:".length()).split(",");
            channel(conversation.callerChannel()).tell(new ChannelEntity.Perform(new ChannelAction.ContinueInDialplan(
                    target[0], target[1], Integer.valueOf(target[2])), context.getSystem().ignoreRef()));
        } else {
            hangup(conversation.callerChannel());
        }
        hangup(EntityIds.of(EntityIds.asteriskId(left.callerId()), left.agentChannelId()));
        agent(left.agentId()).tell(new AgentEntity.CallEnded(name, left.callerId(), state.config.wrapUp()));
        long talk = Duration.between(conversation.connectedAt(), clock.instant()).toSeconds();
        context.getLog().info("queue {}: {} and {} talked {} s; the {} hung up", name, left.callerId(), left.agentId(),
                talk, left.who().toLowerCase(java.util.Locale.ROOT));
        return Effect().persist(new ConversationEnded(left.callerId(), left.agentId(), talk, left.who(),
                clock.instant()));
    }

    private Effect<Event, QueueState> onTransferCaller(QueueState state, TransferCaller transfer) {
        if (transfer.toQueue() == null || transfer.toQueue().isBlank()) {
            return Effect().reply(transfer.replyTo(), new TransferRefused(TransferRefused.Refusal.UNKNOWN_QUEUE,
                    "toQueue: the queue to transfer to is missing"));
        }
        if (transfer.toQueue().equals(name)) {
            return Effect().reply(transfer.replyTo(), new TransferRefused(TransferRefused.Refusal.SAME_QUEUE,
                    "toQueue: the caller is in " + name + " already"));
        }
        List<Conversation> matching = conversations.values().stream()
                .filter(c -> c.callerId().equals(transfer.caller()) || c.callerId().endsWith("/" + transfer.caller()))
                .toList();
        if (matching.size() != 1) {
            return Effect().reply(transfer.replyTo(), new TransferRefused(TransferRefused.Refusal.UNKNOWN_CALLER,
                    matching.isEmpty() ? "no caller " + transfer.caller() + " is talking to an agent of " + name
                            : "caller " + transfer.caller() + " is ambiguous: give <asteriskId>/<channelId>"));
        }
        Conversation c = matching.get(0);
        conversations.remove(c.callerId());
        hangup(EntityIds.of(EntityIds.asteriskId(c.callerId()), c.agentChannelId()));
        agent(c.agentId()).tell(new AgentEntity.CallEnded(name, c.callerId(), state.config.wrapUp()));
        long talk = Duration.between(c.connectedAt(), clock.instant()).toSeconds();
        context.getLog().info("queue {}: {} transferred from {} to queue {} after talking {} s", name, c.callerId(),
                c.agentId(), transfer.toQueue(), talk);
        return Effect().persist(new CallerTransferred(c.callerId(), c.agentId(), transfer.toQueue(), c.waitedSeconds(),
                        talk, clock.instant()))
                .thenRun(s -> {
                    if (c.flow() != null) {
                        c.flow().tell(new TransferredTo(transfer.toQueue()));
                    } else {
                        transferredUnasked.put(c.callerId(), transfer.toQueue());
                    }
                })
                .thenReply(transfer.replyTo(), s -> new Transferred(c.callerId(), name, transfer.toQueue()));
    }

    private Effect<Event, QueueState> onAwaitConversation(QueueState state, AwaitConversation await) {
        String toQueue = transferredUnasked.remove(await.callerId());
        Conversation conversation = conversations.get(await.callerId());
        if (toQueue != null) {
            await.replyTo().tell(new TransferredTo(toQueue));
        } else if (conversation != null) {
            conversations.put(await.callerId(), conversation.withFlow(await.replyTo()));
        } else {
            await.replyTo().tell(new ConversationOver(await.callerId()));
        }
        return Effect().none();
    }

    private void hangup(String channelEntityId) {
        channel(channelEntityId).tell(new ChannelEntity.Perform(new ChannelAction.Hangup(null),
                context.getSystem().ignoreRef()));
    }

    // ---- helpers ----

    private void forgetAnnouncements(String callerId) {
        nextPosition.remove(callerId);
        nextPeriodic.remove(callerId);
        callbackLive.remove(callerId);
    }

    private QueueSnapshot snapshot(QueueState state) {
        List<CallerView> callers = new ArrayList<>();
        List<WaitingCaller> ordered = state.inOrder();
        for (int i = 0; i < ordered.size(); i++) {
            WaitingCaller c = ordered.get(i);
            Offer offer = offers.get(c.callerId());
            callers.add(new CallerView(c.callerId(), i + 1, c.priority(), waitedSeconds(c),
                    offer == null ? null : String.join(",", offer.agents)));
        }
        return new QueueSnapshot(name, state.config, callers, List.copyOf(agents.values()));
    }

    private long waitedSeconds(WaitingCaller caller) {
        return Duration.between(caller.joinedAt(), clock.instant()).toSeconds();
    }

    private EntityRef<AgentEntity.Command> agent(String agentId) {
        return sharding.entityRefFor(AgentEntity.TYPE_KEY, agentId);
    }

    private EntityRef<ChannelEntity.Command> channel(String channelEntityId) {
        return sharding.entityRefFor(ChannelEntity.TYPE_KEY, channelEntityId);
    }
}
