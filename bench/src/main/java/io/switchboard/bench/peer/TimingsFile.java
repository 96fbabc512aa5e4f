package io.switchboard.bench.peer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The peer bench's per-call timings file ({@code PEERBENCH_TIMINGS}): one line per call, written through a buffer
 * that a daemon thread flushes every second and {@link #close()} flushes at the end.
 */
final class TimingsFile implements AutoCloseable {
    private final BufferedWriter out;
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "peerbench-timings-flush");
        t.setDaemon(true);
        return t;
    });

    TimingsFile(Path path) throws IOException {
        out = Files.newBufferedWriter(path, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        flusher.scheduleAtFixedRate(this::flush, 1, 1, TimeUnit.SECONDS);
    }

    synchronized void write(String channelId, long startEpochMs, long answerSentUs, long hangupDoneUs,
                            String result) {
        try {
            out.write(channelId + "," + startEpochMs + "," + answerSentUs + "," + hangupDoneUs + "," + result + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    synchronized void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            System.err.println("cannot flush the timings: " + e);
        }
    }

    @Override
    public synchronized void close() {
        flusher.shutdownNow();
        try {
            out.close();
        } catch (IOException e) {
            System.err.println("cannot close the timings: " + e);
        }
    }
}
