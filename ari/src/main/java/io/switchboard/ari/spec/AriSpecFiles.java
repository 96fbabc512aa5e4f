package io.switchboard.ari.spec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ARI spec of Asterisk 22.10.1 (the Swagger 1.2 files Asterisk serves under {@code /ari/api-docs}), shipped in
 * this jar: the client in this module is generated from it ({@code ari/codegen/generate.py}), and the simulated
 * Asterisk checks what it sends against it.
 */
public final class AriSpecFiles {
    /** The Asterisk version the files were taken from. */
    public static final String ASTERISK_VERSION = "22.10.1";

    /** Where the files are, relative to the module's resources (and to {@code ari/src/main/resources}). */
    public static final String RESOURCE_DIR = "io/switchboard/ari/spec/" + ASTERISK_VERSION;

    /** One file per ARI resource. */
    public static final List<String> FILES = List.of("applications.json", "asterisk.json", "bridges.json",
            "channels.json", "deviceStates.json", "endpoints.json", "events.json", "mailboxes.json",
            "playbacks.json", "recordings.json", "sounds.json");

    private AriSpecFiles() {
    }

    /** Every file's bytes by name, in {@link #FILES} order. */
    public static Map<String, byte[]> read() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (String name : FILES) {
            files.put(name, read(name));
        }
        return files;
    }

    /** One file's bytes, e.g. {@code read("channels.json")}. */
    public static byte[] read(String name) {
        String path = RESOURCE_DIR + "/" + name;
        try (InputStream in = AriSpecFiles.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("ARI spec file missing from the classpath: " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ARI spec file " + path, e);
        }
    }
}
