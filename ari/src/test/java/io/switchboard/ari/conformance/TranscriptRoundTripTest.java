package io.switchboard.ari.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.ari.events.AriMessage;
import io.switchboard.ari.events.EventStreamItem;
import io.switchboard.ari.events.UnknownEvent;
import io.switchboard.ari.json.AriJson;
import io.switchboard.ari.rest.ResponseType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every event and every successful REST answer that real Asterisk 22.10.1 produced in the transcripts must
 * decode into the typed models and encode back to the same JSON (key order aside).
 */
class TranscriptRoundTripTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private record Operation(String method, Pattern path, String responseClass) {
    }

    @Test
    void everyEventAndAnswerOfTheTranscriptsRoundTrips() throws IOException {
        List<Operation> operations = operations();
        List<String> problems = new ArrayList<>();
        int events = 0;
        int answers = 0;
        for (Path file : transcriptFiles()) {
            String scenario = file.getFileName().toString();
            for (JsonNode entry : JSON.readTree(file.toFile()).path("timeline")) {
                String kind = entry.path("kind").asText();
                if (kind.equals("event")) {
                    events++;
                    checkEvent(scenario, entry.path("event"), problems);
                } else if (kind.equals("rest") && entry.path("status").asInt() / 100 == 2
                        && entry.hasNonNull("response") && !entry.path("response").has("binary")) {
                    answers++;
                    checkAnswer(scenario, entry, operations, problems);
                }
            }
        }
        System.out.printf("transcript round trip: %d events, %d REST answers, %d problems%n", events, answers,
                problems.size());
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems));
        assertTrue(events > 500 && answers > 100, "the transcripts hold hundreds of events and answers");
    }

    private static void checkEvent(String scenario, JsonNode raw, List<String> problems) throws IOException {
        EventStreamItem decoded = AriJson.decodeFrame(JSON.writeValueAsString(raw));
        if (!(decoded instanceof AriMessage message) || decoded instanceof UnknownEvent) {
            problems.add(scenario + ": event did not decode to a known type: " + decoded);
            return;
        }
        JsonNode again = JSON.readTree(AriJson.encode(message));
        if (!again.equals(raw)) {
            problems.add(scenario + ": " + message.type() + " changed on the way through:\n  " + raw + "\n  " + again);
        }
    }

    private static void checkAnswer(String scenario, JsonNode entry, List<Operation> operations,
                                    List<String> problems) throws IOException {
        String method = entry.path("method").asText();
        String path = entry.path("path").asText();
        Operation op = operations.stream()
                .filter(o -> o.method().equals(method) && o.path().matcher(path).matches())
                .findFirst().orElse(null);
        if (op == null) {
            problems.add(scenario + ": no spec operation for " + method + " " + path);
            return;
        }
        ResponseType<?> type = responseType(op.responseClass());
        JsonNode raw = entry.path("response");
        try {
            Object decoded = type.decode(JSON.writeValueAsBytes(raw));
            JsonNode again = JSON.readTree(AriJson.mapper().writeValueAsString(decoded));
            if (!again.equals(raw)) {
                problems.add(scenario + ": " + method + " " + path + " answer changed:\n  " + raw + "\n  " + again);
            }
        } catch (RuntimeException e) {
            problems.add(scenario + ": " + method + " " + path + " answer did not decode: " + e.getMessage());
        }
    }

    private static ResponseType<?> responseType(String responseClass) {
        try {
            if (responseClass.startsWith("List[")) {
                return ResponseType.listOf(modelClass(responseClass.substring(5, responseClass.length() - 1)));
            }
            return ResponseType.of(modelClass(responseClass));
        } catch (ClassNotFoundException e) {
            throw new AssertionError("no model class for " + responseClass, e);
        }
    }

    private static Class<?> modelClass(String name) throws ClassNotFoundException {
        try {
            return Class.forName("io.switchboard.ari.model." + name);
        } catch (ClassNotFoundException e) {
            return Class.forName("io.switchboard.ari.events." + name);
        }
    }

    private static List<Operation> operations() throws IOException {
        List<Operation> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(RepositoryFiles.spec())) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                for (JsonNode api : JSON.readTree(file.toFile()).path("apis")) {
                    // literal segments must win over {params}: /channels/create is not /channels/{channelId}
                    String regex = api.path("path").asText().replaceAll("\\{[^}]+}", "[^/]+");
                    for (JsonNode op : api.path("operations")) {
                        out.add(new Operation(op.path("httpMethod").asText(), Pattern.compile(regex),
                                op.path("responseClass").asText()));
                    }
                }
            }
        }
        out.sort((a, b) -> Long.compare(b.path().pattern().chars().filter(c -> c != '[').count() - 5L * count(b),
                a.path().pattern().chars().filter(c -> c != '[').count() - 5L * count(a)));
        return out;
    }

    private static long count(Operation o) {
        return o.path().pattern().split("\\[\\^/]\\+", -1).length - 1;
    }

    private static List<Path> transcriptFiles() throws IOException {
        try (Stream<Path> files = Files.list(RepositoryFiles.transcripts())) {
            List<Path> list = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            assertEquals(19, list.size(), "the 22.10.1 transcripts");
            return list;
        }
    }
}
