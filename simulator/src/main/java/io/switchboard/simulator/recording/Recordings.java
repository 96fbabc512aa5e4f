package io.switchboard.simulator.recording;

import io.switchboard.ari.events.AriEvent;
import io.switchboard.ari.events.RecordingFinished;
import io.switchboard.ari.events.RecordingStarted;
import io.switchboard.ari.model.LiveRecording;
import io.switchboard.ari.model.StoredRecording;
import io.switchboard.simulator.clock.SimTimer;
import io.switchboard.simulator.state.AriError;
import io.switchboard.simulator.state.AsteriskState;
import io.switchboard.simulator.state.SimBridge;
import io.switchboard.simulator.state.SimChannel;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/** Live recordings of channels and bridges, and the stored recordings they leave (silent audio, in memory). */
public final class Recordings {
    private static final Set<String> FORMATS = Set.of("wav", "gsm", "ulaw", "alaw", "sln", "g722", "g729", "wav49");
    /** 8 kHz 16-bit mono: bytes of audio per millisecond. */
    private static final int BYTES_PER_MS = 16;

    private final AsteriskState ast;
    private final Map<String, Live> live = new LinkedHashMap<>();

    /** Live recordings now. */
    public int live() {
        return live.size();
    }
    private final Map<String, Stored> stored = new TreeMap<>();

    private static final class Live {
        final String name;
        final String format;
        final String targetUri;
        final String terminateOn;
        String state = "queued";
        Instant since;
        Duration recorded = Duration.ZERO;
        SimTimer maxTimer = SimTimer.NONE;

        Live(String name, String format, String targetUri, String terminateOn) {
            this.name = name;
            this.format = format;
            this.targetUri = targetUri;
            this.terminateOn = terminateOn;
        }

        LiveRecording toModel(Integer duration) {
            return new LiveRecording(name, format, targetUri, state, duration, null, null, null);
        }
    }

    public record Stored(String name, String format, Duration length) {
    }

    public Recordings(AsteriskState ast) {
        this.ast = ast;
    }

    public LiveRecording record(String targetUri, String name, String format, Integer maxDurationSeconds,
                                String ifExists, String terminateOn) {
        if (name == null || name.isEmpty() || format == null) {
            throw io.switchboard.simulator.state.AriError.of(500, "Error parsing request");
        }
        if (!FORMATS.contains(format)) {
            throw AriError.unprocessable("specified format is unknown on this system");
        }
        String mode = ifExists == null ? "fail" : ifExists;
        if (live.containsKey(name) || (stored.containsKey(name) && "fail".equals(mode))) {
            throw AriError.conflict("Recording '" + name + "' already exists and can not be overwritten");
        }
        Live rec = new Live(name, format, targetUri, terminateOn == null ? "none" : terminateOn);
        live.put(name, rec);
        LiveRecording answer = rec.toModel(null);
        ast.clock.schedule(Duration.ZERO, () -> {
            if (live.get(name) != rec) {
                return;
            }
            rec.state = "recording";
            rec.since = ast.clock.now();
            emit(rec, (app, ts) -> new RecordingStarted(ast.asteriskId, app, ts, rec.toModel(null)));
            if (maxDurationSeconds != null && maxDurationSeconds > 0) {
                rec.maxTimer = ast.clock.schedule(Duration.ofSeconds(maxDurationSeconds), () -> finish(rec, true));
            }
        });
        return answer;
    }

    public LiveRecording getLive(String name) {
        return requireLive(name).toModel(null);
    }

    public void stop(String name) {
        finish(requireLive(name), true);
    }

    public void cancel(String name) {
        finish(requireLive(name), false);
    }

    public void pause(String name, boolean paused) {
        Live rec = requireLive(name);
        if (paused && "recording".equals(rec.state)) {
            rec.recorded = rec.recorded.plus(Duration.between(rec.since, ast.clock.now()));
            rec.state = "paused";
        } else if (!paused && "paused".equals(rec.state)) {
            rec.since = ast.clock.now();
            rec.state = "recording";
        }
    }

