package io.switchboard.ari.client;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.switchboard.ari.events.RESTResponse;
import io.switchboard.ari.json.AriDecodeException;
import io.switchboard.ari.json.AriJson;
import io.switchboard.ari.model.RESTQueryStringParameter;
import io.switchboard.ari.model.RESTRequest;
import io.switchboard.ari.rest.AriException;
import io.switchboard.ari.rest.AriRequest;
import io.switchboard.ari.rest.ResponseType;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * REST over the event WebSocket (Asterisk 22.4+): a request goes out as a {@code RESTRequest} frame and
 * completes when the {@code RESTResponse} with its {@code request_id} comes back on the same socket.
 */
final class WebSocketCommands {
    private static final ObjectWriter FRAME_WRITER = AriJson.mapper().writerFor(RESTRequest.class);
    private final AtomicReference<Socket> current = new AtomicReference<>();
    private final ConcurrentHashMap<String, Pending<?>> pending = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final Duration timeout;
    private final String idPrefix = "sb-" + Long.toHexString(System.nanoTime() & 0xffffff) + "-";

    /** One connected socket: where frames go, and whether its Asterisk understands RESTRequest. */
    private record Socket(FrameSink sink, int connection, boolean restSupported) {
    }

    private record Pending<T>(AriRequest request, ResponseType<T> responseType, CompletableFuture<T> result,
                              Socket socket) {
    }

    WebSocketCommands(Duration timeout) {
        this.timeout = timeout;
    }

    void attach(FrameSink sink, int connection) {
        current.set(new Socket(sink, connection, false));
    }

    /** Marks the socket of {@code connection} as able (or not) to carry REST requests. */
    void restSupported(int connection, boolean supported) {
        current.updateAndGet(s -> s != null && s.connection() == connection
                ? new Socket(s.sink(), connection, supported) : s);
    }

    /** The socket closed: requests still waiting on it fail, since their answers can no longer arrive. */
    void detach(FrameSink sink, String reason) {
        current.updateAndGet(s -> s != null && s.sink() == sink ? null : s);
        pending.values().removeIf(p -> {
            if (p.socket().sink() != sink) {
                return false;
            }
            p.result().completeExceptionally(new AriException.ConnectionFailed(p.request().toString(),
                    new java.io.IOException("event socket closed before the answer came (" + reason
                            + "); the request may or may not have been carried out")));
            return true;
        });
    }

    /** True when commands can go over the socket now. */
    boolean ready() {
        Socket s = current.get();
        return s != null && s.restSupported();
    }

    boolean connected() {
        return current.get() != null;
    }

    <T> CompletionStage<T> execute(AriRequest request, ResponseType<T> responseType) {
        Socket socket = current.get();
        if (socket == null) {
            return CompletableFuture.failedFuture(new AriException.ConnectionFailed(request.toString(),
                    new java.io.IOException("the event socket is not connected")));
        }
        String id = idPrefix + ids.incrementAndGet();
        CompletableFuture<T> result = new CompletableFuture<>();
        pending.put(id, new Pending<>(request, responseType, result, socket));
        if (!socket.sink().send(frame(id, request))) {
            fail(id, new AriException.ConnectionFailed(request.toString(), new java.io.IOException(
                    "the event socket did not take the request (closing, or too many requests waiting)")));
        }
        result.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((value, failure) -> {
            if (pending.remove(id) != null && failure instanceof java.util.concurrent.TimeoutException) {
                result.obtrudeException(new AriException.Timeout(request.toString(), timeout));
            }
        });
        return result.handle((value, failure) -> {
            if (failure == null) {
                return value;
            }
            throw HttpCommands.translate(request, failure, timeout);
        });
    }

    /** Completes the request this response answers; false if it answers none of ours. */
    boolean complete(RESTResponse response) {
        Pending<?> p = response.requestId() == null ? null : pending.remove(response.requestId());
        if (p == null) {
            return false;
        }
        answer(p, response);
        return true;
    }

    private <T> void answer(Pending<T> p, RESTResponse response) {
        int status = response.statusCode() == null ? 500 : response.statusCode();
        byte[] body = response.messageBody() == null ? new byte[0]
                : response.messageBody().getBytes(StandardCharsets.UTF_8);
        String request = p.request().toString();
        if (status >= 200 && status < 300) {
            try {
                p.result().complete(p.responseType().decode(body));
            } catch (AriDecodeException e) {
                p.result().completeExceptionally(new AriException.BadResponse(request, status, e));
            }
        } else {
            String message = body.length > 0 ? HttpCommands.errorMessage(body) : response.reasonPhrase();
            p.result().completeExceptionally(AriException.forStatus(request, status, message));
        }
    }

    private void fail(String id, Throwable failure) {
        Pending<?> p = pending.remove(id);
        if (p != null) {
            p.result().completeExceptionally(failure);
        }
    }

    static String frame(String id, AriRequest request) {
        List<RESTQueryStringParameter> query = request.query().isEmpty() ? null : request.query().stream()
                .map(e -> new RESTQueryStringParameter(e.getKey(), e.getValue())).toList();
        String body = request.bodyText().orElse(null);
        RESTRequest frame = new RESTRequest("RESTRequest", id, id, request.method(), request.path().substring(1),
                body == null ? null : "application/json", query, body);
        try {
            return FRAME_WRITER.writeValueAsString(frame);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write RESTRequest", e);
        }
    }
}
