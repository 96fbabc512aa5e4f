package io.switchboard.ari.client;

import io.switchboard.ari.events.Connected;
import io.switchboard.ari.events.Disconnected;
import io.switchboard.ari.events.EventStreamItem;
import io.switchboard.ari.events.MalformedFrame;
import io.switchboard.ari.events.RESTResponse;
import io.switchboard.ari.json.AriJson;
import io.switchboard.ari.rest.AriException;
import io.switchboard.ari.rest.AriRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.event.Logging;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.headers.Authorization;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.model.ws.WebSocketRequest;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgradeResponse;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.japi.pf.PFBuilder;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.BufferOverflowException;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The ARI event WebSocket as a never-ending stream: it connects, emits {@link Connected}, the decoded
 * frames in socket order, then {@link Disconnected} when the socket goes, and reconnects with exponential
 * backoff and jitter, forever.
 */
final class EventSocket {
    private static final int OUTGOING_BUFFER = 1024;

    private final Http http;
    private final AriSettings settings;
    private final Authorization authorization;
    private final LoggingAdapter log;
    private final WebSocketCommands commands;
    private final IntConsumer onConnected;

    EventSocket(ClassicActorSystemProvider system, AriSettings settings, WebSocketCommands commands,
                IntConsumer onConnected) {
        this.http = Http.get(system.classicSystem());
        this.settings = settings;
        this.authorization = Authorization.basic(settings.username(), settings.password());
        this.log = system.classicSystem().log();
        this.commands = commands;
        this.onConnected = onConnected;
    }

    Source<EventStreamItem, NotUsed> source(AriRequest request) {
        String url = settings.webSocketUrl(request.uri());
        List<String> apps = request.queryParam("app").map(a -> List.of(a.split(","))).orElse(List.of());
        AriSettings.Reconnect backoff = settings.reconnect();
        RestartSettings restart = RestartSettings.create(backoff.minBackoff(), backoff.maxBackoff(),
                        backoff.randomFactor())
                // each failed attempt is logged once, without a stack trace, by connectOnce
                .withLogSettings(RestartSettings.createLogSettings(Logging.DebugLevel()));
        return Source.<EventStreamItem, NotUsed>fromMaterializer((materializer, attributes) -> {
            AtomicInteger connections = new AtomicInteger();
            return RestartSource.withBackoff(restart,
                    () -> connectOnce(url, apps, connections, materializer));
        }).mapMaterializedValue(ignored -> NotUsed.getInstance());
    }

    private Source<EventStreamItem, NotUsed> connectOnce(String url, List<String> apps, AtomicInteger connections,
                                                         Materializer materializer) {
        Pair<BoundedSourceQueue<Message>, Source<Message, NotUsed>> outgoing =
                Source.<Message>queue(OUTGOING_BUFFER).preMaterialize(materializer);
        BoundedSourceQueue<Message> queue = outgoing.first();
        Pair<CompletionStage<WebSocketUpgradeResponse>, Source<Message, NotUsed>> socket = outgoing.second()
                .viaMat(http.webSocketClientFlow(WebSocketRequest.create(url).addHeader(authorization)),
                        Keep.right())
                .preMaterialize(materializer);
        CompletionStage<Connected> connected = socket.first().thenApply(upgrade -> {
            if (!upgrade.isValid()) {
                queue.complete();
                int status = upgrade.response().status().intValue();
                AriException refused = AriException.forStatus("GET " + url, status, upgrade.invalidationReason());
                log.warning("ARI event socket refused: {}", refused.getMessage());
                throw refused;
            }
            int n = connections.incrementAndGet();
            if (commands != null) {
                commands.attach(queue, n);
            }
            onConnected.accept(n);
            return new Connected(url, apps, n, Instant.now());
        });

        return Source.completionStage(connected)
                .flatMapConcat(c -> Source.<EventStreamItem>single(c)
                        .concat(frames(socket.second(), queue, c.connection(), materializer)))
                .watchTermination((mat, done) -> {
                    done.whenComplete((ok, failure) -> {
                        queue.complete();
                        if (commands != null) {
                            commands.detach(queue, "stream ended");
                        }
                    });
                    return mat;
                })
                .mapMaterializedValue(ignored -> NotUsed.getInstance());
    }

    /** The frames of one connection, closed by exactly one {@link Disconnected}. */
    private Source<EventStreamItem, NotUsed> frames(Source<Message, NotUsed> incoming,
                                                    BoundedSourceQueue<Message> queue, int connection,
                                                    Materializer materializer) {
        return incoming
                .mapAsync(1, message -> decode(message, settings, materializer))
                .filter(item -> commands == null || !(item instanceof RESTResponse r && commands.complete(r)))
                .buffer(settings.eventBufferSize(), OverflowStrategy.fail())
                .concatLazy(Source.lazySingle(() -> disconnected(queue, connection, "closed by Asterisk", null)))
                .recover(new PFBuilder<Throwable, EventStreamItem>()
                        .match(Throwable.class, failure -> disconnected(queue, connection, describe(failure), failure))
                        .build());
    }

    private Disconnected disconnected(BoundedSourceQueue<Message> queue, int connection, String reason,
                                      Throwable cause) {
        if (commands != null) {
            commands.detach(queue, reason);
        }
        queue.complete();
        if (cause != null) {
            log.warning("ARI event socket {} lost: {}", connection, reason);
        }
        return new Disconnected(connection, reason, Optional.ofNullable(cause), Instant.now());
    }

    private String describe(Throwable failure) {
        if (failure instanceof BufferOverflowException) {
            return "consumer too slow: more than " + settings.eventBufferSize()
                    + " events waiting; the socket was closed so that no event is silently dropped";
        }
        return "connection failed: " + failure.getMessage();
    }

    static CompletionStage<EventStreamItem> decode(Message message, AriSettings settings, Materializer materializer) {
        if (message.isText()) {
            TextMessage text = message.asTextMessage();
            if (text.isStrict()) {
                return CompletableFuture.completedFuture(AriJson.decodeFrame(text.getStrictText()));
            }
            return text.toStrict(settings.requestTimeout().toMillis(), materializer)
                    .thenApply(strict -> AriJson.decodeFrame(strict.getStrictText()));
        }
        message.asBinaryMessage().getStreamedData().runWith(Sink.ignore(), materializer);
        return CompletableFuture.completedFuture(
                new MalformedFrame("(binary frame)", "ARI sends text frames; a binary frame was skipped"));
    }
}
