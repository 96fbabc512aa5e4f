package io.switchboard.simulator.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ari.json.AriJson;
import io.switchboard.simulator.SimulatedAsterisk;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.function.BooleanSupplier;

/** ARI and /sim/ requests to a simulator over HTTP, as an application and a test driver make them. */
final class SimHttp {
    private final HttpClient http = HttpClient.newHttpClient();
    private final SimulatedAsterisk sim;

    SimHttp(SimulatedAsterisk sim) {
        this.sim = sim;
    }

    /** An ARI request, e.g. {@code ari("POST", "channels/caller-1/answer")}; returns the status code. */
    int ari(String method, String pathAndQuery) throws Exception {
        String auth = Base64.getEncoder().encodeToString((sim.user() + ":" + sim.password())
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.ariUrl() + "/" + pathAndQuery))
                .header("Authorization", "Basic " + auth).method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    JsonNode sim(String method, String pathAndQuery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sim.port() + "/sim/" + pathAndQuery))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new AssertionError(method + " /sim/" + pathAndQuery + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body().isEmpty() ? null : AriJson.mapper().readTree(response.body());
    }

    /** The caller's record from GET /sim/calls. */
    JsonNode call(String channelId) throws Exception {
        for (JsonNode call : sim("GET", "calls")) {
            if (channelId.equals(call.path("channelId").asText())) {
                return call;
            }
        }
        throw new AssertionError("no record of " + channelId);
    }

    /** Waits up to 10 s for a condition that another thread makes true. */
    static void await(String what, BooleanSupplier condition, java.util.function.Supplier<Object> state)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what + "; now " + state.get());
            }
            Thread.sleep(10);
        }
    }

    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }
}
