package io.switchboard.actors.channel;

import io.switchboard.ari.events.PlaybackFinished;
import io.switchboard.ari.events.RecordingFailed;
import io.switchboard.ari.events.RecordingFinished;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The playbacks and recordings of a channel that wait for the event that ends them, and who asked for each.
 * Whatever ends one (its event, a digit, a refusal, a check after a reconnect, the call's end) answers its asker
 * once and forgets it.
 */
final class MediaInProgress {
    private record Play(String stopDigits, ActorRef<Outcome> replyTo) {
    }

    // made when first needed (a node holds thousands of calls, most of them playing nothing at a given moment);
    // read, and emptied, through take and the methods below
    private Map<String, Play> plays = Map.of();
    private Map<String, ActorRef<Outcome>> recordings = Map.of();

    void playing(String playbackId, String stopDigits, ActorRef<Outcome> replyTo) {
        if (plays.isEmpty()) {
            plays = new HashMap<>();
        }
        plays.put(playbackId, new Play(stopDigits == null ? "" : stopDigits, replyTo));
    }

    void recording(String name, ActorRef<Outcome> replyTo) {
        if (recordings.isEmpty()) {
            recordings = new HashMap<>();
        }
        recordings.put(name, replyTo);
    }

    /** Removes and answers the entry of {@code key}, or null (a call that never had one has an immutable empty map). */
    private static <V> V take(Map<String, V> entries, String key) {
        return entries.isEmpty() ? null : entries.remove(key);
    }

    List<String> playbackIds() {
        return List.copyOf(plays.keySet());
    }

    List<String> recordingNames() {
        return List.copyOf(recordings.keySet());
    }

    void finished(PlaybackFinished finished) {
        Play play = take(plays, finished.playback().id());
        if (play != null) {
            boolean failed = "failed".equals(finished.playback().state());
            play.replyTo().tell(new Outcome.Played(failed ? Outcome.Played.Status.FAILED
                    : Outcome.Played.Status.FINISHED, null));
        }
    }

    void finished(RecordingFinished finished) {
        ActorRef<Outcome> replyTo = take(recordings, finished.recording().name());
        if (replyTo != null) {
            replyTo.tell(new Outcome.Recorded(finished.recording().name(), finished.recording().duration(),
                    "canceled".equals(finished.recording().state())));
        }
    }

    void failed(RecordingFailed failed) {
        ActorRef<Outcome> replyTo = take(recordings, failed.recording().name());
        if (replyTo != null) {
            replyTo.tell(new Outcome.Failed(Outcome.Failed.Reason.COMMAND_FAILED, null,
                    "recording failed: " + failed.recording().cause()));
        }
    }

    /** The playback that {@code digit} interrupts, if one may be: its asker is answered, the caller stops it. */
    Optional<String> interruptedBy(String digit) {
        for (Map.Entry<String, Play> entry : plays.entrySet()) {
            if (entry.getValue().stopDigits().contains(digit)) {
                take(plays, entry.getKey());
                entry.getValue().replyTo().tell(new Outcome.Played(Outcome.Played.Status.INTERRUPTED, digit));
                return Optional.of(entry.getKey());
            }
        }
        return Optional.empty();
    }

    /** Asterisk refused to start the playback. */
    void playRefused(String playbackId, Outcome refusal) {
        Play play = take(plays, playbackId);
        if (play != null) {
            play.replyTo().tell(refusal);
        }
    }

    /** Asterisk refused to start the recording. */
    void recordingRefused(String name, Outcome refusal) {
        ActorRef<Outcome> replyTo = take(recordings, name);
        if (replyTo != null) {
            replyTo.tell(refusal);
        }
    }

    /** Asterisk no longer knows the playback: it finished while events were lost. */
    void playbackGone(String playbackId) {
        Play play = take(plays, playbackId);
        if (play != null) {
            play.replyTo().tell(new Outcome.Played(Outcome.Played.Status.FINISHED, null));
        }
    }

    /** Asterisk no longer records it live: it finished (and was stored) while events were lost. */
    void recordingGone(String name) {
        ActorRef<Outcome> replyTo = take(recordings, name);
        if (replyTo != null) {
            replyTo.tell(new Outcome.Recorded(name, null, false));
        }
    }

    void failPlays(Outcome failure) {
        plays.values().forEach(p -> p.replyTo().tell(failure));
        plays = Map.of();
    }

    void failRecordings(String why) {
        Outcome failed = new Outcome.Failed(Outcome.Failed.Reason.CALL_ENDED, null, why);
        recordings.values().forEach(r -> r.tell(failed));
        recordings = Map.of();
    }
}
