package io.switchboard.simulator.playback;

import io.switchboard.ari.events.AriEvent;
import io.switchboard.ari.events.PlaybackContinuing;
import io.switchboard.ari.events.PlaybackFinished;
import io.switchboard.ari.events.PlaybackStarted;
import io.switchboard.ari.model.Playback;
import io.switchboard.simulator.state.AriError;
import io.switchboard.simulator.state.AsteriskState;
import io.switchboard.simulator.state.SimBridge;
import io.switchboard.simulator.state.SimChannel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Playbacks on channels and bridges. Plays on one target queue behind each other; the answer to a play is
 * {@code queued} and PlaybackStarted follows. A media of an unknown sound fails; an unknown scheme starts
 * and then silently vanishes (as Asterisk 22 does).
 */
public final class Playbacks {
    private static final Duration PER_CHARACTER = Duration.ofMillis(600);
    private static final Duration TONE = Duration.ofHours(1);

    private final AsteriskState ast;
    private final MediaDurations durations;
    private final Function<String, Optional<Duration>> storedRecordings;
    private final Map<String, Deque<SimPlayback>> queues = new HashMap<>();
    private final Map<String, List<SimPlayback>> byId = new LinkedHashMap<>();
    private final List<java.util.function.BiConsumer<String, Boolean>> bridgeAnnouncer = new ArrayList<>();

    public Playbacks(AsteriskState ast, MediaDurations durations, Function<String, Optional<Duration>> storedRecordings) {
        this.ast = ast;
        this.durations = durations;
        this.storedRecordings = storedRecordings;
    }

    /** Told with the bridge id and true when a bridge playback starts (an announcer joins), false when it ends. */
    public void onBridgeAnnouncer(java.util.function.BiConsumer<String, Boolean> listener) {
        bridgeAnnouncer.add(listener);
    }

