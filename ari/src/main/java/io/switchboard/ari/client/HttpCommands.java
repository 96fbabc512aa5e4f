package io.switchboard.ari.client;

import io.switchboard.ari.json.AriDecodeException;
import io.switchboard.ari.json.AriJson;
import io.switchboard.ari.rest.AriException;
import io.switchboard.ari.rest.AriRequest;
import io.switchboard.ari.rest.ResponseType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.Authorization;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.StreamTcpException;

/** ARI requests over HTTP, on Pekko HTTP's pooled client. */
final class HttpCommands {
    private final Http http;
    private final Materializer materializer;
    private final AriSettings settings;
    private final Authorization authorization;

    HttpCommands(ClassicActorSystemProvider system, AriSettings settings) {
        this.http = Http.get(system.classicSystem());
        this.materializer = Materializer.matFromSystem(system);
        this.settings = settings;
        this.authorization = Authorization.basic(settings.username(), settings.password());
    }

    <T> CompletionStage<T> execute(AriRequest request, ResponseType<T> responseType) {
        HttpRequest httpRequest = HttpRequest.create(settings.baseUrl() + request.uri())
                .withMethod(HttpMethods.lookup(request.method()).orElseThrow(
                        () -> new IllegalArgumentException("unknown HTTP method " + request.method())))
                .addHeader(authorization);
        if (request.body().isPresent()) {
            httpRequest = httpRequest.withEntity(ContentTypes.APPLICATION_JSON, request.body().get());
        }
        long timeoutMs = settings.requestTimeout().toMillis();
        return http.singleRequest(httpRequest)
                .thenCompose(response -> response.entity().toStrict(timeoutMs, materializer)
                        .thenApply(strict -> interpret(request, response, strict.getData().toArray(), responseType)))
                .toCompletableFuture()
                .orTimeout(timeoutMs, TimeUnit.MILLISECONDS)
                .handle((value, failure) -> {
                    if (failure == null) {
                        return value;
                    }
                    throw translate(request, failure, settings.requestTimeout());
                });
    }

    private <T> T interpret(AriRequest request, HttpResponse response, byte[] body, ResponseType<T> responseType) {
        int status = response.status().intValue();
        if (status >= 200 && status < 300) {
            try {
                return responseType.decode(body);
            } catch (AriDecodeException e) {
                throw new AriException.BadResponse(request.toString(), status, e);
            }
        }
        throw AriException.forStatus(request.toString(), status, errorMessage(body));
    }

    /** Asterisk says why in {"message": ...}, or for allocation failures {"error": ...}. */
    static String errorMessage(byte[] body) {
        if (body.length == 0) {
            return "";
        }
        try {
            var node = AriJson.mapper().readTree(body);
            if (node.hasNonNull("message")) {
                return node.get("message").asText();
            }
            if (node.hasNonNull("error")) {
                return node.get("error").asText();
            }
        } catch (IOException notJson) {
            // fall through to the raw text
        }
        return new String(body, StandardCharsets.UTF_8).strip();
    }

    static RuntimeException translate(AriRequest request, Throwable failure, java.time.Duration timeout) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (cause instanceof AriException ari) {
            return ari;
        }
        if (cause instanceof TimeoutException) {
            return new AriException.Timeout(request.toString(), timeout);
        }
        if (cause instanceof StreamTcpException || cause instanceof IOException) {
            return new AriException.ConnectionFailed(request.toString(), cause);
        }
        return cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
    }
}
