package io.switchboard.simulator.server;

import io.switchboard.ari.events.ApplicationRegistered;
import io.switchboard.ari.json.AriJson;
import io.switchboard.simulator.OutboundWebSocketConfig;
import io.switchboard.simulator.clock.SimTimer;
import io.switchboard.simulator.state.AppSocket;
import io.switchboard.simulator.state.AsteriskState;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.event.Logging;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.headers.Authorization;
import org.apache.pekko.http.javadsl.model.headers.HttpCredentials;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.model.ws.WebSocketRequest;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgradeResponse;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * A persistent outbound ARI WebSocket, as res/ari/ari_websockets.c of Asterisk 22.10.1 runs it: the session
 * registers its apps when the configuration loads ({@code session_create} → {@code session_register_apps}),
 * so Stasis() works before anything is connected and while the connection is down; every frame for it is
 * queued while there is no socket ({@code session_send_or_queue}) and written in order when a connection
 * comes up ({@code session_update}), which on a re-connect (not the first) then sends ApplicationRegistered
 * for each app. The handler thread connects, and after a failed attempt waits {@code reconnect_interval} and
 * tries again, forever; once connected it answers RESTRequest frames on the socket; when the socket closes
 * it logs "Websocket disconnected.  Reconnecting" and connects again at once.
 *
 * <p>State is touched only on the state thread; completions of the HTTP client hop onto it. The wait between
 * attempts runs on the simulator's clock, so a test on the manual clock drives it by advancing.
 */
public final class OutboundWebSocket implements AppSocket {
    private final ActorSystem system;
    private final AsteriskState ast;
    private final RestOverWebSocket rest;
    private final OutboundWebSocketConfig config;
    private final AtomicLong allSockets;
    private final AtomicLong sent = new AtomicLong();
    private final LoggingAdapter log;
    private final ArrayDeque<String> queued = new ArrayDeque<>();
    private Connection live;
    private Connection connecting;
    private int nextUri;
    private int attempts;
    private int connects;
    private String uri;
    private Instant lastConnectedAt;
    private Instant lastDisconnectedAt;
    private SimTimer retry = SimTimer.NONE;
    private boolean closed;

    /** One connection attempt and, once upgraded, the connection. */
    private static final class Connection {
        final URI uri;
        final BoundedSourceQueue<Message> out;
        boolean terminated;

        Connection(URI uri, BoundedSourceQueue<Message> out) {
            this.uri = uri;
            this.out = out;
        }

        /** Ends the outgoing frames; the queue refuses this once the stream has already ended. */
        void finish() {
            try {
                out.complete();
            } catch (RuntimeException alreadyEnded) {
                // nothing left to close
            }
        }
    }

    OutboundWebSocket(ActorSystem system, AsteriskState ast, RestOverWebSocket rest, OutboundWebSocketConfig config,
                      AtomicLong allSockets) {
        this.system = system;
        this.ast = ast;
        this.rest = rest;
        this.config = config;
        this.allSockets = allSockets;
        this.log = Logging.getLogger(system, OutboundWebSocket.class);
    }

    /** On the state thread: registers the apps (their ApplicationRegistered wait in the queue) and connects. */
    void start() {
        for (String app : config.apps()) {
            boolean alreadyRegistered = ast.apps.registered(app);
            ast.apps.register(app, this, config.subscribeAll());
            if (!alreadyRegistered) {
                send(registered(app));
            }
        }
        connect();
    }

    /** On the state thread: stops reconnecting and closes the connection. */
    void close() {
        closed = true;
        retry.cancel();
        if (live != null) {
            live.finish();
        }
        if (connecting != null) {
            connecting.finish();
        }
    }

    @Override
    public void send(String frame) {
        if (live == null) {
            queued.add(frame);
        } else {
            write(live, frame);
        }
    }

    @Override
    public long sent() {
        return sent.get();
    }

    OutboundStatus status() {
        return new OutboundStatus(true, live != null, uri, connects, attempts, queued.size(), lastConnectedAt,
                lastDisconnectedAt);
    }

    private void write(Connection connection, String frame) {
        if (connection.out.offer(TextMessage.create(frame)) == QueueOfferResult.enqueued()) {
            sent.incrementAndGet();
            allSockets.incrementAndGet();
        }
    }

    private String registered(String app) {
        return AriJson.encode(new ApplicationRegistered(ast.asteriskId, app, ast.timestamp()));
    }

    private void connect() {
        if (closed) {
            return;
        }
        URI target = config.uris().get(nextUri);
        nextUri = (nextUri + 1) % config.uris().size();
        attempts++;
        uri = target.toString();
        Materializer materializer = Materializer.matFromSystem(system);
        Pair<BoundedSourceQueue<Message>, Source<Message, NotUsed>> out =
                Source.<Message>queue(65536).preMaterialize(system);
        Connection connection = new Connection(target, out.first());
        connecting = connection;
        String firstApp = config.apps().get(0);
        Sink<Message, NotUsed> in = Flow.<Message>create()
                .filter(Message::isText)
                .mapAsync(1, m -> m.asTextMessage().toStrict(5000, materializer))
                .map(TextMessage::getStrictText)
                .watchTermination((notUsed, done) -> {
                    done.whenComplete((d, e) -> ast.executor.execute(() -> terminated(connection)));
                    return NotUsed.getInstance();
                })
                .to(Sink.foreach(text -> ast.executor.execute(() -> send(rest.handle(text, firstApp)))));
        // Asterisk's sample configuration asks for the "ari" protocol (websocket_client.conf protocols = ari)
        WebSocketRequest request = WebSocketRequest.create(target.toString()).requestSubprotocol("ari");
        if (config.username() != null) {
            request = request.addHeader(Authorization.create(
                    HttpCredentials.createBasicHttpCredentials(config.username(), config.password())));
        }
        CompletionStage<WebSocketUpgradeResponse> upgrade;
        try {
            upgrade = Http.get(system).singleWebSocketRequest(request,
                    Flow.fromSinkAndSourceCoupled(in, out.second()), materializer).first();
        } catch (RuntimeException e) {
            upgrade = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        upgrade.whenComplete((response, error) -> ast.executor.execute(() ->
                upgraded(connection, error == null && response.isValid(),
                        error != null ? String.valueOf(error.getMessage())
                                : response.isValid() ? "" : response.invalidationReason())));
    }

    private void upgraded(Connection connection, boolean ok, String failure) {
        if (connection != connecting) {
            return;
        }
        connecting = null;
        if (closed) {
            connection.finish();
            return;
        }
        if (!ok) {
            connection.finish();
            log.debug("{}: connecting to {} failed: {}", config.id(), connection.uri, failure);
            retry = ast.clock.schedule(config.reconnectInterval(), this::connect);
            return;
        }
        log.info("{}: Outbound websocket connected to {}", config.id(), connection.uri);
        live = connection;
        connects++;
        lastConnectedAt = ast.clock.now();
        while (!queued.isEmpty()) {
            write(connection, queued.poll());
        }
        if (connects > 1) {
            // the first connection's ApplicationRegistered were queued when the apps were registered
            config.apps().forEach(app -> send(registered(app)));
        }
        if (connection.terminated) {
            // the application closed the socket before we saw it open
            disconnected(connection);
        }
    }

    private void terminated(Connection connection) {
        connection.terminated = true;
        if (connection == live) {
            disconnected(connection);
        }
    }

    private void disconnected(Connection connection) {
        live = null;
        connection.finish();
        lastDisconnectedAt = ast.clock.now();
        if (closed) {
            return;
        }
        log.warning("{}: Websocket disconnected.  Reconnecting", config.id());
        connect();
    }
}
