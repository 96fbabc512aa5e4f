package io.switchboard.actors.channel;

import io.switchboard.actors.SwitchboardActors;
import io.switchboard.actors.bridge.BridgeEntity;
import io.switchboard.actors.flow.Call;
import io.switchboard.actors.flow.CallFlow;
import io.switchboard.actors.flow.FlowRegistry;
import io.switchboard.actors.gateway.AriCommand;
import io.switchboard.actors.gateway.CommandResult;
import io.switchboard.actors.gateway.EntityIds;
import io.switchboard.actors.gateway.GatewayCommands;
import io.switchboard.actors.serialization.CborSerializable;
import io.switchboard.actors.serialization.LocalOnly;
import io.switchboard.actors.settings.ActorsSettings;
import io.switchboard.actors.settings.ShardedEntities;
import io.switchboard.ari.events.AriEvent;
import io.switchboard.ari.events.ChannelDestroyed;
import io.switchboard.ari.events.ChannelDtmfReceived;
import io.switchboard.ari.events.ChannelHangupRequest;
import io.switchboard.ari.events.Dial;
import io.switchboard.ari.events.PlaybackFinished;
import io.switchboard.ari.events.RecordingFailed;
import io.switchboard.ari.events.RecordingFinished;
import io.switchboard.ari.events.StasisEnd;
import io.switchboard.ari.events.StasisStart;
import io.switchboard.ari.model.Channel;
import io.switchboard.ari.rest.ChannelsApi;
import io.switchboard.ari.rest.ClientIds;
import io.switchboard.ari.rest.PlaybacksApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * One Asterisk channel as a cluster-sharded actor, id {@code <asteriskId>/<channelId>}. It receives the
 * channel's events in socket order, keeps its latest snapshot, runs the call's flow when the channel enters
 * a Stasis application, and turns the flow's operations into REST commands that complete on the events that
 * end them. It stops when the channel is destroyed.
 */
public final class ChannelEntity {

