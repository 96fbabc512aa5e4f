package io.switchboard.examples.endpoints;

import io.switchboard.ari.client.AriClient;
import io.switchboard.ari.client.AriEventListener;
import io.switchboard.ari.client.AriSubscription;
import io.switchboard.ari.events.AriEvent;
import io.switchboard.ari.events.Connected;
import io.switchboard.ari.events.EndpointStateChange;
import io.switchboard.ari.model.Endpoint;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Prints an Asterisk's endpoints (GET /endpoints), then every endpoint state change as it happens. The
 * client's application must be subscribed to all events (or to the endpoints) to hear the changes.
 */
public final class EndpointWatcher {
    private final AriClient ari;
    private final Consumer<String> out;

    public EndpointWatcher(AriClient ari, Consumer<String> out) {
        this.ari = ari;
        this.out = out;
    }

    /** Prints one line per endpoint; completes with them. */
    public CompletionStage<List<Endpoint>> printEndpoints() {
        return ari.endpoints().list().send().thenApply(endpoints -> {
            out.accept(endpoints.size() + " endpoints:");
            endpoints.forEach(endpoint -> out.accept("  " + describe(endpoint)));
            return endpoints;
        });
    }

    /** Prints every EndpointStateChange until closed; the stage completes once the event socket is up. */
    public CompletionStage<AriSubscription> watchChanges() {
        CompletableFuture<Void> connected = new CompletableFuture<>();
        AriSubscription subscription = ari.listen(new AriEventListener() {
            @Override
            public void onEvent(AriEvent event) {
                if (event instanceof EndpointStateChange change) {
                    out.accept("changed: " + describe(change.endpoint()));
                }
            }

            @Override
            public void onConnected(Connected c) {
                connected.complete(null);
            }
        });
        return connected.thenApply(x -> subscription);
    }

    /** e.g. {@code PJSIP/agent1 online, channels [1712.5]}. */
    public static String describe(Endpoint endpoint) {
        List<String> channels = endpoint.channelIds() == null ? List.of() : endpoint.channelIds();
        return endpoint.technology() + "/" + endpoint.resource() + " " + endpoint.state()
                + (channels.isEmpty() ? ", no channels" : ", channels " + channels);
    }
}
