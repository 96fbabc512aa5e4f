package io.switchboard.ari.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Finds ../shared (the ARI spec and the real transcripts) beside the checkout. */
public final class SharedFiles {
    private SharedFiles() {
    }

    public static Path shared() {
        String configured = System.getProperty("ari.shared.dir");
        if (configured != null && Files.isDirectory(Paths.get(configured))) {
            return Paths.get(configured).toAbsolutePath().normalize();
        }
        Path dir = Paths.get("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("ari-spec"))) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find shared/ari-spec beside the checkout; set -Dari.shared.dir");
    }

    public static Path spec() {
        return shared().resolve("ari-spec/22.10.1");
    }

    public static Path transcripts() {
        return shared().resolve("ari-transcripts/22.10.1");
    }
}
