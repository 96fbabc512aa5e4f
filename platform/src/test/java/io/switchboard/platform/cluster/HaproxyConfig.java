package io.switchboard.platform.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parts of an HAProxy configuration file that DockerFilesTest checks: sections (an unindented header and
 * its indented directives, comments dropped), what a frontend binds and passes to, and a backend's servers with
 * the options they get from their own line and from the default-server lines of the defaults and the backend.
 */
final class HaproxyConfig {
    private final Map<String, List<String>> sections;

    private HaproxyConfig(Map<String, List<String>> sections) {
        this.sections = sections;
    }

    static HaproxyConfig parse(Path file) {
        Map<String, List<String>> sections = new LinkedHashMap<>();
        List<String> current = null;
        try {
            for (String raw : Files.readAllLines(file)) {
                int comment = raw.indexOf('#');
                String line = comment < 0 ? raw : raw.substring(0, comment);
                if (line.isBlank()) {
                    continue;
                }
                if (!Character.isWhitespace(line.charAt(0))) {
                    current = new ArrayList<>();
                    sections.put(line.strip().replaceAll("\\s+", " "), current);
                } else if (current != null) {
                    current.add(line.strip().replaceAll("\\s+", " "));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new HaproxyConfig(sections);
    }

    /** The default_backend of the frontend that binds {@code port}. */
    String backendOfFrontendBoundTo(int port) {
        for (Map.Entry<String, List<String>> section : sections.entrySet()) {
            if (section.getKey().startsWith("frontend ") && section.getValue().stream()
                    .anyMatch(d -> d.startsWith("bind ") && d.split(" ")[1].endsWith(":" + port))) {
                return directive(section.getValue(), "default_backend")
                        .orElseThrow(() -> new AssertionError(section.getKey() + " has no default_backend"));
            }
        }
        throw new AssertionError("no frontend binds port " + port + ": " + sections.keySet());
    }

    /** The servers of {@code backend} by address, each with its options (default-server options first). */
    Map<String, List<String>> servers(String backend) {
        List<String> defaults = new ArrayList<>();
        for (String directive : concat(section("defaults"), backendSection(backend))) {
            if (directive.startsWith("default-server ")) {
                defaults.addAll(words(directive.substring("default-server ".length())));
            }
        }
        Map<String, List<String>> servers = new LinkedHashMap<>();
        for (String directive : backendSection(backend)) {
            if (directive.startsWith("server ")) {
                List<String> words = words(directive);
                List<String> options = new ArrayList<>(defaults);
                options.addAll(words.subList(3, words.size()));
                servers.put(words.get(2), options);
            }
        }
        return servers;
    }

    /** The path of {@code backend}'s HTTP health check ({@code option httpchk} or {@code http-check send}). */
    String httpCheckPath(String backend) {
        String path = null;
        for (String directive : concat(section("defaults"), backendSection(backend))) {
            List<String> words = words(directive);
            if (directive.startsWith("option httpchk")) {
                path = words.stream().filter(w -> w.startsWith("/")).findFirst().orElse("/");
            } else if (directive.startsWith("http-check send ")) {
                path = valueOf(words, "uri");
            }
        }
        return path;
    }

    /** The word after {@code key} in {@code options}, the last one if it occurs several times. */
    static String valueOf(List<String> options, String key) {
        int at = options.lastIndexOf(key);
        return at < 0 || at + 1 >= options.size() ? null : options.get(at + 1);
    }

    private List<String> backendSection(String backend) {
        List<String> directives = sections.get("backend " + backend);
        if (directives == null) {
            throw new AssertionError("no backend " + backend + ": " + sections.keySet());
        }
        return directives;
    }

    private List<String> section(String header) {
        return sections.getOrDefault(header, List.of());
    }

    private static java.util.Optional<String> directive(List<String> directives, String keyword) {
        return directives.stream().filter(d -> d.startsWith(keyword + " ")).map(d -> d.substring(keyword.length() + 1))
                .findFirst();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static List<String> words(String directive) {
        return Arrays.asList(directive.split(" "));
    }
}
