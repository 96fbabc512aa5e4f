package io.switchboard.ari.client;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;

/** A throw-away HTTP/WebSocket server on 127.0.0.1 that plays Asterisk's part in a client test. */
final class LocalServer implements AutoCloseable {
    private final ServerBinding binding;

    private LocalServer(ServerBinding binding) {
        this.binding = binding;
    }

    static LocalServer start(ActorSystem system, Function<HttpRequest, CompletionStage<HttpResponse>> handler)
            throws Exception {
        ServerBinding binding = Http.get(system).newServerAt("127.0.0.1", 0).bind(handler::apply)
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        return new LocalServer(binding);
    }

    int port() {
        return binding.localAddress().getPort();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port() + "/ari";
    }

    @Override
    public void close() throws Exception {
        binding.terminate(Duration.ofSeconds(1)).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    /** Waits (bounded) for something another thread makes true. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }
}
