package io.switchboard.platform.api;

import io.switchboard.testkit.control.CallControl;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code /api/demo/calls}: the wallboard's phone panel. In demo mode, places a caller into a queue on the
 * simulated Asterisk, presses digits on that call and hangs it up; outside demo mode every call is a 409.
 */
final class DemoPhoneRoutes extends ApiDirectives {
    private static final Duration DIGIT_GAP = Duration.ofMillis(250);

    private final Optional<CallControl> simulator;

    DemoPhoneRoutes(ActorSystem<?> system, Optional<CallControl> simulator) {
        super(system);
        this.simulator = simulator;
    }

    Route route() {
        return pathPrefix("demo", () -> pathPrefix("calls", () -> concat(
                pathEnd(() -> post(() -> parameterOptional("queue", queue -> parameterOptional("callerId", callerId ->
                        respond(onSimulator(sim -> {
                            CallControl.InboundCall call = sim.inbound(required("queue", queue), "answer",
                                    callerId.orElse("Wallboard phone <5550100>"));
                            return Map.of("channelId", call.channelId());
                        })))))),
                pathPrefix(PathMatchers.segment(), channelId -> concat(
                        path("digits", () -> post(() -> parameterOptional("digits", digits ->
                                respond(onSimulator(sim -> {
                                    sim.pressDigits(channelId, required("digits", digits), DIGIT_GAP);
                                    return Map.of("channelId", channelId, "digits", digits.get());
                                }))))),
                        path("hangup", () -> post(() -> respond(onSimulator(sim -> {
                            sim.farEndHangup(channelId);
                            return Map.of("channelId", channelId, "hungUp", true);
                        })))))))));
    }

    private static String required(String name, Optional<String> value) {
        if (value.isEmpty() || value.get().isBlank()) {
            throw ApiProblem.badRequest(name + ": query parameter required");
        }
        return value.get();
    }

    private CompletionStage<Object> onSimulator(Function<CallControl, Object> action) {
        if (simulator.isEmpty()) {
            return CompletableFuture.failedFuture(ApiProblem.conflict("the phone panel works in demo mode only"));
        }
        try {
            return CompletableFuture.completedFuture(action.apply(simulator.get()));
        } catch (ApiProblem problem) {
            return CompletableFuture.failedFuture(problem);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(ApiProblem.badRequest(String.valueOf(e.getMessage())));
        }
    }
}
