package io.switchboard.ari.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.ari.events.ChannelUserevent;
import io.switchboard.ari.events.Connected;
import io.switchboard.ari.events.Disconnected;
import io.switchboard.ari.events.EventStreamItem;
import io.switchboard.ari.events.MalformedFrame;
import io.switchboard.ari.events.StasisStart;
import io.switchboard.ari.events.UnknownEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.model.ws.WebSocket;
import org.apache.pekko.stream.BufferOverflowException;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EventSocketTest {
    private ActorSystem system;
    private LocalServer server;

    @BeforeEach
    void start() {
        system = ActorSystem.create("event-socket-test");
    }

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        Http.get(system).shutdownAllConnectionPools().toCompletableFuture().get(5, TimeUnit.SECONDS);
        system.terminate();
    }

    /** Serves WebSocket upgrades on /ari/events with the frames {@code frames} gives for each connection. */
    private void serve(Function<Integer, Source<Message, ?>> frames, Function<Integer, Boolean> refuse)
            throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        server = LocalServer.start(system, request -> upgrade(request, attempts.incrementAndGet(), frames, refuse));
    }

    private static CompletionStage<HttpResponse> upgrade(HttpRequest request, int attempt,
                                                         Function<Integer, Source<Message, ?>> frames,
                                                         Function<Integer, Boolean> refuse) {
        if (!request.getUri().path().equals("/ari/events") || refuse.apply(attempt)) {
            return CompletableFuture.completedFuture(HttpResponse.create().withStatus(401)
                    .withEntity(ContentTypes.APPLICATION_JSON, "{\"message\":\"Authentication required\"}"));
        }
        // sending the frames then completing closes the socket from the server's side
        return CompletableFuture.completedFuture(WebSocket.handleWebSocketRequestWith(request,
                Flow.fromSinkAndSourceCoupled(Sink.ignore(), frames.apply(attempt))));
    }

    private AriClient client(int bufferSize) {
        return AriClient.create(system, AriSettings.of(server.baseUrl(), "asterisk", "asterisk", "callcenter")
                .withReconnect(new AriSettings.Reconnect(Duration.ofMillis(5), Duration.ofMillis(20), 0.2))
                .withEventBufferSize(bufferSize)
                .withCommandTransport(AriSettings.CommandTransport.HTTP));
    }

    private static Message userEvent(String name) {
        return TextMessage.create("{\"type\":\"ChannelUserevent\",\"application\":\"callcenter\","
                + "\"timestamp\":\"2026-11-26T12:00:00.000+0000\",\"eventname\":\"" + name + "\",\"userevent\":{}}");
    }

    private static List<EventStreamItem> collectUntilDisconnects(AriClient client, int disconnects,
                                                                 ActorSystem system) throws Exception {
        AtomicInteger seen = new AtomicInteger();
        return client.events()
                .takeWhile(item -> !(item instanceof Disconnected) || seen.incrementAndGet() < disconnects, true)
                .runWith(Sink.seq(), system)
                .toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    @Test
    void twentyDropsGiveTwentyPairsAndLoseNothingDelivered() throws Exception {
        int perConnection = 25;
        serve(connection -> Source.from(IntStream.range(0, perConnection)
                .mapToObj(i -> userEvent(connection + ":" + i)).toList()), attempt -> false);

        List<EventStreamItem> items = collectUntilDisconnects(client(10_000), 20, system);

        int connected = 0;
        int disconnected = 0;
        List<String> expected = new ArrayList<>();
        List<String> received = new ArrayList<>();
        boolean open = false;
        for (EventStreamItem item : items) {
            if (item instanceof Connected c) {
                assertTrue(!open, "Connected twice without a Disconnected");
                open = true;
                connected++;
                assertEquals(connected, c.connection());
                assertEquals(List.of("callcenter"), c.apps());
                IntStream.range(0, perConnection).forEach(i -> expected.add(c.connection() + ":" + i));
            } else if (item instanceof Disconnected d) {
                assertTrue(open, "Disconnected without Connected");
                open = false;
                disconnected++;
                assertEquals(connected, d.connection());
            } else {
                assertTrue(open, "an event outside a connection");
                received.add(assertInstanceOf(ChannelUserevent.class, item).eventname());
            }
        }
        assertEquals(20, connected);
        assertEquals(20, disconnected);
        assertEquals(expected, received, "every delivered event, in the socket's order");
    }

    @Test
    void malformedAndUnknownFramesAreReportedAndTheStreamGoesOn() throws Exception {
        serve(connection -> Source.from(List.of(
                TextMessage.create("this is not json"),
                TextMessage.create("{\"type\":\"ChannelTeleported\",\"application\":\"callcenter\"}"),
                TextMessage.create("{\"type\":\"StasisStart\",\"application\":\"callcenter\",\"args\":[],"
                        + "\"channel\":{\"id\":\"c1\",\"state\":\"Ring\"}}"))), attempt -> false);

        List<EventStreamItem> items = collectUntilDisconnects(client(100), 1, system);

        assertInstanceOf(Connected.class, items.get(0));
        assertEquals("this is not json", assertInstanceOf(MalformedFrame.class, items.get(1)).frame());
        assertEquals("ChannelTeleported", assertInstanceOf(UnknownEvent.class, items.get(2)).type());
        assertEquals("c1", assertInstanceOf(StasisStart.class, items.get(3)).channel().id());
        assertInstanceOf(Disconnected.class, items.get(4));
    }

    @Test
    void refusedUpgradesAreRetriedWithoutAConnectedSignal() throws Exception {
        serve(connection -> Source.single(userEvent("hello")), attempt -> attempt <= 3);

        List<EventStreamItem> items = collectUntilDisconnects(client(100), 1, system);

        assertEquals(1, assertInstanceOf(Connected.class, items.get(0)).connection());
        assertEquals("hello", assertInstanceOf(ChannelUserevent.class, items.get(1)).eventname());
    }

    @Test
    void aConsumerTooSlowIsReportedNotSilentlyDropped() throws Exception {
        serve(connection -> connection == 1
                ? Source.range(0, 5_000).map(i -> userEvent("e" + i)).concat(Source.maybe())
                : Source.maybe(), attempt -> false);

        List<EventStreamItem> items = client(8).events()
                .throttle(1, Duration.ofMillis(2))
                .takeWhile(item -> !(item instanceof Disconnected), true)
                .runWith(Sink.seq(), system).toCompletableFuture().get(60, TimeUnit.SECONDS);

        Disconnected overflow = assertInstanceOf(Disconnected.class, items.get(items.size() - 1));
        assertTrue(overflow.reason().contains("consumer too slow"), overflow.reason());
        assertInstanceOf(BufferOverflowException.class, overflow.cause().orElseThrow());
        List<String> names = items.stream().filter(ChannelUserevent.class::isInstance)
                .map(i -> ((ChannelUserevent) i).eventname()).toList();
        assertTrue(names.size() < 5_000, "the overflow happened before the end");
        assertEquals(IntStream.range(0, names.size()).mapToObj(i -> "e" + i).toList(), names,
                "what was delivered came in order and without gaps");
    }

    @Test
    void theListenerApiSeesEverythingAndSurvivesAThrowingListener() throws Exception {
        serve(connection -> Source.from(List.of(userEvent("boom"), userEvent("after"))).concat(Source.maybe()),
                attempt -> false);
        List<String> seen = new CopyOnWriteArrayList<>();
        try (AriSubscription subscription = client(100).listen(new AriEventListener() {
            @Override
            public void onEvent(io.switchboard.ari.events.AriEvent event) {
                String name = ((ChannelUserevent) event).eventname();
                seen.add(name);
                if (name.equals("boom")) {
                    throw new IllegalStateException("listener bug");
                }
            }

            @Override
            public void onConnected(Connected connected) {
                seen.add("connected");
            }
        })) {
            LocalServer.await("both events", () -> seen.size() == 3);
            assertEquals(List.of("connected", "boom", "after"), seen);
        }
    }
}
