package io.switchboard.platform.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/** What every route class shares: JSON answers, JSON bodies, asks to actors, and errors as statuses. */
abstract class ApiDirectives extends AllDirectives {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
    static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);

    protected final ActorSystem<?> system;

    ApiDirectives(ActorSystem<?> system) {
        this.system = system;
    }

    /** Completes with {@code body} as JSON, or with the status of a failure. */
    Route respond(CompletionStage<?> body) {
        return respond(StatusCodes.OK, body);
    }

    Route respond(StatusCode status, CompletionStage<?> body) {
        return onComplete(body, result -> complete(result.isSuccess()
                ? json(status, result.get()) : failure(result.failed().get())));
    }

    /** The request's body as a JSON object; an empty or malformed body is a 400. */
    Route withJsonObject(Function<JsonNode, Route> inner) {
        return entity(Unmarshaller.entityToString(), text -> {
            JsonNode body;
            try {
                body = text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
            } catch (Exception e) {
                return complete(failure(ApiProblem.badRequest("body: not valid JSON")));
            }
            if (!body.isObject()) {
                return complete(failure(ApiProblem.badRequest("body: must be a JSON object")));
            }
            try {
                return inner.apply(body);
            } catch (ApiProblem problem) {
                return complete(failure(problem));
            }
        });
    }

    <Req, Res> CompletionStage<Res> ask(RecipientRef<Req> target, Function<ActorRef<Res>, Req> message) {
        return AskPattern.ask(target, message::apply, ASK_TIMEOUT, system.scheduler());
    }

    static HttpResponse json(StatusCode status, Object body) {
        try {
            return HttpResponse.create().withStatus(status)
                    .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, JSON.writeValueAsBytes(body)));
        } catch (Exception e) {
            return failure(e);
        }
    }

    static HttpResponse failure(Throwable error) {
        Throwable cause = error;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof ApiProblem problem) {
            return errorResponse(problem.status(), problem.getMessage());
        }
        if (cause instanceof TimeoutException) {
            return errorResponse(StatusCodes.SERVICE_UNAVAILABLE, "no answer in time: " + cause.getMessage());
        }
        return errorResponse(StatusCodes.INTERNAL_SERVER_ERROR, String.valueOf(cause.getMessage()));
    }

    static HttpResponse errorResponse(StatusCode status, String message) {
        ObjectNode body = JSON.createObjectNode().put("error", message);
        return HttpResponse.create().withStatus(status)
                .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, body.toString()));
    }
}
