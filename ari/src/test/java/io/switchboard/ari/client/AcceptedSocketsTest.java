package io.switchboard.ari.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.ari.events.Connected;
import io.switchboard.ari.events.Disconnected;
import io.switchboard.ari.events.EventStreamItem;
import io.switchboard.ari.events.StasisStart;
import io.switchboard.ari.json.AriJson;
import io.switchboard.ari.model.Channel;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.model.ws.WebSocketRequest;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Sockets Asterisk opens to the program (outbound WebSockets, 22.5+): each one's events join one stream, framed
 * by Connected and Disconnected, in order; commands go over the open socket and are answered on it, and over
 * HTTP while none is open.
 */
class AcceptedSocketsTest {
    private static final String CHANNEL = "{\"id\":\"c1\",\"name\":\"PJSIP/100-00000001\",\"state\":\"Up\"}";

    private ActorSystem system;
    private LocalServer server;
    private AriClient client;
    private final ConcurrentLinkedQueue<EventStreamItem> items = new ConcurrentLinkedQueue<>();
    private final AtomicInteger httpRequests = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        system = ActorSystem.create("accepted-sockets-test");
        server = LocalServer.start(system, this::serve);
        client = AriClient.create(system, AriSettings.of(server.baseUrl(), "asterisk", "asterisk", "callcenter")
                .withRequestTimeout(Duration.ofSeconds(5)));
        client.acceptedEvents().runWith(Sink.foreach(items::add), system);
        LocalServer.await("the events consumed", client::acceptingSockets);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        Http.get(system).shutdownAllConnectionPools().toCompletableFuture().get(5, TimeUnit.SECONDS);
        system.terminate();
    }

    /** The program's side: /asterisk takes Asterisk's socket; /ari/... is Asterisk's HTTP for the fallback. */
    private CompletionStage<HttpResponse> serve(HttpRequest request) {
        if (request.getUri().path().equals("/asterisk")) {
            return CompletableFuture.completedFuture(request.getAttribute(AttributeKeys.webSocketUpgrade).orElseThrow()
                    .handleMessagesWith(client.acceptSocket("test")));
        }
        httpRequests.incrementAndGet();
        return CompletableFuture.completedFuture(HttpResponse.create().withEntity(ContentTypes.APPLICATION_JSON, CHANNEL));
    }

    /** Asterisk's side of one socket: sends frames, answers every RESTRequest with a 200 carrying a channel. */
    private final class FakeAsterisk {
        final BoundedSourceQueue<Message> out;
        final ConcurrentLinkedQueue<JsonNode> requests = new ConcurrentLinkedQueue<>();

        FakeAsterisk() {
            Pair<BoundedSourceQueue<Message>, Source<Message, org.apache.pekko.NotUsed>> queue =
                    Source.<Message>queue(64).preMaterialize(system);
            out = queue.first();
            Sink<Message, ?> in = Flow.<Message>create().map(m -> AriJson.mapper().readTree(
                    m.asTextMessage().getStrictText())).to(Sink.foreach(this::answer));
            Http.get(system).singleWebSocketRequest(WebSocketRequest.create("ws://127.0.0.1:" + server.port()
                    + "/asterisk"), Flow.fromSinkAndSourceCoupled(in, queue.second()),
                    org.apache.pekko.stream.Materializer.matFromSystem(system));
        }

        void answer(JsonNode request) {
            requests.add(request);
            ObjectNode response = AriJson.mapper().createObjectNode().put("type", "RESTResponse")
                    .put("transaction_id", request.path("transaction_id").asText())
                    .put("request_id", request.path("request_id").asText())
                    .put("status_code", 200).put("reason_phrase", "OK")
                    .put("uri", request.path("uri").asText())
                    .put("content_type", "application/json").put("message_body", CHANNEL);
            send(response.toString());
        }

        void stasisStart(String channelId) {
            send("{\"type\":\"StasisStart\",\"application\":\"callcenter\",\"timestamp\":\"2026-12-07T05:00:00.000+0000\","
                    + "\"args\":[],\"channel\":{\"id\":\"" + channelId + "\",\"name\":\"PJSIP/100\",\"state\":\"Ring\"}}");
        }

        void send(String frame) {
            out.offer(TextMessage.create(frame));
        }
    }

    @Test
    void eventsOfEachSocketInOrderAndCommandsOverTheOpenOne() throws Exception {
        Channel overHttp = client.channels().get("c1").send().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals("c1", overHttp.id());
        assertEquals(1, httpRequests.get(), "no socket yet: HTTP");

        FakeAsterisk first = new FakeAsterisk();
        LocalServer.await("the first socket", () -> items.stream().anyMatch(i -> i instanceof Connected));
        first.stasisStart("a1");
        first.stasisStart("a2");
        LocalServer.await("commands over the socket", client::commandsOverWebSocket);
        client.channels().get("c1").send().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(1, first.requests.size(), "the GET went over Asterisk's socket");
        assertEquals(1, httpRequests.get());

        first.out.complete();
        LocalServer.await("the first socket closed", () -> items.stream().anyMatch(i -> i instanceof Disconnected));
        FakeAsterisk second = new FakeAsterisk();
        LocalServer.await("the second socket", () -> items.stream().filter(i -> i instanceof Connected).count() == 2);
        second.stasisStart("b1");
        LocalServer.await("b1", () -> items.stream().anyMatch(i -> i instanceof StasisStart s
                && s.channel().id().equals("b1")));
        LocalServer.await("commands over the new socket", client::commandsOverWebSocket);
        client.channels().get("c1").send().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(1, second.requests.size());

        List<String> sequence = items.stream().map(i -> i instanceof StasisStart s ? s.channel().id()
                : i.getClass().getSimpleName()).toList();
        assertEquals(List.of("Connected", "a1", "a2", "Disconnected", "Connected", "b1"), sequence);
        assertEquals(2, assertInstanceOf(Connected.class, items.stream().filter(i -> i instanceof Connected)
                .skip(1).findFirst().orElseThrow()).connection());
        assertTrue(httpRequests.get() == 1, "nothing else over HTTP");
    }
}