    public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "Channel");

    /** How long an entity whose channel left the application waits for its last events before stopping. */
    private static final Duration LINGER = Duration.ofSeconds(10);

    public static void init(ActorSystem<?> system, ActorsSettings settings) {
        ShardedEntities.init(system, settings, TYPE_KEY, ChannelEntity::create);
    }

    public interface Command extends CborSerializable {
    }

    /** An event about this channel, from the gateway. */
    public record EventReceived(AriEvent event) implements Command {
    }

    /** Reconciliation found this channel in the application with no entity: take it over. */
    public record Adopt(Channel snapshot) implements Command {
    }

    /**
     * Reconciliation after a reconnect found the channel still there: events may have been missed, so the
     * entity checks what it was waiting for (playbacks, recordings, a dial) against Asterisk.
     */
    public record Resync(Channel snapshot) implements Command {
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

    /** Replies {@link Outcome.Done} once the call has ended here (at once if it already has, or never existed). */
    public record WhenEnded(ActorRef<Outcome> replyTo) implements Command {
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

    /** Puts this call and another of the same Asterisk into a new mixing bridge. */
    public record BridgeWith(String otherChannelId, ActorRef<Outcome> replyTo) implements Command {
    }

    private record CommandAnswered(Pending pending, CommandResult result) implements Command, LocalOnly {
    }

    private record GatherTimedOut(long gatherNumber) implements Command, LocalOnly {
    }

    private record FlowFinished(Throwable failure) implements Command, LocalOnly {
    }

    private record DialRelayed(String peerId, ActorRef<Outcome> replyTo, Outcome outcome)
            implements Command, LocalOnly {
    }

    private enum Linger implements Command, LocalOnly { EXPIRED }

    /** What to do when the gateway answers a command sent on this entity's behalf. */
    private sealed interface Pending {
        record Action(ActorRef<Outcome> replyTo) implements Pending {
        }

        record PlayStarted(String playbackId) implements Pending {
        }

        record RecordStarted(String name) implements Pending {
        }

        record PeerCreated(String peerId, Duration timeout, ActorRef<Outcome> replyTo) implements Pending {
        }

        record DialStarted(ActorRef<Outcome> replyTo) implements Pending {
        }

        record Ignore() implements Pending {
        }

        record PlaybackCheck(String playbackId) implements Pending {
        }

        record RecordingCheck(String name) implements Pending {
        }
    }

    private record PendingPlay(String stopDigits, ActorRef<Outcome> replyTo) {
    }

    private record PendingGather(long number, Gather request, StringBuilder digits) {
    }

    public static Behavior<Command> create(String entityId) {
        return Behaviors.<Command>supervise(Behaviors.setup(context -> Behaviors.withTimers(timers ->
                        new ChannelEntity(context, timers, entityId).idle())))
                .onFailure(SupervisorStrategy.restartWithBackoff(Duration.ofMillis(100), Duration.ofSeconds(5), 0.2));
    }

    private final ActorContext<Command> context;
    private final TimerScheduler<Command> timers;
    private final String entityId;
    private final String asteriskId;
    private final String channelId;
    private final ChannelsApi channels = new ChannelsApi(null);
    private final PlaybacksApi playbacks = new PlaybacksApi(null);
    private final Set<ActorRef<CallEvent>> subscribers = new HashSet<>();
    private final List<ActorRef<Outcome>> endWatchers = new ArrayList<>();
    private final Map<String, PendingPlay> plays = new HashMap<>();
    private final Map<String, ActorRef<Outcome>> recordings = new HashMap<>();
    private final StringBuilder typeAhead = new StringBuilder();
    private PendingGather gather;
    private long gathers;
    private Channel snapshot;
    private List<String> args = List.of();
    private String app;
    private boolean inStasis;
    private boolean ended;
    /** Commands sent to Asterisk and not answered yet. */
    private int commandsInFlight;
    private boolean destroyed;
    private Call call;
    private ActorRef<Outcome> dialReportTo;
    private final List<String> dialProgress = new ArrayList<>();
    /** Peers this call is dialling now (several at once when a queue rings all its agents). */
    private final Set<String> dialledPeers = new HashSet<>();

    private ChannelEntity(ActorContext<Command> context, TimerScheduler<Command> timers, String entityId) {
        this.context = context;
        this.timers = timers;
        this.entityId = entityId;
        this.asteriskId = EntityIds.asteriskId(entityId);
        this.channelId = EntityIds.ariId(entityId);
        // an entity woken by a stray late event, with no channel in the application, does not linger forever
        timers.startSingleTimer(Linger.EXPIRED, Linger.EXPIRED, LINGER.multipliedBy(3));
    }

    private Behavior<Command> idle() {
        return Behaviors.receive(Command.class)
                .onMessage(EventReceived.class, this::onEvent)
                .onMessage(Adopt.class, this::onAdopt)
                .onMessage(Gone.class, this::onGone)
                .onMessage(Resync.class, this::onResync)
                .onMessage(GetSnapshot.class, this::onGetSnapshot)
                .onMessage(Subscribe.class, this::onSubscribe)
                .onMessage(WhenEnded.class, this::onWhenEnded)
                .onMessage(Perform.class, this::onPerform)
                .onMessage(Play.class, this::onPlay)
                .onMessage(Record.class, this::onRecord)
                .onMessage(Gather.class, this::onGather)
                .onMessage(DialOut.class, this::onDialOut)
                .onMessage(DialFrom.class, this::onDialFrom)
                .onMessage(BridgeWith.class, this::onBridgeWith)
                .onMessage(CancelDialsExcept.class, this::onCancelDialsExcept)
                .onMessage(DialRelayed.class, this::onDialRelayed)
                .onMessage(CommandAnswered.class, this::onCommandAnswered)
                .onMessage(GatherTimedOut.class, this::onGatherTimedOut)
                .onMessage(FlowFinished.class, this::onFlowFinished)
                .onMessageEquals(Linger.EXPIRED, this::onLingerExpired)
                .build();
    }

    // ---- events ----

    private Behavior<Command> onEvent(EventReceived received) {
        AriEvent event = received.event();
        Channel about = channelIn(event);
        if (about != null) {
            snapshot = about;
        }
        subscribers.forEach(s -> s.tell(new CallEvent.Observed(channelId, event)));
        if (call != null) {
            call.deliver(event);
        }
        if (event instanceof StasisStart start) {
            onStasisStart(start);
        } else if (event instanceof ChannelDtmfReceived dtmf) {
            onDtmf(dtmf.digit());
        } else if (event instanceof PlaybackFinished finished) {
            onPlaybackFinished(finished);
        } else if (event instanceof RecordingFinished finished) {
            ActorRef<Outcome> replyTo = recordings.remove(finished.recording().name());
            if (replyTo != null) {
                replyTo.tell(new Outcome.Recorded(finished.recording().name(), finished.recording().duration(),
                        "canceled".equals(finished.recording().state())));
            }
        } else if (event instanceof RecordingFailed failed) {
            ActorRef<Outcome> replyTo = recordings.remove(failed.recording().name());
            if (replyTo != null) {
                replyTo.tell(new Outcome.Failed(Outcome.Failed.Reason.COMMAND_FAILED, null,
                        "recording failed: " + failed.recording().cause()));
            }
        } else if (event instanceof Dial dial) {
            onDial(dial);
        } else if (event instanceof ChannelHangupRequest) {
            // the caller is going: whatever the flow waits for will not happen
            end("hung up", null);
        } else if (event instanceof StasisEnd) {
            inStasis = false;
            end("left the application", null);
            timers.startSingleTimer(Linger.EXPIRED, Linger.EXPIRED, LINGER);
        } else if (event instanceof ChannelDestroyed gone) {
            onDestroyed(gone);
            return stopWhenAnswered();
        }
        return Behaviors.same();
    }

    /** Each event class's {@code channel()} accessor, if it has one (looked up once per class). */
    private static final Map<Class<?>, java.util.Optional<java.lang.reflect.Method>> CHANNEL_ACCESSORS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The snapshot of this channel that the event carries, if it carries one. */
    private Channel channelIn(AriEvent event) {
        var accessor = CHANNEL_ACCESSORS.computeIfAbsent(event.getClass(), type -> {
            try {
                var method = type.getMethod("channel");
                return method.getReturnType() == Channel.class ? java.util.Optional.of(method)
                        : java.util.Optional.empty();
            } catch (NoSuchMethodException e) {
                return java.util.Optional.empty();
            }
        });
        if (accessor.isEmpty()) {
            return null;
        }
        try {
            Channel channel = (Channel) accessor.get().invoke(event);
            return channel != null && channelId.equals(channel.id()) ? channel : null;
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    private void onStasisStart(StasisStart start) {
        inStasis = true;
        ended = false;
        timers.cancel(Linger.EXPIRED);
        app = start.application();
        args = start.args() == null ? List.of() : List.copyOf(start.args());
        if (call == null) {
            startFlow(false);
        }
    }

    private Behavior<Command> onAdopt(Adopt adopt) {
        snapshot = adopt.snapshot();
        inStasis = true;
        timers.cancel(Linger.EXPIRED);
        String data = snapshot.dialplan() == null || snapshot.dialplan().appData() == null ? ""
                : snapshot.dialplan().appData();
        String[] parts = data.split(",");
        app = parts[0];
        args = parts.length > 1 ? List.of(parts).subList(1, parts.length) : List.of();
        if (call == null) {
            startFlow(true);
        }
        return Behaviors.same();
    }

    private void startFlow(boolean resumed) {
        FlowRegistry registry = SwitchboardActors.get(context.getSystem()).flows();
        CallFlow flow = registry.find(app, args).orElse(null);
        if (flow == null) {
            if (!(args.size() == 1 && FlowRegistry.PEER_ARG.equals(args.get(0)))) {
                context.getLog().warn("no flow for {} entering {} with args {}", entityId, app, args);
            }
            return;
        }
        call = new Call(context.getSystem(), asteriskId, channelId, snapshot, app, args, resumed, context.getSelf());
        CompletionStage<?> running;
        try {
            running = flow.run(call);
        } catch (RuntimeException e) {
            running = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        context.pipeToSelf(running, (ok, failure) -> new FlowFinished(failure));
    }

    private Behavior<Command> onFlowFinished(FlowFinished finished) {
        if (finished.failure() != null) {
            Throwable cause = finished.failure() instanceof java.util.concurrent.CompletionException c
                    && c.getCause() != null ? c.getCause() : finished.failure();
            if (cause instanceof io.switchboard.actors.flow.CallEndedException) {
                context.getLog().debug("flow of {} stopped: {}", entityId, cause.getMessage());
            } else {
                context.getLog().warn("flow of {} failed: {}", entityId, cause.toString());
            }
        }
        if (inStasis && !ended) {
            execute(new ChannelAction.Hangup(null).command(channels, channelId), new Pending.Ignore());
        }
        return Behaviors.same();
    }

    private void onDestroyed(ChannelDestroyed destroyed) {
        inStasis = false;
        failRecordings("the channel was destroyed before the recording finished");
        if (dialReportTo != null) {
            Outcome.Dialed.DialStatus status = switch (destroyed.cause() == null ? 0 : destroyed.cause()) {
                case 17 -> Outcome.Dialed.DialStatus.BUSY;
                case 19, 18 -> Outcome.Dialed.DialStatus.NOANSWER;
                case 34, 38, 42 -> Outcome.Dialed.DialStatus.CONGESTION;
                default -> Outcome.Dialed.DialStatus.CANCEL;
            };
            reportDial(status);
        }
        end(destroyed.causeTxt() == null ? "hung up" : destroyed.causeTxt(), destroyed.cause());
    }

    private Behavior<Command> onResync(Resync resync) {
        snapshot = resync.snapshot();
        plays.keySet().forEach(id -> execute(AriCommand.of(playbacks.get(id)), new Pending.PlaybackCheck(id)));
        recordings.keySet().forEach(name -> execute(AriCommand.of(new io.switchboard.ari.rest.RecordingsApi(null)
                .getLive(name)), new Pending.RecordingCheck(name)));
        if (dialReportTo != null && "Up".equals(snapshot.state())) {
            reportDial(Outcome.Dialed.DialStatus.ANSWER);
        }
        return Behaviors.same();
    }

    private Behavior<Command> onGone(Gone gone) {
        inStasis = false;
        failRecordings(gone.reason());
        if (dialReportTo != null) {
            reportDial(Outcome.Dialed.DialStatus.CANCEL);
        }
        end(gone.reason(), null);
        return Behaviors.stopped();
    }

    /** The call is over here: every operation still waiting fails, subscribers and the flow are told. */
    private void end(String reason, Integer cause) {
        if (ended) {
            return;
        }
        ended = true;
        Outcome failed = new Outcome.Failed(Outcome.Failed.Reason.CALL_ENDED, null, "the call ended: " + reason);
        plays.values().forEach(p -> p.replyTo().tell(failed));
        plays.clear();
        // a recording outlives the caller's hang-up: Asterisk still finishes and stores it (voicemail)
        if (gather != null) {
            gather.request().replyTo().tell(failed);
            gather = null;
        }
        // the caller went away while peers were still being dialled
        dialledPeers.forEach(p -> peer(p).tell(new Perform(new ChannelAction.Hangup(null),
                context.getSystem().ignoreRef())));
        dialledPeers.clear();
        subscribers.forEach(s -> s.tell(new CallEvent.Ended(channelId, reason, cause)));
        endWatchers.forEach(w -> w.tell(new Outcome.Done()));
        endWatchers.clear();
        if (call != null) {
            call.end(reason);
        }
    }

    private void failRecordings(String why) {
        Outcome failed = new Outcome.Failed(Outcome.Failed.Reason.CALL_ENDED, null, why);
        recordings.values().forEach(r -> r.tell(failed));
        recordings.clear();
    }

    private Behavior<Command> onLingerExpired() {
        if (inStasis) {
            return Behaviors.same();
        }
        failRecordings("no recording result after the call ended");
        if (dialReportTo != null) {
            reportDial(Outcome.Dialed.DialStatus.CANCEL);
        }
        return Behaviors.stopped();
    }

    private Behavior<Command> onGetSnapshot(GetSnapshot get) {
        get.replyTo().tell(new Snapshot(entityId, snapshot, inStasis, ended, args));
        return Behaviors.same();
    }

    private Behavior<Command> onWhenEnded(WhenEnded when) {
        if (ended || snapshot == null) {
            when.replyTo().tell(new Outcome.Done());
        } else {
            endWatchers.add(when.replyTo());
        }
        return Behaviors.same();
    }

    private Behavior<Command> onSubscribe(Subscribe subscribe) {
        subscribers.add(subscribe.subscriber());
        if (ended) {
            subscribe.subscriber().tell(new CallEvent.Ended(channelId, "already ended", null));
        }
        return Behaviors.same();
    }

    // ---- operations ----

    private boolean refuseIfEnded(ActorRef<Outcome> replyTo) {
        if (ended) {
            replyTo.tell(new Outcome.Failed(Outcome.Failed.Reason.CALL_ENDED, null, "the call has ended"));
            return true;
        }
        return false;
    }

    private Behavior<Command> onPerform(Perform perform) {
        execute(perform.action().command(channels, channelId), new Pending.Action(perform.replyTo()));
        return Behaviors.same();
    }

    private Behavior<Command> onPlay(Play play) {
        if (refuseIfEnded(play.replyTo())) {
            return Behaviors.same();
        }
        String playbackId = ClientIds.next();
        plays.put(playbackId, new PendingPlay(play.stopDigits() == null ? "" : play.stopDigits(), play.replyTo()));
        execute(AriCommand.of(channels.play(channelId, play.media().toArray(new String[0])).playbackId(playbackId)
                .lang(play.language())), new Pending.PlayStarted(playbackId));
        return Behaviors.same();
    }

    private void onPlaybackFinished(PlaybackFinished finished) {
        PendingPlay play = plays.remove(finished.playback().id());
        if (play != null) {
            boolean failed = "failed".equals(finished.playback().state());
            play.replyTo().tell(new Outcome.Played(failed ? Outcome.Played.Status.FAILED
                    : Outcome.Played.Status.FINISHED, null));
        }
    }

    private Behavior<Command> onRecord(Record record) {
        if (refuseIfEnded(record.replyTo())) {
            return Behaviors.same();
        }
        recordings.put(record.name(), record.replyTo());
        execute(AriCommand.of(channels.record(channelId, record.name(), record.format() == null ? "wav"
                        : record.format()).maxDurationSeconds(record.maxDurationSeconds())
                        .maxSilenceSeconds(record.maxSilenceSeconds()).beep(record.beep())
                        .terminateOn(record.terminateOn()).ifExists(record.ifExists())),
                new Pending.RecordStarted(record.name()));
        return Behaviors.same();
    }

    private Behavior<Command> onGather(Gather request) {
        if (refuseIfEnded(request.replyTo())) {
            return Behaviors.same();
        }
        if (gather != null) {
            gather.request().replyTo().tell(new Outcome.Failed(Outcome.Failed.Reason.BUSY, null,
                    "replaced by a newer gather"));
        }
        gather = new PendingGather(++gathers, request, new StringBuilder());
        String early = typeAhead.toString();
        typeAhead.setLength(0);
        for (char digit : early.toCharArray()) {
            if (gather == null) {
                typeAhead.append(digit);
            } else {
                collect(String.valueOf(digit));
            }
        }
        if (gather != null) {
            timers.startSingleTimer("gather", new GatherTimedOut(gather.number()),
                    gather.digits().length() == 0 ? request.firstDigitTimeout() : request.interDigitTimeout());
        }
        return Behaviors.same();
    }

    private void onDtmf(String digit) {
        for (Map.Entry<String, PendingPlay> entry : plays.entrySet()) {
            if (entry.getValue().stopDigits().contains(digit)) {
                plays.remove(entry.getKey());
                entry.getValue().replyTo().tell(new Outcome.Played(Outcome.Played.Status.INTERRUPTED, digit));
                execute(AriCommand.of(playbacks.stop(entry.getKey())), new Pending.Ignore());
                return;
            }
        }
        if (gather == null) {
            if (typeAhead.length() < 32) {
                typeAhead.append(digit);
            }
            return;
        }
        collect(digit);
        if (gather != null) {
            timers.startSingleTimer("gather", new GatherTimedOut(gather.number()),
                    gather.request().interDigitTimeout());
        }
    }

    private void collect(String digit) {
        Gather request = gather.request();
        if (request.terminators() != null && request.terminators().contains(digit)) {
            finishGather(Outcome.Gathered.Reason.TERMINATOR);
            return;
        }
        gather.digits().append(digit);
        if (gather.digits().length() >= request.maxDigits()) {
            finishGather(Outcome.Gathered.Reason.MAX_DIGITS);
        }
    }

    private void finishGather(Outcome.Gathered.Reason reason) {
        timers.cancel("gather");
        gather.request().replyTo().tell(new Outcome.Gathered(gather.digits().toString(), reason));
        gather = null;
    }

    private Behavior<Command> onGatherTimedOut(GatherTimedOut timedOut) {
        if (gather != null && gather.number() == timedOut.gatherNumber()) {
            finishGather(Outcome.Gathered.Reason.TIMEOUT);
        }
        return Behaviors.same();
    }

    private Behavior<Command> onDialOut(DialOut dial) {
        if (refuseIfEnded(dial.replyTo())) {
            return Behaviors.same();
        }
        String peerId = ClientIds.next();
        dialledPeers.add(peerId);
        execute(AriCommand.of(channels.create(dial.endpoint(), app).channelId(peerId).appArgs(FlowRegistry.PEER_ARG)),
                new Pending.PeerCreated(peerId, dial.timeout(), dial.replyTo()));
        return Behaviors.same();
    }

    private Behavior<Command> onDialFrom(DialFrom dial) {
        dialReportTo = dial.replyTo();
        dialProgress.clear();
        execute(AriCommand.of(channels.dial(channelId).caller(dial.callerChannelId())
                        .timeout(dial.timeout() == null ? null : (int) Math.max(1, dial.timeout().toSeconds()))),
                new Pending.DialStarted(dial.replyTo()));
        return Behaviors.same();
    }

    private void onDial(Dial dial) {
        if (dialReportTo == null || dial.peer() == null || !channelId.equals(dial.peer().id())) {
            return;
        }
        String status = dial.dialstatus() == null ? "" : dial.dialstatus();
        if (!status.isEmpty()) {
            dialProgress.add(status);
        }
        switch (status) {
            case "ANSWER" -> reportDial(Outcome.Dialed.DialStatus.ANSWER);
            case "BUSY", "CONGESTION", "CHANUNAVAIL", "NOANSWER", "CANCEL" -> {
                Outcome.Dialed.DialStatus result = switch (status) {
                    case "BUSY" -> Outcome.Dialed.DialStatus.BUSY;
                    case "NOANSWER" -> Outcome.Dialed.DialStatus.NOANSWER;
                    case "CANCEL" -> Outcome.Dialed.DialStatus.CANCEL;
                    default -> Outcome.Dialed.DialStatus.CONGESTION;
                };
                reportDial(result);
                // Asterisk keeps a failed dialled channel in the application: it is of no more use
                execute(new ChannelAction.Hangup(null).command(channels, channelId), new Pending.Ignore());
            }
            default -> {
            }
        }
    }

    private void reportDial(Outcome.Dialed.DialStatus status) {
        dialReportTo.tell(new Outcome.Dialed(status, channelId, List.copyOf(dialProgress)));
        dialReportTo = null;
    }

    private Behavior<Command> onBridgeWith(BridgeWith bridge) {
        if (refuseIfEnded(bridge.replyTo())) {
            return Behaviors.same();
        }
        String bridgeId = ClientIds.next();
        ClusterSharding.get(context.getSystem())
                .entityRefFor(BridgeEntity.TYPE_KEY, EntityIds.of(asteriskId, bridgeId))
                .tell(new BridgeEntity.Join("mixing", List.of(channelId, bridge.otherChannelId()), bridge.replyTo()));
        return Behaviors.same();
    }

    // ---- commands through the gateway ----

    private void execute(AriCommand command, Pending pending) {
        commandsInFlight++;
        GatewayCommands.execute(context, asteriskId, command, result -> new CommandAnswered(pending, result));
    }

    /**
     * After ChannelDestroyed the entity stops, but not before the commands it sent are answered: Asterisk may
     * report the hang-up before its answer to the DELETE that caused it, and the asker waits for that answer.
     * GatewayCommands answers every command within the command timeout, so this waits at most that long.
     */
    private Behavior<Command> stopWhenAnswered() {
        destroyed = true;
        return commandsInFlight == 0 ? Behaviors.stopped() : Behaviors.same();
    }

    private Behavior<Command> onCommandAnswered(CommandAnswered answered) {
        commandsInFlight--;
        answerCommand(answered);
        return destroyed && commandsInFlight == 0 ? Behaviors.stopped() : Behaviors.same();
    }

    private void answerCommand(CommandAnswered answered) {
        CommandResult result = answered.result();
        CommandResult.Failed failed = result instanceof CommandResult.Failed f ? f : null;
        Outcome failure = failed == null ? null
                : new Outcome.Failed(Outcome.Failed.Reason.COMMAND_FAILED, failed, failed.toException().getMessage());
        Pending pending = answered.pending();
        if (pending instanceof Pending.Action action) {
            action.replyTo().tell(failure != null ? failure : new Outcome.Done());
        } else if (pending instanceof Pending.PlayStarted started && failure != null) {
            PendingPlay play = plays.remove(started.playbackId());
            if (play != null) {
                play.replyTo().tell(failure);
            }
        } else if (pending instanceof Pending.RecordStarted started && failure != null) {
            ActorRef<Outcome> replyTo = recordings.remove(started.name());
            if (replyTo != null) {
                replyTo.tell(failure);
            }
        } else if (pending instanceof Pending.PeerCreated created) {
            if (failure != null) {
                dialledPeers.remove(created.peerId());
                created.replyTo().tell(failure);
            } else {
                relayDial(created.peerId(), created.timeout(), created.replyTo());
            }
        } else if (pending instanceof Pending.DialStarted started && failure != null && dialReportTo != null) {
            dialReportTo = null;
            started.replyTo().tell(failure);
        } else if (pending instanceof Pending.PlaybackCheck check && failed != null && failed.status() == 404) {
            // it finished while events were lost
            PendingPlay play = plays.remove(check.playbackId());
            if (play != null) {
                play.replyTo().tell(new Outcome.Played(Outcome.Played.Status.FINISHED, null));
            }
        } else if (pending instanceof Pending.RecordingCheck check && failed != null && failed.status() == 404) {
            ActorRef<Outcome> replyTo = recordings.remove(check.name());
            if (replyTo != null) {
                replyTo.tell(new Outcome.Recorded(check.name(), null, false));
            }
        } else if (pending instanceof Pending.Ignore && failure != null && failed.status() != 404) {
            context.getLog().debug("{}: {}", entityId, failure);
        }
    }

    /** Dial results pass through the caller's entity so that it knows the peer is no longer being dialled. */
    private void relayDial(String peerId, Duration timeout, ActorRef<Outcome> replyTo) {
        Duration bound = (timeout == null ? Duration.ofMinutes(5) : timeout).plusSeconds(30);
        context.ask(Outcome.class, peer(peerId), bound, relay -> new DialFrom(channelId, timeout, relay),
                (outcome, failure) -> new DialRelayed(peerId, replyTo, outcome != null ? outcome
                        : new Outcome.Failed(Outcome.Failed.Reason.COMMAND_FAILED, null,
                        "no dial result from " + peerId)));
    }

    private Behavior<Command> onDialRelayed(DialRelayed relayed) {
        dialledPeers.remove(relayed.peerId());
        relayed.replyTo().tell(relayed.outcome());
        return Behaviors.same();
    }

    private Behavior<Command> onCancelDialsExcept(CancelDialsExcept cancel) {
        for (String other : dialledPeers) {
            if (!other.equals(cancel.keepPeerId())) {
                peer(other).tell(new Perform(new ChannelAction.Hangup("answered_elsewhere"),
                        context.getSystem().ignoreRef()));
            }
        }
        return Behaviors.same();
    }

    private org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef<Command> peer(String peerId) {
        return ClusterSharding.get(context.getSystem()).entityRefFor(TYPE_KEY, EntityIds.of(asteriskId, peerId));
    }
}
