package io.switchboard.platform.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.switchboard.actors.SwitchboardActors;
import io.switchboard.queues.SwitchboardQueues;
import io.switchboard.queues.agent.AgentEntity;
import io.switchboard.queues.agent.AgentState;
import io.switchboard.queues.agent.AgentStatus;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /api/agents/{id}}: an agent's state; log in to queues, log out, pause with a reason, unpause. */
final class AgentRoutes extends ApiDirectives {
    private final SwitchboardQueues queues;

    AgentRoutes(ActorSystem<?> system) {
        super(system);
        this.queues = SwitchboardQueues.get(system);
    }

    Route route() {
        return pathPrefix("agents", () -> pathPrefix(PathMatchers.segment(), id -> concat(
                pathEnd(() -> get(() -> respond(known(id)))),
                path("login", () -> post(() -> withJsonObject(body -> {
                    LoginRequest login = LoginRequest.parse(body, SwitchboardActors.get(system).settings());
                    return respond(change(id, replyTo -> new AgentEntity.Login(login.asteriskId(), login.endpoint(),
                            login.queues(), login.skills(), replyTo)));
                }))),
                path("logout", () -> post(() -> respond(known(id)
                        .thenCompose(s -> change(id, AgentEntity.Logout::new))))),
                path("pause", () -> post(() -> withJsonObject(body -> {
                    String reason = requiredText(body, "reason");
                    return respond(known(id).thenCompose(s -> change(id, replyTo -> new AgentEntity.Pause(reason,
                            replyTo))));
                }))),
                path("unpause", () -> post(() -> respond(known(id)
                        .thenCompose(s -> change(id, AgentEntity.Unpause::new))))))));
    }

    /** The agent's status; 404 for an agent that never logged in. */
    private CompletionStage<AgentStatus> known(String id) {
        return this.<AgentEntity.Command, AgentStatus>ask(queues.agent(id), AgentEntity.GetStatus::new)
                .thenApply(status -> {
                    if (status.state() == AgentState.LOGGED_OUT && status.endpoint() == null) {
                        throw ApiProblem.notFound("id: no agent " + id + " has ever logged in");
                    }
                    return status;
                });
    }

    /** Sends a state change; a rejection (logged out, busy, already logged in) is a 409. */
    private CompletionStage<AgentStatus> change(String id,
                                                Function<ActorRef<AgentEntity.StatusReply>, AgentEntity.Command> command) {
        return this.<AgentEntity.Command, AgentEntity.StatusReply>ask(queues.agent(id), command).thenApply(reply -> {
            if (reply instanceof AgentEntity.StatusReply.Rejected rejected) {
                throw ApiProblem.conflict("agent " + id + ": " + rejected.reason());
            }
            return ((AgentEntity.StatusReply.Accepted) reply).status();
        });
    }

    static String requiredText(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw ApiProblem.badRequest(field + ": required, a non-empty string");
        }
        return value.asText().trim();
    }

    static Map<String, Integer> integerMap(JsonNode body, String field, int min, int max) {
        JsonNode value = body.get(field);
        Map<String, Integer> out = new LinkedHashMap<>();
        if (value == null || value.isNull()) {
            return out;
        }
        if (!value.isObject()) {
            throw ApiProblem.badRequest(field + ": must be an object of name to number");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode n = entry.getValue();
            if (!n.isInt() || n.asInt() < min || n.asInt() > max) {
                throw ApiProblem.badRequest(field + "." + entry.getKey() + ": must be a whole number from " + min
                        + " to " + max);
            }
            out.put(entry.getKey(), n.asInt());
        }
        return out;
    }

}
