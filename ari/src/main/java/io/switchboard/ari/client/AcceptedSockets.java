package io.switchboard.ari.client;

import io.switchboard.ari.events.Connected;
import io.switchboard.ari.events.Disconnected;
import io.switchboard.ari.events.EventStreamItem;
import io.switchboard.ari.events.RESTResponse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.pekko.NotUsed;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.japi.pf.PFBuilder;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.MergeHub;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Event sockets that Asterisk opens to this program (outbound WebSockets, Asterisk 22.5+) instead of the other
 * way round. Each accepted socket adds {@link Connected}, its frames in order and one {@link Disconnected} to
 * one never-ending stream, and carries REST requests while it is open (Asterisk answers them on it).
 */
final class AcceptedSockets {
    private static final int OUTGOING_BUFFER = 1024;

    private final AriSettings settings;
    private final WebSocketCommands commands;
    private final Materializer materializer;
    private final LoggingAdapter log;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicReference<Sink<EventStreamItem, NotUsed>> consumer = new AtomicReference<>();

    AcceptedSockets(AriSettings settings, WebSocketCommands commands, Materializer materializer, LoggingAdapter log) {
        this.settings = settings;
        this.commands = commands;
        this.materializer = materializer;
        this.log = log;
    }

    /** The stream of every accepted socket's items; while it runs, {@link #accept} takes sockets. */
    Source<EventStreamItem, NotUsed> source() {
        return MergeHub.of(EventStreamItem.class, 16).mapMaterializedValue(sink -> {
            consumer.set(sink);
            return NotUsed.getInstance();
        });
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
        Sink<EventStreamItem, NotUsed> events = consumer.get();
        if (events == null) {
            throw new IllegalStateException("no one consumes the events of accepted sockets yet");
        }
        Pair<BoundedSourceQueue<Message>, Source<Message, NotUsed>> outgoing =
                Source.<Message>queue(OUTGOING_BUFFER).preMaterialize(materializer);
        BoundedSourceQueue<Message> queue = outgoing.first();
        int connection = connections.incrementAndGet();
        if (commands != null) {
            commands.attach(queue, connection);
            // an Asterisk that connects out (22.5+) takes REST requests on the socket (22.4+)
            commands.restSupported(connection, true);
        }
        log.info("Asterisk connected from {} (accepted socket {})", remote, connection);
        Sink<Message, NotUsed> incoming = Flow.<Message>create()
                .mapAsync(1, message -> EventSocket.decode(message, settings, materializer))
                .filter(item -> commands == null || !(item instanceof RESTResponse r && commands.complete(r)))
                .buffer(settings.eventBufferSize(), OverflowStrategy.fail())
                .prepend(Source.single(new Connected(remote, settings.apps(), connection, Instant.now())))
                .concatLazy(Source.lazySingle(() -> closed(queue, connection, "closed by Asterisk", null)))
                .recover(new PFBuilder<Throwable, EventStreamItem>()
                        .match(Throwable.class, failure -> closed(queue, connection,
                                "connection failed: " + failure.getMessage(), failure))
                        .build())
                .to(events);
        return Flow.fromSinkAndSourceCoupled(incoming, outgoing.second());
    }

    private Disconnected closed(BoundedSourceQueue<Message> queue, int connection, String reason, Throwable cause) {
        if (commands != null) {
            commands.detach(queue, reason);
        }
        try {
            queue.complete();
        } catch (IllegalStateException alreadyEnded) {
            // the outgoing side ended first (the socket is gone either way)
        }
        log.warning("Asterisk's socket {} closed: {}", connection, reason);
        return new Disconnected(connection, reason, Optional.ofNullable(cause), Instant.now());
    }

    List<String> apps() {
        return settings.apps();
    }
}
