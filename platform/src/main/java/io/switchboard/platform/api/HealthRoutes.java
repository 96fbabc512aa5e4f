package io.switchboard.platform.api;

import io.switchboard.actors.SwitchboardActors;
import io.switchboard.actors.gateway.AriGateway;
import io.switchboard.actors.gateway.CommandStats;
import io.switchboard.actors.settings.AsteriskServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /health}: the node answers. {@code /ready}: every Asterisk gateway is connected. */
final class HealthRoutes extends ApiDirectives {

    HealthRoutes(ActorSystem<?> system) {
        super(system);
    }

    Route health() {
        return path("health", () -> get(() -> complete(json(StatusCodes.OK, Map.of("status", "up")))));
    }

    Route ready() {
        return path("ready", () -> get(() -> onSuccess(gatewayStatuses(), statuses -> {
            boolean ready = !statuses.isEmpty() && statuses.stream().allMatch(AriGateway.Status::connected);
            return complete(json(ready ? StatusCodes.OK : StatusCodes.SERVICE_UNAVAILABLE,
                    Map.of("ready", ready, "gateways", statuses)));
        })));
    }

    private CompletableFuture<List<AriGateway.Status>> gatewayStatuses() {
        SwitchboardActors actors = SwitchboardActors.get(system);
        List<CompletableFuture<AriGateway.Status>> asks = new ArrayList<>();
        for (AsteriskServer server : actors.settings().servers()) {
            asks.add(this.<AriGateway.Command, AriGateway.Status>ask(actors.gateway(server.id()),
                            AriGateway.GetStatus::new).toCompletableFuture()
                    .exceptionally(e -> new AriGateway.Status(server.id(), false, 0, 0, 0, 0, 0,
                            CommandStats.NONE, 0, 0, 0)));
        }
        return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new))
                .thenApply(done -> asks.stream().map(CompletableFuture::join).toList());
    }
}
