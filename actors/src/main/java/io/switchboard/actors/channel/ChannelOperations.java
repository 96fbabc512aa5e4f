package io.switchboard.actors.channel;

import io.switchboard.actors.bridge.BridgeEntity;
import io.switchboard.actors.gateway.AriCommand;
import io.switchboard.actors.gateway.CommandResult;
import io.switchboard.actors.gateway.EntityIds;
import io.switchboard.actors.serialization.LocalOnly;
import io.switchboard.actors.time.Timers;
import io.switchboard.ari.events.AriEvent;
import io.switchboard.ari.events.ChannelDtmfReceived;
import io.switchboard.ari.events.PlaybackFinished;
import io.switchboard.ari.events.RecordingFailed;
import io.switchboard.ari.events.RecordingFinished;
import io.switchboard.ari.rest.ChannelsApi;
import io.switchboard.ari.rest.ClientIds;
import io.switchboard.ari.rest.PlaybacksApi;
import io.switchboard.ari.rest.RecordingsApi;
import java.util.List;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * What a {@link ChannelEntity} does on its call's behalf, apart from dialling: one-shot actions, playbacks,
 * recordings, gathering digits and bridging. It runs inside the entity's actor, which hands it the operations
 * and events that concern it.
 */
final class ChannelOperations {
    private static final String GATHER_TIMEOUT = "gather";

    /** The timeout of gather number {@code gather} ran out. */
    record GatherTimedOut(long gather) implements ChannelEntity.Command, LocalOnly {
    }

    private final ActorSystem<?> system;
    private final Timers<ChannelEntity.Command> timers;
    private final CommandsInFlight commands;
    private final String asteriskId;
    private final String channelId;
    /** Builds requests only: the gateway sends them. */
    private static final ChannelsApi CHANNELS = new ChannelsApi(null);
    /** Builds requests only: the gateway sends them. */
    private static final PlaybacksApi PLAYBACKS = new PlaybacksApi(null);
    private final MediaInProgress media = new MediaInProgress();
    private final DigitCollector digits = new DigitCollector();

    ChannelOperations(ActorSystem<?> system, Timers<ChannelEntity.Command> timers, CommandsInFlight commands,
                      String asteriskId, String channelId) {
        this.system = system;
        this.timers = timers;
        this.commands = commands;
        this.asteriskId = asteriskId;
        this.channelId = channelId;
    }

    void perform(ChannelEntity.Perform perform) {
        commands.execute(perform.action().command(CHANNELS, channelId), new PendingCommand.Action(perform.replyTo()));
    }

    void play(ChannelEntity.Play play) {
        String playbackId = ClientIds.next();
        media.playing(playbackId, play.stopDigits(), play.replyTo());
        commands.execute(AriCommand.of(CHANNELS.play(channelId, play.media().toArray(new String[0]))
                .playbackId(playbackId).lang(play.language())), new PendingCommand.PlayStarted(playbackId));
    }

    void record(ChannelEntity.Record record) {
        media.recording(record.name(), record.replyTo());
        commands.execute(AriCommand.of(CHANNELS.record(channelId, record.name(), record.format() == null ? "wav"
                        : record.format()).maxDurationSeconds(record.maxDurationSeconds())
                        .maxSilenceSeconds(record.maxSilenceSeconds()).beep(record.beep())
                        .terminateOn(record.terminateOn()).ifExists(record.ifExists())),
                new PendingCommand.RecordStarted(record.name()));
    }

    void gather(ChannelEntity.Gather request) {
        digits.start(request);
        restartGatherTimeout();
    }

    void gatherTimedOut(GatherTimedOut timedOut) {
        digits.timedOut(timedOut.gather());
    }

    void bridgeWith(ChannelEntity.BridgeWith bridge) {
        String bridgeId = ClientIds.next();
        ClusterSharding.get(system)
                .entityRefFor(BridgeEntity.TYPE_KEY, EntityIds.of(asteriskId, bridgeId))
                .tell(new BridgeEntity.Join("mixing", List.of(channelId, bridge.otherChannelId()), bridge.replyTo()));
    }

    /** The events that end playbacks and recordings, and the caller's digits. */
    void onEvent(AriEvent event) {
        if (event instanceof ChannelDtmfReceived dtmf) {
            onDtmf(dtmf.digit());
        } else if (event instanceof PlaybackFinished finished) {
            media.finished(finished);
        } else if (event instanceof RecordingFinished finished) {
            media.finished(finished);
        } else if (event instanceof RecordingFailed failed) {
            media.failed(failed);
        }
    }

    private void onDtmf(String digit) {
        var interrupted = media.interruptedBy(digit);
        if (interrupted.isPresent()) {
            commands.execute(AriCommand.of(PLAYBACKS.stop(interrupted.get())), new PendingCommand.Ignore());
            return;
        }
        digits.press(digit);
        restartGatherTimeout();
    }

    /** After every step of a gather, its timeout runs afresh (or stops, when the gather is over). */
    private void restartGatherTimeout() {
        digits.deadline().ifPresentOrElse(
                deadline -> timers.startSingleTimer(GATHER_TIMEOUT, new GatherTimedOut(deadline.gather()),
                        deadline.in()),
                () -> timers.cancel(GATHER_TIMEOUT));
    }

    /** After a reconnect: asks Asterisk whether what this channel waits for is still going. */
    void resync() {
        media.playbackIds().forEach(id -> commands.execute(AriCommand.of(PLAYBACKS.get(id)),
                new PendingCommand.PlaybackCheck(id)));
        media.recordingNames().forEach(name -> commands.execute(AriCommand.of(new RecordingsApi(null).getLive(name)),
                new PendingCommand.RecordingCheck(name)));
    }

    /** The call ended: playbacks and the gather fail; a recording outlives it (Asterisk still stores it). */
    void callEnded(Outcome failure) {
        media.failPlays(failure);
        digits.abandon(failure);
    }

    /** No result will come for the recordings still waiting. */
    void failRecordings(String why) {
        media.failRecordings(why);
    }

    /** Handles the gateway's answer to one of its commands; false when the command was not one of these. */
    boolean answered(PendingCommand pending, CommandResult result, Outcome failure) {
        CommandResult.Failed failed = result instanceof CommandResult.Failed f ? f : null;
        if (pending instanceof PendingCommand.Action action) {
            action.replyTo().tell(failure != null ? failure : new Outcome.Done());
        } else if (pending instanceof PendingCommand.PlayStarted started) {
            if (failure != null) {
                media.playRefused(started.playbackId(), failure);
            }
        } else if (pending instanceof PendingCommand.RecordStarted started) {
            if (failure != null) {
                media.recordingRefused(started.name(), failure);
            }
        } else if (pending instanceof PendingCommand.PlaybackCheck check) {
            // not found: it finished while events were lost
            if (failed != null && failed.status() == 404) {
                media.playbackGone(check.playbackId());
            }
        } else if (pending instanceof PendingCommand.RecordingCheck check) {
            if (failed != null && failed.status() == 404) {
                media.recordingGone(check.name());
            }
        } else {
            return false;
        }
        return true;
    }
}
