package io.switchboard.ari.conformance;

import io.switchboard.ari.spec.AriSpecFiles;
import java.nio.file.Files;
import java.nio.file.Path;

/** The ARI spec and the real transcripts, both inside the repository (tests run in the module's folder). */
public final class RepositoryFiles {
    private RepositoryFiles() {
    }

    /** The spec files this module ships as resources and generates its client from. */
    public static Path spec() {
        return existing(Path.of("src/main/resources").resolve(AriSpecFiles.RESOURCE_DIR));
    }

    /** The captures from a real Asterisk 22.10.1, kept beside the simulated Asterisk they are the contract of. */
    public static Path transcripts() {
        String configured = System.getProperty("switchboard.transcripts.dir");
        return existing(configured != null ? Path.of(configured) : Path.of("../simulator/transcripts/22.10.1"));
    }

    private static Path existing(Path dir) {
        Path absolute = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute)) {
            throw new IllegalStateException("missing from the checkout: " + absolute);
        }
        return absolute;
    }
}
