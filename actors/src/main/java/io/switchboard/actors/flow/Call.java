package io.switchboard.actors.flow;

import io.switchboard.actors.SwitchboardActors;
import io.switchboard.actors.channel.ChannelAction;
import io.switchboard.actors.channel.ChannelEntity;
import io.switchboard.actors.channel.Outcome;
import io.switchboard.ari.events.AriEvent;
import io.switchboard.ari.events.ChannelDtmfReceived;
import io.switchboard.ari.json.AriTimestamps;
import io.switchboard.ari.model.Channel;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * A call as its flow sees it. Every operation returns a stage that completes when Asterisk has done it:
 * {@link #play} when the playback finished, {@link #gather} when the digits are in, {@link #dial} when the
 * far end answered or gave up. A stage fails with {@link CallEndedException} if the caller hangs up first, or
 * with an {@link io.switchboard.ari.rest.AriException} if Asterisk refuses the command.
 *
 * <pre>{@code
 * call.answer()
 *     .thenCompose(x -> call.play("sound:hello-world"))
 *     .thenCompose(x -> call.gather(Gather.digits(4).terminator("#")))
 *     .thenCompose(digits -> call.sayDigits(digits))
 * }</pre>
 */
public final class Call {
    private static final Duration LONG = Duration.ofHours(4);

    private final ActorSystem<?> system;
    private final String asteriskId;
    private final String channelId;
    private final Channel channel;
    private final String app;
    private final List<String> args;
    private final boolean resumed;
    private final String enteredAt;
    private final ActorRef<ChannelEntity.Command> entity;
    private final Duration commandTimeout;
    private final CompletableFuture<String> ended = new CompletableFuture<>();
    private final List<Consumer<String>> dtmfListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<AriEvent>> eventListeners = new CopyOnWriteArrayList<>();

    public Call(ActorSystem<?> system, String asteriskId, String channelId, Channel channel, String app,
                List<String> args, boolean resumed, String enteredAt, ActorRef<ChannelEntity.Command> entity) {
        this.system = system;
        this.asteriskId = asteriskId;
        this.channelId = channelId;
        this.channel = channel;
        this.app = app;
        this.args = args;
        this.resumed = resumed;
        this.enteredAt = enteredAt;
        this.entity = entity;
        this.commandTimeout = SwitchboardActors.get(system).settings().commandTimeout();
    }

    public String asteriskId() {
        return asteriskId;
    }

    /** The node's actor system, for the extensions a flow uses ({@code SwitchboardConferences.get(call.system())}). */
    public ActorSystem<?> system() {
        return system;
    }

    public String channelId() {
        return channelId;
    }

    /** The channel as it was when it entered the application. */
    public Channel channel() {
        return channel;
    }

    /** The caller's number (may be empty). */
    public String callerNumber() {
        return channel == null || channel.caller() == null || channel.caller().number() == null ? ""
                : channel.caller().number();
    }

    public String app() {
        return app;
    }

    /** The arguments of {@code Stasis(app, args...)}. */
    public List<String> args() {
        return args;
    }

    /** True when this flow was started for a call found in the application after a reconnect or failover. */
    public boolean resumed() {
        return resumed;
    }

    /**
     * When the channel entered the application, by Asterisk's clock (its StasisStart's timestamp, to the
     * millisecond); empty for a {@link #resumed} call, whose entry this node did not see.
     */
    public Optional<Instant> enteredAt() {
        return AriTimestamps.parse(enteredAt);
    }

    // ---- one-shot actions ----

    public CompletionStage<Void> answer() {
        return perform(new ChannelAction.Answer());
    }

    /** Makes the caller hear ringing (before answer). */
    public CompletionStage<Void> ring() {
        return perform(new ChannelAction.Ring());
    }

    public CompletionStage<Void> stopRinging() {
        return perform(new ChannelAction.StopRinging());
    }

    public CompletionStage<Void> hold() {
        return perform(new ChannelAction.Hold());
    }

    public CompletionStage<Void> unhold() {
        return perform(new ChannelAction.Unhold());
    }

    /** Music on hold of {@code mohClass} (null for Asterisk's default class). */
    public CompletionStage<Void> startMusicOnHold(String mohClass) {
        return perform(new ChannelAction.StartMoh(mohClass));
    }

    public CompletionStage<Void> stopMusicOnHold() {
        return perform(new ChannelAction.StopMoh());
    }

    public CompletionStage<Void> sendDtmf(String digits) {
        return perform(new ChannelAction.SendDtmf(digits));
    }

    public CompletionStage<Void> setVariable(String name, String value) {
        return perform(new ChannelAction.SetVariable(name, value));
    }

    public CompletionStage<Void> hangup() {
        return perform(new ChannelAction.Hangup(null));
    }

    /** {@code reason}: normal, busy, congestion, no_answer, answered_elsewhere... */
    public CompletionStage<Void> hangup(String reason) {
        return perform(new ChannelAction.Hangup(reason));
    }

    /** Hands the call back to the dialplan (null parts keep the current context, extension, priority + 1). */
    public CompletionStage<Void> continueInDialplan(String context, String extension, Integer priority) {
        return perform(new ChannelAction.ContinueInDialplan(context, extension, priority));
    }

    public CompletionStage<Void> perform(ChannelAction action) {
        return ask(replyTo -> new ChannelEntity.Perform(action, replyTo), commandTimeout.multipliedBy(2))
                .thenApply(outcome -> null);
    }

    // ---- operations that wait for events ----

    /** Plays media (e.g. {@code sound:hello-world}, {@code digits:123}) one after the other, to the end. */
    public CompletionStage<Outcome.Played> play(String... media) {
        return play(Playback.of(media));
    }

    public CompletionStage<Outcome.Played> play(Playback playback) {
        return ask(replyTo -> new ChannelEntity.Play(playback.media(), playback.stopDigits(), playback.language(),
                replyTo), LONG).thenApply(o -> (Outcome.Played) o);
    }

    /** Says a number digit by digit. */
    public CompletionStage<Outcome.Played> sayDigits(String digits) {
        return play("digits:" + digits);
    }

    public CompletionStage<Outcome.Recorded> record(Recording recording) {
        Duration timeout = recording.maxDuration() == null ? LONG : recording.maxDuration().plusMinutes(1);
        return ask(replyTo -> new ChannelEntity.Record(recording.name(), recording.format(),
                recording.maxDuration() == null ? null : (int) recording.maxDuration().toSeconds(),
                recording.maxSilence() == null ? null : (int) recording.maxSilence().toSeconds(), recording.beep(),
                recording.terminateOn(), recording.ifExists(), replyTo), timeout)
                .thenApply(o -> (Outcome.Recorded) o);
    }

    /** Collects digits the caller types; the stage completes with them (possibly empty on a timeout). */
    public CompletionStage<String> gather(Gather gather) {
        Duration bound = gather.firstDigitTimeout().plus(gather.interDigitTimeout().multipliedBy(gather.maxDigits()))
                .plusSeconds(30);
        return ask(replyTo -> new ChannelEntity.Gather(gather.maxDigits(), gather.terminators(),
                gather.firstDigitTimeout(), gather.interDigitTimeout(), replyTo), bound)
                .thenApply(o -> ((Outcome.Gathered) o).digits());
    }

    /** Dials an endpoint (e.g. {@code PJSIP/agent1}) on this call's behalf. */
    public CompletionStage<Outcome.Dialed> dial(String endpoint, Duration timeout) {
        return ask(replyTo -> new ChannelEntity.DialOut(endpoint, timeout, callerNumber(), replyTo),
                timeout.plus(commandTimeout.multipliedBy(3))).thenApply(o -> (Outcome.Dialed) o);
    }

    /** Puts this call and another channel of the same Asterisk (e.g. a dialled peer) in a mixing bridge. */
    public CompletionStage<Outcome.Bridged> bridgeWith(String otherChannelId) {
        return ask(replyTo -> new ChannelEntity.BridgeWith(otherChannelId, replyTo), commandTimeout.multipliedBy(4))
                .thenApply(o -> (Outcome.Bridged) o);
    }

    /** Another channel of this call's Asterisk, e.g. {@code call.leg(dialed.peerChannelId())}. */
    public Leg leg(String otherChannelId) {
        return new Leg(system, asteriskId, otherChannelId);
    }

    /**
     * Completes when either this call or {@code other} ends, having hung up whichever is still there: the
     * usual end of a two-party conversation.
     */
    public CompletionStage<Void> untilEitherHangsUp(Leg other) {
        CompletableFuture<Void> first = new CompletableFuture<>();
        ended().thenRun(() -> first.complete(null));
        other.ended().thenRun(() -> first.complete(null));
        return first.thenCompose(x -> other.hangup().exceptionally(gone -> null))
                .thenCompose(x -> isEnded() ? CompletableFuture.<Void>completedFuture(null)
                        : hangup().exceptionally(gone -> null));
    }

    // ---- what happens to the call ----

    /** Completes (with the reason) when the call is over for this application. */
    public CompletionStage<String> ended() {
        return ended;
    }

    public boolean isEnded() {
        return ended.isDone();
    }

    /** Runs {@code listener} for every digit the caller presses, on the entity's thread: keep it short. */
    public void onDtmf(Consumer<String> listener) {
        dtmfListeners.add(listener);
    }

    /** Runs {@code listener} for every ARI event of this channel, on the entity's thread: keep it short. */
    public void onEvent(Consumer<AriEvent> listener) {
        eventListeners.add(listener);
    }

    /** Called by the entity. */
    public void deliver(AriEvent event) {
        eventListeners.forEach(l -> l.accept(event));
        if (event instanceof ChannelDtmfReceived dtmf) {
            dtmfListeners.forEach(l -> l.accept(dtmf.digit()));
        }
    }

    /** Called by the entity. */
    public void end(String reason) {
        ended.complete(reason);
    }

    private CompletionStage<Outcome> ask(Function<ActorRef<Outcome>, ChannelEntity.Command> message,
                                         Duration timeout) {
        return AskPattern.<ChannelEntity.Command, Outcome>ask(entity, message::apply, timeout, system.scheduler())
                .thenApply(outcome -> {
                    if (outcome instanceof Outcome.Failed failed) {
                        throw failed.reason() == Outcome.Failed.Reason.CALL_ENDED
                                ? new CallEndedException(failed.message())
                                : failed.command() != null ? failed.command().toException()
                                : new IllegalStateException(failed.message());
                    }
                    return outcome;
                });
    }

    @Override
    public String toString() {
        return "Call[" + asteriskId + "/" + channelId + " in " + app + " " + args + "]";
    }
}
