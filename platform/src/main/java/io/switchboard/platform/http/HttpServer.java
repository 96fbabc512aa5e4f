package io.switchboard.platform.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Route;

/** The node's HTTP listener: binds the management API's routes on the configured host and port. */
public final class HttpServer implements AutoCloseable {
    private final ServerBinding binding;

    private HttpServer(ServerBinding binding) {
        this.binding = binding;
    }

    /** Binds {@code routes}, waiting for the port; a port in use is an {@link IllegalArgumentException}. */
    public static HttpServer start(ActorSystem<?> system, HttpSettings settings, Route routes) {
        try {
            ServerBinding binding = Http.get(system).newServerAt(settings.host(), settings.port())
                    .bind(routes).toCompletableFuture().get(10, TimeUnit.SECONDS);
            return new HttpServer(binding);
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalArgumentException("switchboard.http: cannot listen on " + settings.host() + ":"
                    + settings.port() + " (" + cause.getMessage() + "); set SWITCHBOARD_HTTP_PORT to a free port");
        }
    }

    public int port() {
        return binding.localAddress().getPort();
    }

    public String url() {
        return "http://" + binding.localAddress().getHostString() + ":" + port();
    }

    @Override
    public void close() {
        try {
            binding.terminate(Duration.ofSeconds(3)).toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the actor system's shutdown unbinds anyway
        }
    }
}
