package io.switchboard.ari.rest;

import io.switchboard.ari.events.EventStreamItem;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;

/** The event WebSocket operation ({@code GET /events}): built like any request, opened as a stream. */
public abstract class AriWebSocketOperation extends AriOperation<Void> {
    private final AriTransport transport;

    protected AriWebSocketOperation(AriTransport transport, String method, String pathTemplate) {
        super(transport, method, pathTemplate, ResponseType.VOID);
        this.transport = transport;
    }

    /**
     * The event stream. Each materialization opens its own socket, and a second socket for the same
     * application replaces the first (Asterisk sends the first {@code ApplicationReplaced}).
     */
    public Source<EventStreamItem, NotUsed> stream() {
        return transport.events(toRequest());
    }

    /** Not a REST call: use {@link #stream()}. */
    @Override
    public java.util.concurrent.CompletionStage<Void> send() {
        return java.util.concurrent.CompletableFuture.failedFuture(
                new IllegalStateException("GET /events is a WebSocket: open it with stream()"));
    }
}