    /**
     * Queues a play. The answer is {@code queued}, except when nothing is ahead of it and Asterisk starts it
     * before answering: a recording always, and {@code startsBeforeAnswer} targets (as the captures show).
     */
    public Playback play(String targetUri, String media, String lang, String playbackId, Long skipMs,
                         boolean startsBeforeAnswer) {
        if (media == null || media.isBlank()) {
            throw AriError.badRequest("Missing parameter media");
        }
        String id = playbackId != null ? playbackId : java.util.UUID.randomUUID().toString();
        List<String> list = Arrays.stream(media.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        SimPlayback pb = new SimPlayback(id, list, targetUri, lang == null ? "en" : lang, skipMs == null ? 3000 : skipMs);
        byId.computeIfAbsent(id, k -> new ArrayList<>()).add(pb);
        Deque<SimPlayback> queue = queues.computeIfAbsent(targetUri, k -> new ArrayDeque<>());
        queue.add(pb);
        Playback answer = pb.toModel();
        if (queue.size() == 1 && (startsBeforeAnswer || pb.current().startsWith("recording:"))) {
            answer = new Playback(answer.id(), answer.mediaUri(), answer.nextMediaUri(), answer.targetUri(),
                    answer.language(), "playing");
        }
        if (queue.size() == 1) {
            ast.clock.schedule(Duration.ZERO, () -> start(pb));
        }
        return answer;
    }

    /** Playbacks known by id plus targets with a queue: both zero when nothing plays. */
    public int live() {
        return byId.values().stream().mapToInt(List::size).sum() + queues.size();
    }

    public Playback get(String id) {
        return find(id).toModel();
    }

    public void stop(String id) {
        SimPlayback pb = find(id);
        pb.timer.cancel();
        if ("queued".equals(pb.state)) {
            forget(pb);
            queues.getOrDefault(pb.targetUri, new ArrayDeque<>()).remove(pb);
            return;
        }
        finish(pb, "done");
    }

    public void control(String id, String operation) {
        SimPlayback pb = find(id);
        if (operation == null) {
            throw AriError.badRequest("Missing operation");
        }
        switch (operation) {
            case "pause" -> {
                if ("playing".equals(pb.state)) {
                    pb.timer.cancel();
                    pb.remaining = pb.remaining.minus(Duration.between(pb.startedAt, ast.clock.now()));
                    pb.state = "paused";
                }
            }
            case "unpause" -> {
                if ("paused".equals(pb.state)) {
                    pb.state = "playing";
                    emit(pb, PlaybackStarted::new);
                    resume(pb, pb.remaining);
                }
            }
            case "restart" -> {
                if ("playing".equals(pb.state)) {
                    pb.timer.cancel();
                    resume(pb, mediaDuration(pb.current()).orElse(Duration.ZERO));
                }
            }
            case "forward", "reverse" -> {
                if ("playing".equals(pb.state)) {
                    pb.timer.cancel();
                    Duration left = pb.remaining.minus(Duration.between(pb.startedAt, ast.clock.now()));
                    Duration skip = Duration.ofMillis(pb.skipMs);
                    Duration full = mediaDuration(pb.current()).orElse(Duration.ZERO);
                    Duration next = "forward".equals(operation) ? left.minus(skip) : left.plus(skip);
                    next = next.isNegative() ? Duration.ZERO : next.compareTo(full) > 0 ? full : next;
                    resume(pb, next);
                }
            }
            default -> throw AriError.badRequest("Invalid operation " + operation);
        }
    }

    /** The target (channel or bridge) is gone: its playbacks end. */
    public void targetGone(String targetUri) {
        Deque<SimPlayback> queue = queues.remove(targetUri);
        if (queue == null) {
            return;
        }
        for (SimPlayback pb : queue) {
            pb.timer.cancel();
            forget(pb);
            if ("playing".equals(pb.state) || "paused".equals(pb.state)) {
                pb.state = "done";
                emit(pb, PlaybackFinished::new);
            }
        }
    }

    private void start(SimPlayback pb) {
        if (!isQueued(pb)) {
            return;
        }
        pb.state = "playing";
        if (pb.targetUri.startsWith("bridge:") && pb.index == 0) {
            bridgeAnnouncer.forEach(l -> l.accept(pb.targetUri.substring("bridge:".length()), true));
        }
        emit(pb, PlaybackStarted::new);
        String media = pb.current();
        int colon = media.indexOf(':');
        String scheme = colon < 0 ? "" : media.substring(0, colon);
        if (!List.of("sound", "recording", "number", "digits", "characters", "tone").contains(scheme)) {
            // Asterisk 22 drops such a playback without PlaybackFinished
            forget(pb);
            removeAndNext(pb);
            return;
        }
        Optional<Duration> length = mediaDuration(media);
        if (length.isEmpty()) {
            finish(pb, "failed");
            return;
        }
        resume(pb, length.get());
    }

    private void resume(SimPlayback pb, Duration length) {
        pb.remaining = length;
        pb.startedAt = ast.clock.now();
        pb.timer = ast.clock.schedule(length, () -> mediaEnded(pb));
    }

    private void mediaEnded(SimPlayback pb) {
        if (pb.index + 1 < pb.media.size()) {
            pb.state = "continuing";
            emit(pb, PlaybackContinuing::new);
            pb.index++;
            pb.state = "playing";
            emit(pb, PlaybackStarted::new);
            Optional<Duration> length = mediaDuration(pb.current());
            if (length.isEmpty()) {
                finish(pb, "failed");
                return;
            }
            resume(pb, length.get());
            return;
        }
        finish(pb, "done");
    }

    private void finish(SimPlayback pb, String state) {
        pb.timer.cancel();
        pb.state = state;
        forget(pb);
        emit(pb, PlaybackFinished::new);
        if (pb.targetUri.startsWith("bridge:")) {
            bridgeAnnouncer.forEach(l -> l.accept(pb.targetUri.substring("bridge:".length()), false));
        }
        removeAndNext(pb);
    }

    private void removeAndNext(SimPlayback pb) {
        Deque<SimPlayback> queue = queues.get(pb.targetUri);
        if (queue == null) {
            return;
        }
        queue.remove(pb);
        SimPlayback next = queue.peek();
        if (next == null) {
            queues.remove(pb.targetUri);
        } else {
            ast.clock.schedule(Duration.ZERO, () -> start(next));
        }
    }

    private boolean isQueued(SimPlayback pb) {
        Deque<SimPlayback> queue = queues.get(pb.targetUri);
        return queue != null && queue.peek() == pb && "queued".equals(pb.state);
    }

    private Optional<Duration> mediaDuration(String media) {
        int colon = media.indexOf(':');
        String scheme = colon < 0 ? "" : media.substring(0, colon);
        String what = media.substring(colon + 1);
        return switch (scheme) {
            case "sound" -> durations.soundDuration(what);
            case "recording" -> storedRecordings.apply(what);
            case "number", "digits", "characters" -> Optional.of(PER_CHARACTER.multipliedBy(Math.max(1, what.length())));
            case "tone" -> Optional.of(TONE);
            default -> Optional.empty();
        };
    }

    private SimPlayback find(String id) {
        List<SimPlayback> list = byId.get(id);
        if (list == null || list.isEmpty()) {
            throw AriError.notFound("Playback not found");
        }
        return list.stream().filter(p -> !"queued".equals(p.state)).findFirst().orElse(list.get(0));
    }

    private void forget(SimPlayback pb) {
        List<SimPlayback> list = byId.get(pb.id);
        if (list != null) {
            list.remove(pb);
            if (list.isEmpty()) {
                byId.remove(pb.id);
            }
        }
    }

    private interface EventMaker {
        AriEvent make(String asteriskId, String app, String timestamp, Playback playback);
    }

    private void emit(SimPlayback pb, EventMaker maker) {
        Playback model = pb.toModel();
        String ts = ast.timestamp();
        Function<String, AriEvent> event = app -> maker.make(ast.asteriskId, app, ts, model);
        if (pb.targetUri.startsWith("channel:")) {
            SimChannel ch = ast.channels.get(pb.targetUri.substring("channel:".length()));
            if (ch != null) {
                ast.bus.toChannel(ch, event);
            }
        } else {
            SimBridge bridge = ast.bridges.get(pb.targetUri.substring("bridge:".length()));
            if (bridge != null) {
                ast.bus.toBridge(bridge, event);
            }
        }
    }
}
