package io.switchboard.ari.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.ari.events.EventStreamItem;
import io.switchboard.ari.json.AriJson;
import io.switchboard.ari.model.Channel;
import io.switchboard.ari.rest.AriException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.model.ws.WebSocket;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Commands as RESTRequest frames on the event socket (Asterisk 22.4+), with HTTP as the fallback. */
class RestOverWebSocketTest {
    private static final String CHANNEL = "{\"id\":\"out-1\",\"name\":\"Local/answer@sim-00000078;1\",\"state\":\"Down\"}";

    private ActorSystem system;
    private LocalServer server;
    private volatile String version = "22.10.1";
    private final ConcurrentLinkedQueue<JsonNode> frames = new ConcurrentLinkedQueue<>();
    private final AtomicInteger httpChannelRequests = new AtomicInteger();
    private static final String DROP = "(close the socket)";
    private final AtomicInteger infoRequests = new AtomicInteger();
    private UniqueKillSwitch events;

    @BeforeEach
    void start() throws Exception {
        system = ActorSystem.create("rest-over-ws-test");
        server = LocalServer.start(system, this::answer);
    }

    @AfterEach
    void stop() throws Exception {
        if (events != null) {
            events.shutdown();
        }
        server.close();
        Http.get(system).shutdownAllConnectionPools().toCompletableFuture().get(5, TimeUnit.SECONDS);
        system.terminate();
    }

    private CompletionStage<HttpResponse> answer(HttpRequest request) {
        String path = request.getUri().path();
        if (path.equals("/ari/events")) {
            Flow<Message, Message, ?> asterisk = Flow.<Message>create()
                    .map(m -> reply(AriJson.mapper().readTree(m.asTextMessage().getStrictText())))
                    .takeWhile(reply -> !reply.equals(DROP))
                    .map(reply -> (Message) TextMessage.create(reply));
            return CompletableFuture.completedFuture(WebSocket.handleWebSocketRequestWith(request, asterisk));
        }
        if (path.equals("/ari/asterisk/info")) {
            infoRequests.incrementAndGet();
            return json(200, "{\"system\":{\"version\":\"" + version + "\",\"entity_id\":\"02:fc\"}}");
        }
        if (path.startsWith("/ari/channels")) {
            httpChannelRequests.incrementAndGet();
            return json(200, CHANNEL);
        }
        return json(404, "{\"message\":\"Resource not found\"}");
    }

    /** Plays Asterisk: answers each RESTRequest frame with a RESTResponse event; "slow" closes the socket. */
    private String reply(JsonNode frame) {
        frames.add(frame);
        String uri = frame.path("uri").asText();
        if (uri.equals("channels/slow")) {
            return DROP;
        }
        ObjectNode response = AriJson.mapper().createObjectNode()
                .put("type", "RESTResponse")
                .put("transaction_id", frame.path("transaction_id").asText())
                .put("request_id", frame.path("request_id").asText())
                .put("application", "callcenter")
                .put("timestamp", "2026-11-26T12:06:21.281+0000")
                .put("uri", uri);
        if (uri.equals("channels")) {
            response.put("status_code", 200).put("reason_phrase", "OK")
                    .put("content_type", "application/json").put("message_body", CHANNEL);
        } else if (uri.equals("channels/out-1/answer")) {
            response.put("status_code", 204).put("reason_phrase", "No Content");
        } else {
            response.put("status_code", 404).put("reason_phrase", "Not Found")
                    .put("content_type", "application/json").put("message_body", "{\"message\":\"Channel not found\"}");
        }
        return response.toString();
    }

    private static CompletionStage<HttpResponse> json(int status, String body) {
        return CompletableFuture.completedFuture(HttpResponse.create().withStatus(status)
                .withEntity(ContentTypes.APPLICATION_JSON, body));
    }

    private AriClient connect(AriSettings.CommandTransport mode) {
        AriClient client = AriClient.create(system, AriSettings.of(server.baseUrl(), "asterisk", "asterisk",
                "callcenter").withCommandTransport(mode).withRequestTimeout(Duration.ofSeconds(5))
                .withReconnect(new AriSettings.Reconnect(Duration.ofMillis(50), Duration.ofMillis(100), 0.1)));
        ConcurrentLinkedQueue<EventStreamItem> seen = new ConcurrentLinkedQueue<>();
        events = client.events().viaMat(KillSwitches.single(), Keep.right())
                .to(Sink.foreach(seen::add)).run(system);
        return client;
    }

    @Test
    void commandsGoOverTheSocketWhenAsteriskSupportsIt() throws Exception {
        AriClient client = connect(AriSettings.CommandTransport.AUTO);
        LocalServer.await("REST over the socket", client::commandsOverWebSocket);

        Channel channel = client.channels().originate("Local/answer@sim").app("callcenter").channelId("out-1")
                .variables(java.util.Map.of("CC_VIA", "websocket"))
                .send().toCompletableFuture().get(5, TimeUnit.SECONDS);
        client.channels().answer("out-1").send().toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertEquals("out-1", channel.id());
        assertEquals(0, httpChannelRequests.get(), "nothing went over HTTP");
        JsonNode originate = frames.peek();
        assertEquals("RESTRequest", originate.path("type").asText());
        assertEquals("POST", originate.path("method").asText());
        assertEquals("channels", originate.path("uri").asText());
        assertEquals("endpoint", originate.path("query_strings").get(0).path("name").asText());
        assertEquals("Local/answer@sim", originate.path("query_strings").get(0).path("value").asText());
        assertEquals("application/json", originate.path("content_type").asText());
        assertEquals("{\"variables\":{\"CC_VIA\":\"websocket\"}}", originate.path("message_body").asText());

        ExecutionException gone = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> client.channels().get("gone").send().toCompletableFuture().get(5, TimeUnit.SECONDS));
        AriException.NotFound notFound = assertInstanceOf(AriException.NotFound.class, gone.getCause());
        assertEquals("Channel not found", notFound.asteriskMessage());
    }

    @Test
    void olderAsteriskGetsHttp() throws Exception {
        version = "20.5.0";
        AriClient client = connect(AriSettings.CommandTransport.AUTO);
        LocalServer.await("the version probe", () -> infoRequests.get() == 1);
        client.channels().get("out-1").send().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertFalse(client.commandsOverWebSocket());
        assertTrue(frames.isEmpty(), "no RESTRequest frame was sent");
        assertEquals(1, httpChannelRequests.get());
    }

    @Test
    void aRequestInFlightFailsWhenTheSocketDrops() throws Exception {
        AriClient client = connect(AriSettings.CommandTransport.WEBSOCKET);
        LocalServer.await("the socket", client::commandsOverWebSocket);

        ExecutionException dropped = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> client.channels().get("slow").send().toCompletableFuture().get(5, TimeUnit.SECONDS));
        AriException.ConnectionFailed failed = assertInstanceOf(AriException.ConnectionFailed.class,
                dropped.getCause());
        assertTrue(failed.getMessage().contains("may or may not have been carried out"), failed.getMessage());
        assertEquals(List.of("channels/slow"), frames.stream().map(f -> f.path("uri").asText()).toList());
    }
}