    public void mute(String name, boolean muted) {
        requireLive(name);
    }

    /** DTMF on a channel ends its recordings whose terminateOn matches. */
    public void digit(SimChannel ch, String digit) {
        String target = "channel:" + ch.id;
        for (Live rec : List.copyOf(live.values())) {
            if (rec.targetUri.equals(target) && !"queued".equals(rec.state)
                    && (rec.terminateOn.equals("any") || rec.terminateOn.contains(digit))) {
                finish(rec, true);
            }
        }
    }

    public void targetGone(String targetUri) {
        live.values().stream().filter(r -> r.targetUri.equals(targetUri)).toList().forEach(r -> finish(r, true));
    }

    public List<StoredRecording> listStored() {
        return stored.values().stream().map(s -> new StoredRecording(s.name(), s.format())).toList();
    }

    public StoredRecording getStored(String name) {
        Stored s = requireStored(name);
        return new StoredRecording(s.name(), s.format());
    }

    public Optional<Duration> storedLength(String name) {
        return Optional.ofNullable(stored.get(name)).map(Stored::length);
    }

    public void deleteStored(String name) {
        requireStored(name);
        stored.remove(name);
    }

    public StoredRecording copyStored(String name, String destination) {
        Stored s = requireStored(name);
        if (destination == null) {
            throw AriError.badRequest("Missing parameter destinationRecordingName");
        }
        if (stored.containsKey(destination)) {
            throw AriError.conflict("A recording with the same name already exists on the system");
        }
        stored.put(destination, new Stored(destination, s.format(), s.length()));
        return new StoredRecording(destination, s.format());
    }

    /** A silent WAV file as long as the recording. */
    public byte[] file(String name) {
        Stored s = requireStored(name);
        int data = (int) (s.length().toMillis() * BYTES_PER_MS);
        ByteBuffer wav = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
        wav.put("RIFF".getBytes()).putInt(36 + data).put("WAVE".getBytes()).put("fmt ".getBytes())
                .putInt(16).putShort((short) 1).putShort((short) 1).putInt(8000).putInt(16000)
                .putShort((short) 2).putShort((short) 16).put("data".getBytes()).putInt(data);
        return wav.array();
    }

    private void finish(Live rec, boolean keep) {
        if (live.get(rec.name) != rec) {
            return;
        }
        rec.maxTimer.cancel();
        live.remove(rec.name);
        if ("recording".equals(rec.state)) {
            rec.recorded = rec.recorded.plus(Duration.between(rec.since, ast.clock.now()));
        }
        rec.state = "done";
        int seconds = (int) rec.recorded.toSeconds();
        emit(rec, (app, ts) -> new RecordingFinished(ast.asteriskId, app, ts, rec.toModel(seconds)));
        if (keep) {
            stored.put(rec.name, new Stored(rec.name, rec.format, rec.recorded));
        }
    }

    private Live requireLive(String name) {
        Live rec = live.get(name);
        if (rec == null) {
            throw AriError.notFound("Recording not found");
        }
        return rec;
    }

    private Stored requireStored(String name) {
        Stored s = stored.get(name);
        if (s == null) {
            throw AriError.notFound("Recording not found");
        }
        return s;
    }

    private interface EventMaker {
        AriEvent make(String app, String timestamp);
    }

    private void emit(Live rec, EventMaker maker) {
        String ts = ast.timestamp();
        Function<String, AriEvent> event = app -> maker.make(app, ts);
        if (rec.targetUri.startsWith("channel:")) {
            SimChannel ch = ast.channels.get(rec.targetUri.substring("channel:".length()));
            if (ch != null) {
                ast.bus.toChannel(ch, event);
            }
        } else {
            SimBridge bridge = ast.bridges.get(rec.targetUri.substring("bridge:".length()));
            if (bridge != null) {
                ast.bus.toBridge(bridge, event);
            }
        }
    }
}
