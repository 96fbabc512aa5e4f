package io.switchboard.ari.rest;

import io.switchboard.ari.events.EventStreamItem;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Carries ARI requests to Asterisk: over HTTP, or as REST over the event WebSocket (Asterisk 22.4+).
 * A failed request completes exceptionally with an {@link AriException}.
 */
public interface AriTransport {

    <T> CompletionStage<T> execute(AriRequest request, ResponseType<T> responseType);

    /** Opens the event WebSocket that {@code request} ({@code GET /events?app=...}) describes. */
    Source<EventStreamItem, NotUsed> events(AriRequest request);
}
