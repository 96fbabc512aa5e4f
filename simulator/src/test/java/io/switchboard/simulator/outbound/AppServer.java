package io.switchboard.simulator.outbound;

import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.model.ws.WebSocketUpgrade;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * A stand-in for an application node that Asterisk connects out to: a Pekko HTTP WebSocket server on
 * 127.0.0.1 that accepts (subprotocol {@code ari}) or refuses (503) upgrades, and hands each accepted
 * connection to the test.
 */
final class AppServer implements AutoCloseable {
    private final ActorSystem system;
    private final ServerBinding binding;
    private final BlockingQueue<Connection> connections = new LinkedBlockingQueue<>();
    private volatile boolean accepting;

    /** One accepted connection from the simulator. */
    static final class Connection {
        final String path;
        final String authorization;
        final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        final CompletableFuture<Void> closed = new CompletableFuture<>();
        private final BoundedSourceQueue<Message> out;

        Connection(String path, String authorization, BoundedSourceQueue<Message> out) {
            this.path = path;
            this.authorization = authorization;
            this.out = out;
        }

        void send(String frame) {
            out.offer(TextMessage.create(frame));
        }

        /** The application side closes the socket (a node going away). */
        void close() {
            out.complete();
        }

        /** The next frame, waiting up to 10 s. */
        String next() throws InterruptedException {
            String frame = frames.poll(10, TimeUnit.SECONDS);
            if (frame == null) {
                throw new AssertionError("no frame within 10 s on " + path);
            }
            return frame;
        }
    }

    AppServer(boolean accepting) {
        this.accepting = accepting;
        this.system = ActorSystem.create("app-server", ConfigFactory.parseString("pekko.loglevel = WARNING")
                .withFallback(ConfigFactory.defaultReference()));
        this.binding = Http.get(system).newServerAt("127.0.0.1", 0).bindSync(this::handle).toCompletableFuture().join();
    }

    URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + binding.localAddress().getPort() + path);
    }

    void accept(boolean value) {
        accepting = value;
    }

    /** The next connection the simulator makes, waiting up to 10 s. */
    Connection nextConnection() throws InterruptedException {
        Connection connection = connections.poll(10, TimeUnit.SECONDS);
        if (connection == null) {
            throw new AssertionError("the simulator did not connect within 10 s");
        }
        return connection;
    }

    int waitingConnections() {
        return connections.size();
    }

    private HttpResponse handle(HttpRequest request) {
        Optional<WebSocketUpgrade> upgrade = request.getAttribute(AttributeKeys.webSocketUpgrade);
        if (upgrade.isEmpty()) {
            return HttpResponse.create().withStatus(StatusCodes.NOT_FOUND);
        }
        if (!accepting) {
            return HttpResponse.create().withStatus(StatusCodes.SERVICE_UNAVAILABLE);
        }
        Pair<BoundedSourceQueue<Message>, Source<Message, NotUsed>> out =
                Source.<Message>queue(1024).preMaterialize(system);
        Connection connection = new Connection(request.getUri().path(),
                request.getHeader("Authorization").map(h -> h.value()).orElse(null), out.first());
        Sink<Message, NotUsed> in = Flow.<Message>create()
                .mapAsync(1, m -> m.asTextMessage().toStrict(5000, Materializer.matFromSystem(system)))
                .map(TextMessage::getStrictText)
                .watchTermination((notUsed, done) -> {
                    done.whenComplete((d, e) -> connection.closed.complete(null));
                    return NotUsed.getInstance();
                })
                .to(Sink.foreach(connection.frames::add));
        connections.add(connection);
        return upgrade.get().handleMessagesWith(Flow.fromSinkAndSourceCoupled(in, out.second()), "ari");
    }

    @Override
    public void close() {
        binding.unbind().toCompletableFuture().join();
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
    }
}
