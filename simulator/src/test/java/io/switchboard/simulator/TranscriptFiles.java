package io.switchboard.simulator;

import java.nio.file.Files;
import java.nio.file.Path;

/** The real Asterisk 22.10.1 captures in {@code simulator/transcripts/} (tests run in the module's folder). */
public final class TranscriptFiles {
    private TranscriptFiles() {
    }

    public static Path dir() {
        String configured = System.getProperty("switchboard.transcripts.dir");
        Path dir = (configured != null ? Path.of(configured) : Path.of("transcripts/22.10.1")).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("missing from the checkout: " + dir);
        }
        return dir;
    }
}
