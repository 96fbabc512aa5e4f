package io.switchboard.ari.client;

import io.switchboard.ari.events.Connected;
import io.switchboard.ari.events.Disconnected;
import io.switchboard.ari.events.EventStreamItem;
import io.switchboard.ari.events.MalformedFrame;
import io.switchboard.ari.events.RESTResponse;
import io.switchboard.ari.json.AriJson;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.japi.pf.PFBuilder;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.BufferOverflowException;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Event sockets that Asterisk opens to this program (outbound WebSockets, Asterisk 22.5+) instead of the other
 * way round. Each accepted socket hands the receiver {@link Connected}, its frames in order and one
 * {@link Disconnected}, and carries REST requests while it is open (Asterisk answers them on it).
 */
final class AcceptedSockets {
    private static final int OUTGOING_BUFFER = 1024;

    private final AriSettings settings;
    private final WebSocketCommands commands;
    private final Materializer materializer;
    private final LoggingAdapter log;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicReference<EventReceiver> consumer = new AtomicReference<>();

    AcceptedSockets(AriSettings settings, WebSocketCommands commands, Materializer materializer, LoggingAdapter log) {
        this.settings = settings;
        this.commands = commands;
        this.materializer = materializer;
        this.log = log;
    }

    /** The items of every accepted socket as one stream; while it runs, {@link #accept} takes sockets. */
    Source<EventStreamItem, NotUsed> source() {
        return ReceiverSource.of(settings.eventBufferSize(), this::receive);
    }

    /** Hands the items of every socket accepted from now on to {@code receiver}, until closed. */
    AriSubscription receive(EventReceiver receiver) {
        consumer.set(receiver);
        CompletableFuture<Done> done = new CompletableFuture<>();
        return new AriSubscription(() -> {
            consumer.compareAndSet(receiver, null);
            done.complete(Done.getInstance());
        }, done);
    }

    /** True when someone consumes the events: a socket accepted now would be heard. */
    boolean accepting() {
        return consumer.get() != null;
    }

    /**
     * The flow to serve one socket Asterisk opened (e.g. {@code upgrade.handleMessagesWith(flow)}). Commands go
     * over the newest socket: Asterisk keeps one connection per outbound websocket client.
     */
    Flow<Message, Message, NotUsed> accept(String remote) {
        EventReceiver receiver = consumer.get();
        if (receiver == null) {
            throw new IllegalStateException("no one consumes the events of accepted sockets yet");
        }
        Pair<BoundedSourceQueue<Message>, Source<Message, NotUsed>> outgoing =
                Source.<Message>queue(OUTGOING_BUFFER).preMaterialize(materializer);
        BoundedSourceQueue<Message> queue = outgoing.first();
        FrameSink sink = frame -> queue.offer(TextMessage.create(frame)) == QueueOfferResult.enqueued();
        int connection = connections.incrementAndGet();
        if (commands != null) {
            commands.attach(sink, connection);
            // an Asterisk that connects out (22.5+) takes REST requests on the socket (22.4+)
            commands.restSupported(connection, true);
        }
        log.info("Asterisk connected from {} (accepted socket {})", remote, connection);
        String overflow = "consumer too slow: more than " + settings.eventBufferSize()
                + " events waiting; the socket was closed so that no event is silently dropped";
        Sink<Message, NotUsed> incoming = Flow.<Message>create()
                .mapAsync(1, this::decode)
                .filter(item -> commands == null || !(item instanceof RESTResponse r && commands.complete(r)))
                .map(item -> {
                    if (receiver.backlog() >= settings.eventBufferSize()) {
                        throw new BufferOverflowException(overflow);
                    }
                    return item;
                })
                .prepend(Source.single(new Connected(remote, settings.apps(), connection, Instant.now())))
                .concatLazy(Source.lazySingle(() -> closed(queue, sink, connection, "closed by Asterisk", null)))
                .recover(new PFBuilder<Throwable, EventStreamItem>()
                        .match(BufferOverflowException.class, failure -> closed(queue, sink, connection, overflow,
                                failure))
                        .match(Throwable.class, failure -> closed(queue, sink, connection,
                                "connection failed: " + failure.getMessage(), failure))
                        .build())
                .to(Sink.foreach(receiver::receive));
        return Flow.fromSinkAndSourceCoupled(incoming, outgoing.second());
    }

    private Disconnected closed(BoundedSourceQueue<Message> queue, FrameSink sink, int connection, String reason,
                                Throwable cause) {
        if (commands != null) {
            commands.detach(sink, reason);
        }
        try {
            queue.complete();
        } catch (IllegalStateException alreadyEnded) {
            // the outgoing side ended first (the socket is gone either way)
        }
        log.warning("Asterisk's socket {} closed: {}", connection, reason);
        return new Disconnected(connection, reason, Optional.ofNullable(cause), Instant.now());
    }

    private CompletionStage<EventStreamItem> decode(Message message) {
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

    List<String> apps() {
        return settings.apps();
    }
}
