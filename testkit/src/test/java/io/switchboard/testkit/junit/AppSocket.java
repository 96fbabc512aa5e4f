package io.switchboard.testkit.junit;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/** A bare events WebSocket (JDK client) so that an app is registered; the probe reads the events. */
final class AppSocket implements AutoCloseable {
    private final WebSocket socket;

    private AppSocket(WebSocket socket) {
        this.socket = socket;
    }

    static AppSocket open(SimulatedAsteriskExtension sim, String app) throws Exception {
        String auth = Base64.getEncoder().encodeToString((sim.user() + ":" + sim.password()).getBytes());
        WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                .header("Authorization", "Basic " + auth)
                .connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create(sim.ariUrl().replaceFirst("^http", "ws") + "/events?app=" + app),
                        new WebSocket.Listener() { })
                .get(5, TimeUnit.SECONDS);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!sim.sim().appRegistered(app)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("app " + app + " not registered within 5 s");
            }
            Thread.onSpinWait();
        }
        return new AppSocket(ws);
    }

    @Override
    public void close() {
        socket.abort();
    }
}
