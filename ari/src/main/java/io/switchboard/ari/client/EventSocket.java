package io.switchboard.ari.client;

import io.switchboard.ari.events.Connected;
import io.switchboard.ari.events.Disconnected;
import io.switchboard.ari.events.EventStreamItem;
import io.switchboard.ari.events.MalformedFrame;
import io.switchboard.ari.events.RESTResponse;
import io.switchboard.ari.json.AriJson;
import io.switchboard.ari.rest.AriException;
import io.switchboard.ari.rest.AriRequest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.stream.BufferOverflowException;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The ARI event WebSocket, opened by this program: it connects, hands the receiver {@link Connected}, the
 * decoded frames in socket order, then {@link Disconnected} when the socket goes, and reconnects with exponential
 * backoff and jitter until closed. It runs on the JDK's WebSocket client: one listener call per frame, where a
 * streaming client would build a sub-stream for every message.
 */
final class EventSocket {
    private static final int OUTGOING_BUFFER = 1024;
    private static final int LARGEST_KEPT_BUFFER = 64 * 1024;

    private final ActorSystem system;
    private final HttpClient http;
    private final AriSettings settings;
    private final String authorization;
    private final LoggingAdapter log;
    private final WebSocketCommands commands;
    private final IntConsumer onConnected;

    EventSocket(ClassicActorSystemProvider system, AriSettings settings, WebSocketCommands commands,
                IntConsumer onConnected) {
        this.system = system.classicSystem();
        this.http = HttpClient.newBuilder().executor(this.system.dispatcher())
                .connectTimeout(settings.requestTimeout()).build();
        this.settings = settings;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(
                (settings.username() + ":" + settings.password()).getBytes(StandardCharsets.UTF_8));
        this.log = this.system.log();
        this.commands = commands;
        this.onConnected = onConnected;
    }

    Source<EventStreamItem, NotUsed> source(AriRequest request) {
        return ReceiverSource.of(settings.eventBufferSize(), receiver -> open(request, receiver));
    }

    AriSubscription open(AriRequest request, EventReceiver receiver) {
        List<String> apps = request.queryParam("app").map(a -> List.of(a.split(","))).orElse(List.of());
        Connection connection = new Connection(settings.webSocketUrl(request.uri()), apps, receiver);
        connection.connect();
        return new AriSubscription(connection::close, connection.done);
    }

    /** One subscription: a socket at a time, opened again after each loss until {@link #close}. */
    private final class Connection implements WebSocket.Listener {
        private final String url;
        private final List<String> apps;
        private final EventReceiver receiver;
        private final CompletableFuture<Done> done = new CompletableFuture<>();
        private final AtomicReference<WebSocket> open = new AtomicReference<>();
        /** A message arriving in several parts (a listing of every channel can be megabytes). */
        private StringBuilder partial = new StringBuilder();
        private volatile boolean closed;
        private volatile Cancellable reconnect;
        private int failedAttempts;
        private int connections;
        private FrameSink sender;

        Connection(String url, List<String> apps, EventReceiver receiver) {
            this.url = url;
            this.apps = apps;
            this.receiver = receiver;
        }

        void connect() {
            if (closed) {
                return;
            }
            http.newWebSocketBuilder().header("Authorization", authorization)
                    .connectTimeout(settings.requestTimeout())
                    .buildAsync(URI.create(url), this)
                    .whenComplete((socket, failure) -> {
                        if (failure != null) {
                            attemptFailed(failure instanceof CompletionException ? failure.getCause() : failure);
                        }
                    });
        }

        private void attemptFailed(Throwable failure) {
            String why = failure instanceof WebSocketHandshakeException refused
                    ? AriException.forStatus("GET " + url, refused.getResponse().statusCode(),
                            String.valueOf(refused.getResponse().body())).getMessage()
                    : "connection failed: " + failure;
            if (failedAttempts == 0) {
                log.warning("ARI event socket {} not opened: {}; trying again with backoff", url, why);
            } else {
                log.debug("ARI event socket {} not opened (attempt {}): {}", url, failedAttempts + 1, why);
            }
            scheduleReconnect();
        }

        private void scheduleReconnect() {
            if (closed) {
                return;
            }
            AriSettings.Reconnect backoff = settings.reconnect();
            double exponential = backoff.minBackoff().toNanos() * Math.pow(2, Math.min(failedAttempts, 30));
            double capped = Math.min(exponential, backoff.maxBackoff().toNanos());
            long delay = (long) (capped * (1 + ThreadLocalRandom.current().nextDouble() * backoff.randomFactor()));
            failedAttempts++;
            reconnect = system.scheduler().scheduleOnce(Duration.ofNanos(delay), this::connect, system.dispatcher());
        }

        @Override
        public void onOpen(WebSocket socket) {
            if (closed) {
                socket.abort();
                return;
            }
            failedAttempts = 0;
            int n = ++connections;
            open.set(socket);
            sender = new TextSender(socket, OUTGOING_BUFFER);
            if (commands != null) {
                commands.attach(sender, n);
            }
            onConnected.accept(n);
            receiver.receive(new Connected(url, apps, n, Instant.now()));
            socket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
            if (!last) {
                partial.append(data);
                socket.request(1);
                return null;
            }
            if (partial.isEmpty()) {
                deliver(socket, AriJson.decodeFrame(data));
            } else {
                String text = partial.append(data).toString();
                emptyPartial();
                deliver(socket, AriJson.decodeFrame(text));
            }
            return null;
        }

        /** Keeps no large buffer once its message is out: it would stay as big as the largest message seen. */
        private void emptyPartial() {
            if (partial.capacity() > LARGEST_KEPT_BUFFER) {
                partial = new StringBuilder();
            } else {
                partial.setLength(0);
            }
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
            if (last) {
                deliver(socket, new MalformedFrame("(binary frame)", "ARI sends text frames; a binary frame was skipped"));
            } else {
                socket.request(1);
            }
            return null;
        }

        private void deliver(WebSocket socket, EventStreamItem item) {
            if (commands != null && item instanceof RESTResponse response && commands.complete(response)) {
                socket.request(1);
                return;
            }
            if (receiver.backlog() >= settings.eventBufferSize()) {
                String reason = "consumer too slow: more than " + settings.eventBufferSize()
                        + " events waiting; the socket was closed so that no event is silently dropped";
                socket.abort();
                lost(socket, reason, new BufferOverflowException(reason));
                return;
            }
            receiver.receive(item);
            socket.request(1);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket socket, int statusCode, String reason) {
            lost(socket, "closed by Asterisk", null);
            return null;
        }

        @Override
        public void onError(WebSocket socket, Throwable error) {
            lost(socket, "connection failed: " + error, error);
        }

        /** The socket is gone: exactly one Disconnected for it, then a new attempt after the backoff. */
        private void lost(WebSocket socket, String reason, Throwable cause) {
            if (!open.compareAndSet(socket, null)) {
                return;
            }
            emptyPartial();
            if (commands != null) {
                commands.detach(sender, reason);
            }
            if (cause != null) {
                log.warning("ARI event socket {} lost: {}", connections, reason);
            }
            receiver.receive(new Disconnected(connections, reason, Optional.ofNullable(cause), Instant.now()));
            scheduleReconnect();
        }

        void close() {
            closed = true;
            Cancellable pending = reconnect;
            if (pending != null) {
                pending.cancel();
            }
            WebSocket socket = open.getAndSet(null);
            if (socket != null) {
                if (commands != null) {
                    commands.detach(sender, "closed by this program");
                }
                socket.abort();
            }
            done.complete(Done.getInstance());
        }
    }
}
