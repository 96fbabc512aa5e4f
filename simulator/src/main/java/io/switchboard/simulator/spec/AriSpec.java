package io.switchboard.simulator.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ari.spec.AriSpecFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/** The ARI Swagger 1.2 files of one Asterisk version, read into models (with their parents) and routes. */
public final class AriSpec {
    /** One operation: {@code POST /channels/{channelId}/play} split into segments. */
    public record Route(String method, String path, String[] segments) {
    }

    private final Map<String, JsonNode> models = new LinkedHashMap<>();
    private final Map<String, String> parents = new HashMap<>();
    private final List<Route> routes = new ArrayList<>();

    private AriSpec() {
    }

    /** Reads every {@code *.json} file of a spec directory laid out as Asterisk serves it. */
    public static AriSpec load(Path dir) {
        AriSpec spec = new AriSpec();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                spec.add(json.readTree(file.toFile()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the ARI spec in " + dir, e);
        }
        return spec.requireModels(dir.toString());
    }

    /** The 22.10.1 spec shipped in the ARI client's jar ({@link AriSpecFiles}). */
    public static AriSpec bundled() {
        AriSpec spec = new AriSpec();
        ObjectMapper json = new ObjectMapper();
        try {
            for (byte[] file : AriSpecFiles.read().values()) {
                spec.add(json.readTree(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse the bundled ARI spec", e);
        }
        return spec.requireModels(AriSpecFiles.RESOURCE_DIR);
    }

    private AriSpec requireModels(String where) {
        if (models.isEmpty()) {
            throw new IllegalArgumentException("no ARI spec files in " + where);
        }
        return this;
    }

    private void add(JsonNode file) {
        file.path("models").fields().forEachRemaining(m -> {
            models.put(m.getKey(), m.getValue());
            m.getValue().path("subTypes").forEach(sub -> parents.put(sub.asText(), m.getKey()));
        });
        for (JsonNode api : file.path("apis")) {
            String path = api.path("path").asText();
            String relative = path.startsWith("/") ? path.substring(1) : path;
            for (JsonNode op : api.path("operations")) {
                routes.add(new Route(op.path("httpMethod").asText(), path, relative.split("/")));
            }
        }
    }

    public Optional<JsonNode> model(String name) {
        return Optional.ofNullable(models.get(name));
    }

    /** The model and its ancestors' properties, the model's own last. */
    public Map<String, JsonNode> properties(String model) {
        List<String> chain = new ArrayList<>();
        for (String m = model; m != null; m = parents.get(m)) {
            chain.add(0, m);
        }
        Map<String, JsonNode> all = new LinkedHashMap<>();
        for (String m : chain) {
            models.get(m).path("properties").fields().forEachRemaining(p -> all.put(p.getKey(), p.getValue()));
        }
        return all;
    }

    /** Whether {@code model} is {@code ancestor} or derives from it (e.g. ChannelHold from Event). */
    public boolean derivesFrom(String model, String ancestor) {
        for (String m = model; m != null; m = parents.get(m)) {
            if (m.equals(ancestor)) {
                return true;
            }
        }
        return false;
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }
}
