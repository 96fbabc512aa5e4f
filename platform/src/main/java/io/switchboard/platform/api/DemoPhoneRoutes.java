package io.switchboard.platform.api;

import io.switchboard.queues.SwitchboardQueues;
import io.switchboard.queues.agent.AgentEntity;
import io.switchboard.queues.agent.AgentState;
import io.switchboard.queues.agent.AgentStatus;
import io.switchboard.simulator.control.CallControl;
import io.switchboard.simulator.state.AriError;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /api/demo}: the wallboard's phone panel. In demo mode, places a caller into a queue on the simulated
 * Asterisk, presses digits on that call and hangs it up ({@code /api/demo/calls}); names the panel's own agent
 * ({@code GET /api/demo/agent}) and picks up or hangs up a logged-in agent's phone by hand
 * ({@code /api/demo/agents/{agentId}/answer|hangup}). Outside demo mode every call is a 409.
 */
final class DemoPhoneRoutes extends ApiDirectives {
    private static final Duration DIGIT_GAP = Duration.ofMillis(250);
    private static final Pattern DIGITS = Pattern.compile("[0-9*#A-D]+");

    private final Optional<DemoPhones> phones;
    private final SwitchboardQueues queues;

    DemoPhoneRoutes(ActorSystem<?> system, Optional<DemoPhones> phones) {
        super(system);
        this.phones = phones;
        this.queues = SwitchboardQueues.get(system);
    }

    Route route() {
        return pathPrefix("demo", () -> concat(calls(), agents()));
    }

    private Route calls() {
        return pathPrefix("calls", () -> concat(
                pathEnd(() -> post(() -> parameterOptional("queue", queue -> parameterOptional("callerId", callerId ->
                        respond(onSimulator(sim -> {
                            CallControl.InboundCall call = sim.inbound(required("queue", queue), "answer",
                                    callerId.orElse("Wallboard phone <5550100>"));
                            return Map.of("channelId", call.channelId());
                        })))))),
                pathPrefix(PathMatchers.segment(), channelId -> concat(
                        path("digits", () -> post(() -> parameterOptional("digits", digits ->
                                respond(onSimulator(sim -> {
                                    String pressed = required("digits", digits);
                                    if (!DIGITS.matcher(pressed).matches()) {
                                        throw ApiProblem.badRequest("digits: only 0-9, *, # and A-D");
                                    }
                                    sim.pressDigits(channelId, pressed, DIGIT_GAP);
                                    return Map.of("channelId", channelId, "digits", pressed);
                                }))))),
                        path("hangup", () -> post(() -> respond(onSimulator(sim -> {
                            sim.farEndHangup(channelId);
                            return Map.of("channelId", channelId, "hungUp", true);
                        }))))))));
    }

    private Route agents() {
        return concat(
                path("agent", () -> get(() -> respond(onSimulator(sim -> Map.of("agentId",
                        phones.orElseThrow().panelAgentId()))))),
                pathPrefix("agents", () -> pathPrefix(PathMatchers.segment(), agentId -> concat(
                        path("answer", () -> post(() -> respond(onAgentPhone(agentId, (sim, endpoint) ->
                                Map.of("agentId", agentId, "channelId", sim.answerPhone(endpoint)))))),
                        path("hangup", () -> post(() -> respond(onAgentPhone(agentId, (sim, endpoint) ->
                                Map.of("agentId", agentId, "channelId", sim.hangupPhone(endpoint))))))))));
    }

    /** Acts on the phone of a logged-in agent: 404 for an agent not logged in or a phone the simulator lacks. */
    private CompletionStage<Object> onAgentPhone(String agentId, BiFunction<CallControl, String, Object> action) {
        if (phones.isEmpty()) {
            return notInDemo();
        }
        return this.<AgentEntity.Command, AgentStatus>ask(queues.agent(agentId), AgentEntity.GetStatus::new)
                .thenCompose(status -> {
                    if (status.state() == AgentState.LOGGED_OUT) {
                        return CompletableFuture.failedFuture(
                                ApiProblem.notFound("agentId: no agent " + agentId + " is logged in"));
                    }
                    return onSimulator(sim -> action.apply(sim, status.endpoint()));
                });
    }

    private static String required(String name, Optional<String> value) {
        if (value.isEmpty() || value.get().isBlank()) {
            throw ApiProblem.badRequest(name + ": query parameter required");
        }
        return value.get();
    }

    private CompletionStage<Object> onSimulator(Function<CallControl, Object> action) {
        if (phones.isEmpty()) {
            return notInDemo();
        }
        try {
            return CompletableFuture.completedFuture(action.apply(phones.get().calls()));
        } catch (ApiProblem problem) {
            return CompletableFuture.failedFuture(problem);
        } catch (AriError refused) {
            return CompletableFuture.failedFuture(switch (refused.status()) {
                case 404 -> ApiProblem.notFound(refused.getMessage());
                case 409 -> ApiProblem.conflict(refused.getMessage());
                default -> ApiProblem.badRequest(refused.getMessage());
            });
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(ApiProblem.badRequest(String.valueOf(e.getMessage())));
        }
    }

    private static CompletionStage<Object> notInDemo() {
        return CompletableFuture.failedFuture(ApiProblem.conflict("the phone panel works in demo mode only"));
    }
}
