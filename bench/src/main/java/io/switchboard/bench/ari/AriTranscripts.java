package io.switchboard.bench.ari;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.switchboard.ari.events.AriMessage;
import io.switchboard.ari.events.EventStreamItem;
import io.switchboard.ari.events.MalformedFrame;
import io.switchboard.ari.events.UnknownEvent;
import io.switchboard.ari.json.AriJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The real Asterisk 22.10.1 captures in the repository's {@code simulator/transcripts/22.10.1}: finds them and
 * extracts the {@code event} entries as the exact text Asterisk sent (a slice of the file, not a re-serialisation).
 *
 * <p>The directory is {@code -Dswitchboard.transcripts.dir} when given; otherwise it is found in the checkout
 * holding the working directory or this class's jar.
 *
 * <p>{@code main} prints what was loaded and how it decodes:
 * {@code java -cp bench/target/benchmarks.jar io.switchboard.bench.ari.AriTranscripts}.
 */
public final class AriTranscripts {
    public static final String DIR_PROPERTY = "switchboard.transcripts.dir";
    public static final String ASTERISK_VERSION = "22.10.1";

    private AriTranscripts() {
    }

    /** The directory holding the {@code *.json} transcripts of {@link #ASTERISK_VERSION}. */
    public static Path transcriptDir() {
        String configured = System.getProperty(DIR_PROPERTY);
        if (configured != null && !configured.isBlank()) {
            Path dir = Paths.get(configured.trim()).toAbsolutePath().normalize();
            if (!isTranscriptDir(dir)) {
                throw new IllegalStateException("-D" + DIR_PROPERTY + "=" + configured + " holds no *.json transcript");
            }
            return dir;
        }
        Set<Path> tried = new LinkedHashSet<>();
        for (Path start : startingPoints()) {
            Path root = repoRoot(start);
            if (root != null) {
                Path dir = root.resolve("simulator/transcripts").resolve(ASTERISK_VERSION);
                tried.add(dir);
                if (isTranscriptDir(dir)) {
                    return dir;
                }
            }
        }
        throw new IllegalStateException("ARI transcripts not found; run from the checkout or pass -D" + DIR_PROPERTY
                + "=<dir>. Looked in " + tried);
    }

    /** The transcript files, by name. */
    public static List<Path> transcriptFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json") && Files.isRegularFile(f))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every {@code event} entry of every transcript, in file and timeline order, as raw JSON text. */
    public static List<String> rawEventFrames() {
        List<String> frames = new ArrayList<>();
        for (Path file : transcriptFiles(transcriptDir())) {
            frames.addAll(rawEventFrames(file));
        }
        if (frames.isEmpty()) {
            throw new IllegalStateException("no event entries in " + transcriptDir());
        }
        return frames;
    }

    /** The {@code event} entries of one transcript as the exact text in the file. */
    public static List<String> rawEventFrames(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> frames = new ArrayList<>();
        // Parsing from a String makes token locations character offsets into that String.
        try (JsonParser p = new JsonFactory().createParser(text)) {
            expect(p.nextToken(), JsonToken.START_OBJECT, file);
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if ("timeline".equals(field) && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        String entry = timelineEntryEvent(p, text);
                        if (entry != null) {
                            frames.add(entry);
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return frames;
    }

    /** Reads one timeline object; returns its raw {@code event} text if it is an event entry. */
    private static String timelineEntryEvent(JsonParser p, String text) throws IOException {
        String kind = null;
        String event = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if ("kind".equals(field) && value == JsonToken.VALUE_STRING) {
                kind = p.getText();
            } else if ("event".equals(field) && value == JsonToken.START_OBJECT) {
                long start = p.currentTokenLocation().getCharOffset();
                p.skipChildren();
                long end = p.currentTokenLocation().getCharOffset() + 1;
                if (start < 0 || end > text.length() || text.charAt((int) start) != '{'
                        || text.charAt((int) end - 1) != '}') {
                    throw new IllegalStateException("cannot locate raw event text at offset " + start);
                }
                event = text.substring((int) start, (int) end);
            } else {
                p.skipChildren();
            }
        }
        return "event".equals(kind) ? event : null;
    }

    private static void expect(JsonToken actual, JsonToken expected, Path file) {
        if (actual != expected) {
            throw new IllegalStateException(file + ": expected " + expected + " but found " + actual);
        }
    }

    private static boolean isTranscriptDir(Path dir) {
        return Files.isDirectory(dir) && !transcriptFiles(dir).isEmpty();
    }

    /** The working directory, then the directory of the jar (or classes directory) holding this class. */
    private static List<Path> startingPoints() {
        List<Path> starts = new ArrayList<>();
        starts.add(Paths.get("").toAbsolutePath().normalize());
        try {
            CodeSource source = AriTranscripts.class.getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null) {
                Path location = Paths.get(source.getLocation().toURI()).toAbsolutePath().normalize();
                starts.add(Files.isDirectory(location) ? location : location.getParent());
            }
        } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
            // not loaded from a file: the working directory must do
        }
        return starts;
    }

    /** The nearest ancestor that is the Switchboard checkout: the aggregator pom with an {@code ari} module. */
    private static Path repoRoot(Path start) {
        for (Path p = start; p != null; p = p.getParent()) {
            Path pom = p.resolve("pom.xml");
            if (Files.isRegularFile(pom) && Files.isDirectory(p.resolve("ari"))) {
                try {
                    String text = Files.readString(pom, StandardCharsets.UTF_8);
                    if (text.contains("<module>ari</module>")) {
                        return p;
                    }
                } catch (IOException e) {
                    // unreadable: keep walking
                }
            }
        }
        return null;
    }

    /** Prints where the frames come from, their event types, and whether each decodes to a typed message. */
    public static void main(String[] args) {
        Path dir = transcriptDir();
        List<Path> files = transcriptFiles(dir);
        List<String> frames = rawEventFrames();
        long chars = frames.stream().mapToLong(String::length).sum();
        System.out.printf("%s: %d files, %d event frames, %.0f chars per frame on average%n",
                dir, files.size(), frames.size(), (double) chars / frames.size());
        Map<String, Integer> byType = new TreeMap<>();
        Map<String, Integer> untyped = new TreeMap<>();
        for (String frame : frames) {
            EventStreamItem item = AriJson.decodeFrame(frame);
            if (item instanceof MalformedFrame malformed) {
                untyped.merge("MalformedFrame: " + malformed.error(), 1, Integer::sum);
            } else if (item instanceof UnknownEvent unknown) {
                untyped.merge("UnknownEvent: " + unknown.type(), 1, Integer::sum);
            } else {
                byType.merge(((AriMessage) item).type(), 1, Integer::sum);
            }
        }
        System.out.println(byType.size() + " typed message types: " + byType);
        System.out.println(untyped.isEmpty() ? "every frame decoded to a typed message" : "not typed: " + untyped);
    }
}
