package io.switchboard.simulator.apps;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.ari.json.AriJson;
import io.switchboard.simulator.SimulatedAsterisk;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** An application's side of a simulator: ARI requests and inbound event sockets. */
final class AppClient {
    private final HttpClient http = HttpClient.newHttpClient();
    private final SimulatedAsterisk sim;

    AppClient(SimulatedAsterisk sim) {
        this.sim = sim;
    }

    record Response(int status, JsonNode body) {
    }

    /** An ARI request, e.g. {@code ari("POST", "channels/caller-1/answer")}. */
    Response ari(String method, String pathAndQuery) throws Exception {
        String auth = Base64.getEncoder().encodeToString((sim.user() + ":" + sim.password())
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(sim.ariUrl() + "/" + pathAndQuery))
                .header("Authorization", "Basic " + auth).method(method, HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(),
                response.body().isEmpty() ? null : AriJson.mapper().readTree(response.body()));
    }

    /** The caller's record from GET /sim/calls. */
    JsonNode call(String channelId) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sim.port() + "/sim/calls"))
                .GET().build();
        JsonNode calls = AriJson.mapper().readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
        for (JsonNode call : calls) {
            if (channelId.equals(call.path("channelId").asText())) {
                return call;
            }
        }
        throw new AssertionError("no record of " + channelId);
    }

    /** Opens {@code /ari/events?app=...} and waits until the simulator holds the app for it. */
    EventSocket open(String app) throws Exception {
        return open(app, false);
    }

    EventSocket open(String app, boolean subscribeAll) throws Exception {
        BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + sim.port()
                + "/ari/events?app=" + app + (subscribeAll ? "&subscribeAll=true" : "") + "&api_key=" + sim.user()
                + ":" + sim.password()), collector(frames)).join();
        await("a socket holds " + app, () -> sim.appRegistered(app));
        return new EventSocket(socket, frames);
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

    /** One events socket and the frames it received, in order. */
    record EventSocket(WebSocket socket, BlockingQueue<JsonNode> frames) {
        JsonNode next() throws InterruptedException {
            JsonNode frame = frames.poll(10, TimeUnit.SECONDS);
            if (frame == null) {
                throw new AssertionError("no frame within 10 s");
            }
            return frame;
        }

        /** Frames up to and including the first {@code type} about {@code channelId}. */
        List<JsonNode> until(String type, String channelId) throws InterruptedException {
            List<JsonNode> seen = new ArrayList<>();
            while (true) {
                JsonNode frame = next();
                seen.add(frame);
                if (type.equals(frame.path("type").asText())
                        && channelId.equals(frame.path("channel").path("id").asText())) {
                    return seen;
                }
            }
        }

        void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        }
    }

    private static WebSocket.Listener collector(BlockingQueue<JsonNode> frames) {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    try {
                        frames.add(AriJson.mapper().readTree(partial.toString()));
                    } catch (Exception e) {
                        throw new IllegalStateException(partial.toString(), e);
                    }
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        };
    }
}
