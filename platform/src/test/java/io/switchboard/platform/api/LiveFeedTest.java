package io.switchboard.platform.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.pekko.Done;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.WebSocketRequest;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgradeResponse;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The live feed: a WebSocket client sees queue figures, agent states and waiting callers, and sees them change as
 * calls come in.
 */
class LiveFeedTest {
    @RegisterExtension
    static final ApiTestNode api = new ApiTestNode();

    @Test
    void pushesQueueFiguresAndAgentStatesThatChangeAsCallsAreAnswered() throws Exception {
        LinkedBlockingQueue<JsonNode> received = open("");
        JsonNode agent = await(received, m -> m.get("type").asText().equals("agent"));
        assertTrue(agent.get("queues").toString().contains("support"), agent.toString());
        JsonNode first = await(received, m -> isSupport(m));
        long offeredBefore = first.get("figures").get("offered").asLong();
        long answeredBefore = first.get("figures").get("answered").asLong();
        assertEquals(200, api.post("/api/demo/calls?queue=support", null).status());
        JsonNode later = await(received, m -> isSupport(m)
                && m.get("figures").get("offered").asLong() > offeredBefore);
        assertTrue(later.get("figures").has("serviceLevel"), later.toString());
        await(received, m -> isSupport(m) && m.get("figures").get("answered").asLong() > answeredBefore);
    }

    @Test
    void pushesEveryLoggedInAgentAndTheWaitingCallersAndFiguresOverTheChosenWindow() throws Exception {
        LinkedBlockingQueue<JsonNode> received = open("&window=today");
        List<JsonNode> seen = new ArrayList<>();
        JsonNode windows = find(received, seen, m -> m.get("type").asText().equals("windows"));
        assertEquals("today", windows.get("window").asText());
        assertTrue(windows.get("windows").toString().contains("\"all\""), windows.toString());
        assertEquals("today", find(received, seen, m -> isSupport(m)).get("window").asText());
        // the panel's agent is no demo agent the node knew of by name: it is read from the journal like any other
        JsonNode panel = find(received, seen, m -> m.get("type").asText().equals("agent")
                && m.get("agentId").asText().equals("panel") && m.get("state").asText().equals("PAUSED"));
        assertEquals("panel", panel.get("pauseReason").asText());
        assertTrue(panel.get("since").asLong() > 0 && panel.get("now").asLong() >= panel.get("since").asLong(),
                panel.toString());
        assertEquals(200, api.post("/api/demo/calls?queue=support&callerId=Feed%20%3C5550199%3E", null).status());
        JsonNode waiting = find(received, seen, m -> m.get("type").asText().equals("callers")
                && m.get("queue").asText().equals("support") && m.get("callers").size() > 0);
        assertTrue(waiting.get("callers").get(0).get("since").asLong() > 0, waiting.toString());
    }

    @Test
    void anUnknownWindowIsA400ListingTheWindows() {
        ApiTestNode.Answer answer = api.send("GET", "/api/live?token=" + ApiTestNode.TOKEN + "&window=1y", null,
                java.util.Optional.empty());
        assertEquals(400, answer.status(), answer.text());
        assertTrue(answer.body().get("error").asText().contains("today"), answer.text());
    }

    @Test
    void refusesAWrongToken() throws Exception {
        ApiTestNode.Answer answer = api.send("GET", "/api/live?token=wrong", null, java.util.Optional.empty());
        assertEquals(401, answer.status(), answer.text());
    }

    /** Opens a live feed with {@code query} after the token; its messages arrive in the returned queue. */
    private static LinkedBlockingQueue<JsonNode> open(String query) throws Exception {
        return open(api, query);
    }

    static LinkedBlockingQueue<JsonNode> open(ApiTestNode api, String query) throws Exception {
        LinkedBlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
        Sink<Message, CompletionStage<Done>> collect = Sink.foreach(message -> received.add(
                ApiTestNode.JSON.readTree(message.asTextMessage().getStrictText())));
        Flow<Message, Message, CompletionStage<Done>> client =
                Flow.fromSinkAndSourceMat(collect, Source.<Message>maybe(), Keep.left());
        String url = api.node.apiUrl().replace("http://", "ws://") + "/api/live?token=" + ApiTestNode.TOKEN + query;
        Pair<CompletionStage<WebSocketUpgradeResponse>, CompletionStage<Done>> socket = Http.get(api.node.system())
                .singleWebSocketRequest(WebSocketRequest.create(url), client,
                        org.apache.pekko.stream.Materializer.createMaterializer(api.node.system()));
        WebSocketUpgradeResponse upgrade = socket.first().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(StatusCodes.SWITCHING_PROTOCOLS, upgrade.response().status());
        return received;
    }

    private static boolean isSupport(JsonNode message) {
        return message.get("type").asText().equals("queue") && message.get("queue").asText().equals("support");
    }

    /** The first message so far or to come that is {@code wanted}; messages in no particular order between kinds. */
    static JsonNode find(LinkedBlockingQueue<JsonNode> received, List<JsonNode> seen,
                                 Predicate<JsonNode> wanted) throws InterruptedException {
        for (JsonNode message : seen) {
            if (wanted.test(message)) {
                return message;
            }
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode next = received.poll(200, TimeUnit.MILLISECONDS);
            if (next != null) {
                seen.add(next);
                if (wanted.test(next)) {
                    return next;
                }
            }
        }
        throw new AssertionError("no such live message in 60 s; seen " + seen.size());
    }

    static JsonNode await(LinkedBlockingQueue<JsonNode> received, Predicate<JsonNode> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode next = received.poll(200, TimeUnit.MILLISECONDS);
            if (next != null && wanted.test(next)) {
                return next;
            }
        }
        throw new AssertionError("no such live message in 60 s");
    }
}
