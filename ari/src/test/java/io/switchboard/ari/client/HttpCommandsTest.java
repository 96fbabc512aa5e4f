package io.switchboard.ari.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.ari.model.Channel;
import io.switchboard.ari.rest.AriException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.stream.Materializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpCommandsTest {
    private static final String CHANNEL = "{\"id\":\"out-1\",\"name\":\"Local/answer@sim-00000001;1\",\"state\":\"Down\","
            + "\"protocol_id\":\"\",\"caller\":{\"name\":\"\",\"number\":\"\"},\"connected\":{\"name\":\"\",\"number\":\"\"},"
            + "\"accountcode\":\"\",\"dialplan\":{\"context\":\"sim\",\"exten\":\"answer\",\"priority\":1,"
            + "\"app_name\":\"\",\"app_data\":\"\"},\"creationtime\":\"2026-11-26T12:03:44.380+0000\",\"language\":\"en\"}";

    private static ActorSystem system;
    private static LocalServer server;

    private record Seen(String line, String authorization, String contentType, String body) {
    }

    private static final ConcurrentLinkedQueue<Seen> requests = new ConcurrentLinkedQueue<>();

    @BeforeAll
    static void start() throws Exception {
        system = ActorSystem.create("http-commands-test");
        server = LocalServer.start(system, HttpCommandsTest::answer);
    }

    @AfterAll
    static void stop() throws Exception {
        server.close();
        Http.get(system).shutdownAllConnectionPools().toCompletableFuture().get(5, TimeUnit.SECONDS);
        system.terminate();
    }

    private static CompletionStage<HttpResponse> answer(HttpRequest request) {
        Materializer mat = Materializer.matFromSystem(system);
        return request.entity().toStrict(1000, mat).thenCompose(entity -> {
            String path = request.getUri().path();
            String line = request.method().value() + " " + request.getUri().toRelative().toString();
            requests.add(new Seen(line, request.getHeader("Authorization").map(h -> h.value()).orElse(""),
                    entity.getContentType().toString(), entity.getData().utf8String()));
            return switch (path) {
                case "/ari/channels" -> json(200, CHANNEL);
                case "/ari/channels/out-1/answer" -> CompletableFuture.completedFuture(HttpResponse.create().withStatus(204));
                case "/ari/channels/bad" -> json(400, "{\"message\":\"Invalid parameters\"}");
                case "/ari/channels/gone" -> json(404, "{\"message\":\"Channel not found\"}");
                case "/ari/channels/dup" -> json(409, "{\"message\":\"Channel with given unique ID already exists\"}");
                case "/ari/bridges/b1/addChannel" -> json(422, "{\"message\":\"Channel not in Stasis application\"}");
                case "/ari/channels/alloc" -> json(500, "{\"error\":\"Allocation failed\"}");
                case "/ari/channels/locked" -> json(401, "{\"message\":\"Authentication required\"}");
                case "/ari/channels/garbled" -> json(200, "{\"id\": [oops");
                case "/ari/channels/slow" -> new CompletableFuture<HttpResponse>()
                        .completeOnTimeout(HttpResponse.create().withStatus(204), 3, TimeUnit.SECONDS);
                default -> json(404, "{\"message\":\"Resource not found\"}");
            };
        });
    }

    private static CompletionStage<HttpResponse> json(int status, String body) {
        return CompletableFuture.completedFuture(HttpResponse.create().withStatus(status)
                .withEntity(ContentTypes.APPLICATION_JSON, body.getBytes(StandardCharsets.UTF_8)));
    }

    private static AriClient client(String baseUrl, Duration timeout) {
        return AriClient.create(system, AriSettings.of(baseUrl, "asterisk", "s3cret", "callcenter")
                .withRequestTimeout(timeout).withCommandTransport(AriSettings.CommandTransport.HTTP));
    }

    private static AriClient client() {
        return client(server.baseUrl(), Duration.ofSeconds(5));
    }

    private static Throwable failure(CompletionStage<?> stage) throws InterruptedException {
        try {
            stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
            throw new AssertionError("expected a failure");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no answer", e);
        }
    }

    @Test
    void originateSendsTheEncodedQueryAndBodyAndDecodesTheChannel() throws Exception {
        Channel channel = client().channels().originate("Local/answer@sim").app("callcenter")
                .appArgs("outbound,demo").channelId("out-1").callerId("Switchboard <100>").timeout(30)
                .variables(Map.of("CC_QUEUE", "support")).send().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals("out-1", channel.id());
        assertEquals("sim", channel.dialplan().context());
        Seen sent = requests.stream().filter(s -> s.line().startsWith("POST /ari/channels?")).findFirst().orElseThrow();
        // the same encoding real clients used in the transcripts
        assertEquals("POST /ari/channels?endpoint=Local%2Fanswer%40sim&app=callcenter&appArgs=outbound%2Cdemo"
                + "&channelId=out-1&callerId=Switchboard%20%3C100%3E&timeout=30", sent.line());
        assertEquals("Basic " + java.util.Base64.getEncoder().encodeToString("asterisk:s3cret".getBytes()),
                sent.authorization());
        assertEquals("application/json", sent.contentType());
        assertEquals("{\"variables\":{\"CC_QUEUE\":\"support\"}}", sent.body());
    }

    @Test
    void noContentCompletesWithNull() throws Exception {
        assertNull(client().channels().answer("out-1").send().toCompletableFuture().get(10, TimeUnit.SECONDS));
    }

    @Test
    void errorStatusesBecomeTypedExceptionsWithAsterisksMessage() throws Exception {
        AriClient ari = client();
        var bad = assertInstanceOf(AriException.BadRequest.class, failure(ari.channels().get("bad").send()));
        assertEquals("Invalid parameters", bad.asteriskMessage());
        var gone = assertInstanceOf(AriException.NotFound.class, failure(ari.channels().hangup("gone").send()));
        assertEquals("Channel not found", gone.asteriskMessage());
        assertEquals("DELETE /channels/gone", gone.request());
        assertInstanceOf(AriException.Conflict.class, failure(ari.channels().get("dup").send()));
        var notInStasis = assertInstanceOf(AriException.Unprocessable.class,
                failure(ari.bridges().addChannel("b1", "c1").send()));
        assertEquals(422, notInStasis.status());
        assertEquals("Channel not in Stasis application", notInStasis.asteriskMessage());
        var alloc = assertInstanceOf(AriException.ServerError.class, failure(ari.channels().get("alloc").send()));
        assertEquals("Allocation failed", alloc.asteriskMessage());
        assertInstanceOf(AriException.Unauthorized.class, failure(ari.channels().get("locked").send()));
        assertInstanceOf(AriException.BadResponse.class, failure(ari.channels().get("garbled").send()));
    }

    @Test
    void aSlowAsteriskTimesOut() throws Exception {
        var timeout = assertInstanceOf(AriException.Timeout.class,
                failure(client(server.baseUrl(), Duration.ofMillis(300)).channels().get("slow").send()));
        assertTrue(timeout.getMessage().contains("300 ms"), timeout.getMessage());
    }

    @Test
    void aRefusedConnectionFailsClearly() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        var refused = assertInstanceOf(AriException.ConnectionFailed.class,
                failure(client("http://127.0.0.1:" + closedPort + "/ari", Duration.ofSeconds(5)).asterisk().ping()
                        .send()));
        assertEquals(0, refused.status());
    }

    @Test
    void listParametersAreCommaSeparated() throws Exception {
        var request = client().channels().play("c1", "sound:a", "sound:b").playbackId("pb-1").toRequest();
        assertEquals("/channels/c1/play?media=sound%3Aa%2Csound%3Ab&playbackId=pb-1", request.uri());
    }
}
