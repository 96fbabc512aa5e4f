package io.switchboard.simulator.playback;

import io.switchboard.ari.model.Playback;
import io.switchboard.simulator.clock.SimTimer;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** One play request: its media list, position in it and the timer of the media now playing. */
final class SimPlayback {
    final String id;
    final List<String> media;
    final String targetUri;
    final String language;
    int index;
    String state = "queued";
    SimTimer timer = SimTimer.NONE;
    Duration remaining = Duration.ZERO;
    Instant startedAt;
    final long skipMs;

    SimPlayback(String id, List<String> media, String targetUri, String language, long skipMs) {
        this.id = id;
        this.media = media;
        this.targetUri = targetUri;
        this.language = language;
        this.skipMs = skipMs;
    }

    String current() {
        return media.get(index);
    }

    Playback toModel() {
        String next = index + 1 < media.size() ? media.get(index + 1) : null;
        return new Playback(id, current(), next, targetUri, language, state);
    }
}
