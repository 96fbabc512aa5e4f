package io.switchboard.platform.api;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import io.switchboard.platform.node.SwitchboardNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A demo node on free loopback ports with a known token, and a small HTTP client for its API. Register it
 * with {@code @RegisterExtension static final ApiTestNode api = new ApiTestNode();} to run one node per class.
 */
final class ApiTestNode implements AutoCloseable, BeforeAllCallback, AfterAllCallback {
    static final String TOKEN = "test-token-4f2a";
    static final ObjectMapper JSON = new ObjectMapper();

    SwitchboardNode node;
    private final String extraConfig;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Answer(int status, JsonNode body, String text) {
    }

    ApiTestNode() {
        this("");
    }

    /** A demo node with more configuration (HOCON), e.g. another queue. */
    ApiTestNode(String extraConfig) {
        this.extraConfig = extraConfig;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        close();
    }

    ApiTestNode start() {
        node = SwitchboardNode.start(ConfigFactory.parseString(extraConfig).withFallback(ConfigFactory.parseString("""
                switchboard.demo { ari-port = 0, calls-per-minute = 60, agent-answer-after = 500ms, talk-time = 20s }
                switchboard.node.status-interval = 30s
                switchboard.http { port = 0, token = "%s" }
                pekko.remote.artery.canonical.port = 0
                pekko.coordinated-shutdown.exit-jvm = off
                # each test node its own journal: nodes in one JVM would otherwise share H2's in-memory database
                switchboard.persistence.url = "jdbc:h2:mem:api-%s;DB_CLOSE_DELAY=-1"
                """.formatted(TOKEN, java.util.UUID.randomUUID()))).withFallback(ConfigFactory.load()).resolve());
        return this;
    }

    Answer get(String path) {
        return send("GET", path, null, Optional.of(TOKEN));
    }

    Answer delete(String path) {
        return send("DELETE", path, null, Optional.of(TOKEN));
    }

    Answer post(String path, String body) {
        return send("POST", path, body, Optional.of(TOKEN));
    }

    Answer put(String path, String body) {
        return send("PUT", path, body, Optional.of(TOKEN));
    }

    Answer send(String method, String path, String body, Optional<String> token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.apiUrl() + path))
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = null;
            try {
                json = JSON.readTree(response.body());
            } catch (Exception notJson) {
                // plain-text answers (e.g. route not found) keep json null
            }
            return new Answer(response.statusCode(), json, response.body());
        } catch (Exception e) {
            throw new AssertionError(method + " " + path + " failed: " + e, e);
        }
    }

    /** Polls {@code path} until its answer satisfies {@code done}, for up to 30 s. */
    Answer await(String path, Predicate<Answer> done) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        Answer answer = get(path);
        while (!done.test(answer)) {
            assertTrue(System.nanoTime() < deadline, "GET " + path + " never as expected; last: " + answer);
            Thread.sleep(200);
            answer = get(path);
        }
        return answer;
    }

    @Override
    public void close() {
        node.close();
    }
}
