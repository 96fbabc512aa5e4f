package io.switchboard.simulator.parity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.simulator.SimulatedAsterisk;
import io.switchboard.simulator.clock.ManualClock;
import io.switchboard.simulator.phones.PhoneScript;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a capture script ({@code steps/NN.steps.json}) against the simulator on its manual clock and records
 * a timeline in the capture's format (rest, event, ws entries). Waiting is simulated time: an await advances
 * the clock in small steps until the event is there.
 */
final class StepReplayer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration STEP = Duration.ofMillis(50);
    private static final Duration TRAILING_WAIT = Duration.ofMillis(1500);

    private final SimulatedAsterisk sim;
    private final ManualClock clock;
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, WebSocket> sockets = new LinkedHashMap<>();
    private final Map<String, CompletableFuture<ObjectNode>> closings = new HashMap<>();
    private final Map<String, String> vars = new HashMap<>();
    private final List<ObjectNode> timeline = new ArrayList<>();
    private final AtomicLong received = new AtomicLong();
    private long openedFrames;

    StepReplayer(SimulatedAsterisk sim) {
        this.sim = sim;
        this.clock = sim.manualClock();
    }

    List<ObjectNode> run(JsonNode steps) throws Exception {
        for (JsonNode step : steps.get("steps")) {
            if (step.has("ws")) {
                ws(step);
            } else if (step.has("rest")) {
                rest(step.get("rest"));
            } else if (step.has("await")) {
                await(step.get("await"), false);
            } else if (step.has("absent")) {
                await(step.get("absent"), true);
            } else if (step.has("sleep_ms")) {
                advance(Duration.ofMillis(step.get("sleep_ms").asLong()));
            } else if (step.has("ws_send")) {
                JsonNode send = step.get("ws_send");
                String text = send.has("json") ? subst(send.get("json").toString()) : send.get("text").asText();
                long before = sim.framesSent();
                sockets.get(send.get("name").asText()).sendText(text, true).join();
                long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                while (sim.framesSent() == before && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                sync();
            } else if (step.has("shell")) {
                shell(step.get("shell").asText());
            }
        }
        // the capture tool listened 1.5 s more before closing the sockets still open, in opening order
        advance(TRAILING_WAIT);
        for (String name : new ArrayList<>(sockets.keySet())) {
            close(name);
        }
        return timeline;
    }

    private void shell(String command) {
        if (command.contains("sipp.sh uac")) {
            Matcher dest = Pattern.compile("-s (\\S+)").matcher(command);
            Matcher hold = Pattern.compile("-d (\\d+)").matcher(command);
            String exten = dest.find() ? dest.group(1) : "100";
            long after = hold.find() ? Long.parseLong(hold.group(1)) : 4000;
            Matcher who = Pattern.compile("uac (\\S+)").matcher(command);
            String endpoint = "PJSIP/" + (who.find() ? who.group(1) : "caller");
            sim.calls().sipCall(endpoint, exten, "sipp", PhoneScript.answer().thenHangupAfter(Duration.ofMillis(after)));
            sync();
        } else if (command.contains("sipp.sh uas")) {
            Matcher who = Pattern.compile("uas (\\S+)").matcher(command);
            sim.scriptEndpoint("PJSIP/" + (who.find() ? who.group(1) : "agent1"), PhoneScript.answerAfter(Duration.ZERO));
        }
    }

    private void ws(JsonNode step) throws Exception {
        String name = step.get("name").asText();
        if ("close".equals(step.get("ws").asText())) {
            close(name);
            return;
        }
        String query = "app=" + URLEncoder.encode(step.get("apps").asText(), StandardCharsets.UTF_8)
                + (step.path("subscribeAll").asBoolean(false) ? "&subscribeAll=true" : "");
        JsonNode auth = step.get("auth");
        WebSocket.Builder builder = http.newWebSocketBuilder().header("Authorization",
                basic(auth == null ? "asterisk" : auth.get("user").asText(), auth == null ? "asterisk" : auth.get("pass").asText()));
        ObjectNode entry = entry("ws").put("socket", name).put("action", "open");
        closings.put(name, new CompletableFuture<>());
        try {
            WebSocket socket = builder.buildAsync(URI.create("ws://127.0.0.1:" + sim.port() + "/ari/events?" + query),
                    new Collector(name)).join();
            sockets.put(name, socket);
            entry.put("result", "connected");
            sync();
        } catch (Exception e) {
            entry.put("result", "failed");
            RefusedUpgrade refused = RefusedUpgrade.attempt(sim.port(), "/ari/events?" + query,
                    basic(auth == null ? "asterisk" : auth.get("user").asText(), auth == null ? "asterisk" : auth.get("pass").asText()));
            entry.put("status", refused.status());
            entry.set("response", refused.body() == null ? null : JSON.readTree(refused.body()));
        }
    }

    /** Closes a socket as the capture tool did: a {@code close} entry, then the {@code closed} entry with the server's code. */
    private void close(String name) throws Exception {
        sync();
        WebSocket socket = sockets.remove(name);
        long before = sim.registeredApps();
        entry("ws").put("socket", name).put("action", "close");
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (sim.registeredApps() == before && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        try {
            ObjectNode closed = closings.get(name).get(5, TimeUnit.SECONDS);
            synchronized (timeline) {
                timeline.add(closed);
            }
        } catch (TimeoutException e) {
            // the server never answered the close: no closed entry, which the comparison reports
        }
    }

    private void rest(JsonNode rest) throws Exception {
        String method = rest.get("method").asText();
        String path = subst(rest.get("path").asText());
        StringBuilder uri = new StringBuilder(path);
        JsonNode query = rest.get("query");
        if (query != null && query.size() > 0) {
            List<String> parts = new ArrayList<>();
            query.fields().forEachRemaining(e -> parts.add(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(subst(joined(e.getValue())), StandardCharsets.UTF_8).replace("+", "%20")));
            uri.append('?').append(String.join("&", parts));
        }
        String body = rest.has("body") ? subst(rest.get("body").toString()) : rest.has("body_raw") ? rest.get("body_raw").asText() : null;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sim.ariUrl() + uri))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        JsonNode auth = rest.get("auth");
        if (!rest.path("no_auth").asBoolean(false)) {
            request.header("Authorization", basic(auth == null ? "asterisk" : auth.get("user").asText(),
                    auth == null ? "asterisk" : auth.get("pass").asText()));
        }
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        ObjectNode entry = entry("rest").put("method", method).put("path", path).put("status", response.statusCode());
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (response.body().length == 0) {
            entry.putNull("response");
        } else if (type.contains("json")) {
            JsonNode parsed = JSON.readTree(response.body());
            entry.set("response", parsed);
            saveVars(rest.get("save"), parsed);
        } else {
            entry.putObject("response").put("binary", true).put("content_type", type).put("length", response.body().length);
        }
        sync();
    }

    private static String joined(JsonNode value) {
        if (!value.isArray()) {
            return value.asText();
        }
        List<String> parts = new ArrayList<>();
        value.forEach(v -> parts.add(v.asText()));
        return String.join(",", parts);
    }

    private void await(JsonNode spec, boolean absentStep) throws Exception {
        boolean absent = absentStep || spec.path("absent").asBoolean(false);
        long timeout = spec.path("timeout_ms").asLong(absent ? 1000 : 3000);
        Duration waited = Duration.ZERO;
        while (true) {
            sync();
            ObjectNode found = find(spec);
            if (found != null) {
                if (absent) {
                    entry("note").put("text", "UNEXPECTED event for an absent step " + spec + ": " + found.get("event"));
                } else {
                    // an await takes the event it matched, so the next await of the same kind finds the next one
                    found.put("consumed", true);
                    saveVars(spec.get("save"), found.get("event"));
                }
                return;
            }
            if (waited.toMillis() >= timeout) {
                if (!absent) {
                    entry("note").put("text", "TIMEOUT waiting for " + spec);
                }
                return;
            }
            clock.advance(STEP);
            waited = waited.plus(STEP);
        }
    }

    private ObjectNode find(JsonNode spec) {
        List<String> types = new ArrayList<>();
        if (spec.get("type").isArray()) {
            spec.get("type").forEach(t -> types.add(t.asText()));
        } else {
            types.add(spec.get("type").asText());
        }
        String socket = spec.has("socket") ? spec.get("socket").asText() : null;
        synchronized (timeline) {
            for (ObjectNode e : timeline) {
                if (!"event".equals(e.get("kind").asText()) || e.path("consumed").asBoolean(false)) {
                    continue;
                }
                JsonNode ev = e.get("event");
                if ((!types.contains("*") && !types.contains(ev.path("type").asText()))
                        || (socket != null && !socket.equals(e.get("socket").asText()))) {
                    continue;
                }
                if (matches(ev, spec.get("match"))) {
                    return e;
                }
            }
        }
        return null;
    }

    private boolean matches(JsonNode event, JsonNode match) {
        if (match == null) {
            return true;
        }
        Iterator<Map.Entry<String, JsonNode>> fields = match.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            JsonNode actual = event;
            for (String part : f.getKey().split("\\.")) {
                actual = actual.isArray() && part.matches("\\d+") ? actual.path(Integer.parseInt(part)) : actual.path(part);
            }
            JsonNode expected = f.getValue();
            if (expected.isArray()) {
                boolean any = false;
                for (JsonNode one : expected) {
                    any |= one.asText().equals(actual.asText());
                }
                if (!any) {
                    return false;
                }
                continue;
            }
            String want = subst(expected.asText());
            String have = actual.isContainerNode() ? actual.toString() : actual.asText();
            if (want.startsWith("~") ? !Pattern.compile(want.substring(1)).matcher(have).find() : !want.equals(have)) {
                return false;
            }
        }
        return true;
    }

    private void advance(Duration total) {
        Duration done = Duration.ZERO;
        while (done.compareTo(total) < 0) {
            Duration step = total.minus(done).compareTo(STEP) < 0 ? total.minus(done) : STEP;
            clock.advance(step);
            done = done.plus(step);
        }
        sync();
    }

    /** Waits (bounded, real time) until every frame the simulator queued has arrived here. */
    private void sync() {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline) {
            clock.settle();
            if (received.get() >= sim.framesSent() - openedFrames) {
                clock.settle();
                if (received.get() >= sim.framesSent() - openedFrames) {
                    return;
                }
            }
            Thread.onSpinWait();
        }
    }

    private void saveVars(JsonNode save, JsonNode source) {
        if (save == null || source == null) {
            return;
        }
        save.fields().forEachRemaining(e -> {
            JsonNode value = source;
            for (String part : e.getValue().asText().split("\\.")) {
                value = value.path(part);
            }
            vars.put(e.getKey(), value.asText());
        });
    }

    private String subst(String text) {
        String result = text;
        for (Map.Entry<String, String> v : vars.entrySet()) {
            result = result.replace("${" + v.getKey() + "}", v.getValue());
        }
        return result;
    }

    private ObjectNode entry(String kind) {
        ObjectNode node = JSON.createObjectNode().put("kind", kind);
        synchronized (timeline) {
            timeline.add(node);
        }
        return node;
    }

    private static String basic(String user, String pass) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + pass).getBytes(StandardCharsets.UTF_8));
    }

    private final class Collector implements WebSocket.Listener {
        private final String name;
        private final StringBuilder partial = new StringBuilder();

        Collector(String name) {
            this.name = name;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode event = JSON.readTree(partial.toString());
                    ObjectNode e = JSON.createObjectNode().put("kind", "event").put("socket", name);
                    e.set("event", event);
                    synchronized (timeline) {
                        timeline.add(e);
                    }
                } catch (Exception ignored) {
                    // not JSON: nothing to compare
                }
                partial.setLength(0);
                received.incrementAndGet();
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            entry("ws").put("socket", name).put("action", "error");
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closings.get(name).complete(JSON.createObjectNode().put("kind", "ws").put("socket", name).put("action", "closed")
                    .put("code", statusCode).put("reason", reason));
            return null;
        }
    }

    static ArrayNode toArray(List<ObjectNode> entries) {
        ArrayNode array = JSON.createArrayNode();
        entries.forEach(array::add);
        return array;
    }
}
