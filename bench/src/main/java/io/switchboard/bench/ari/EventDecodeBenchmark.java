package io.switchboard.bench.ari;

import io.switchboard.ari.events.EventStreamItem;
import io.switchboard.ari.events.MalformedFrame;
import io.switchboard.ari.json.AriJson;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Event frames decoded per second by {@link AriJson#decodeFrame(String)}: one operation decodes one frame.
 *
 * <p>The frames are every {@code event} entry of the real Asterisk 22.10.1 transcripts, as Asterisk sent
 * them, decoded in transcript order and round again, so the mix of types and sizes is that of real calls.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class EventDecodeBenchmark {

    private String[] frames;
    private int next;

    @Setup(Level.Trial)
    public void loadFrames() {
        List<String> raw = AriTranscripts.rawEventFrames();
        for (String frame : raw) {
            // a malformed frame would take the error path and measure exception handling instead
            if (AriJson.decodeFrame(frame) instanceof MalformedFrame malformed) {
                throw new IllegalStateException("transcript frame does not decode: " + malformed.error());
            }
        }
        frames = raw.toArray(new String[0]);
        next = 0;
    }

    @Benchmark
    public EventStreamItem decodeFrame() {
        int i = next;
        next = i + 1 == frames.length ? 0 : i + 1;
        return AriJson.decodeFrame(frames[i]);
    }
}
