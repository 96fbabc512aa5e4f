package io.switchboard.platform.api;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The management API: {@code /health} open to all, everything else ({@code /ready}, {@code /openapi.json},
 * {@code /api/calls}, {@code /api/queues}, {@code /api/agents}) behind the bearer token.
 */
public final class ManagementApi extends AllDirectives {
    private final HealthRoutes health;
    private final OpenApiRoutes openApi;
    private final CallRoutes calls;
    private final QueueRoutes queues;
    private final AgentRoutes agents;
    private final BearerAuth auth;

    public ManagementApi(ActorSystem<?> system, String token) {
        this.health = new HealthRoutes(system);
        this.openApi = new OpenApiRoutes();
        this.calls = new CallRoutes(system);
        this.queues = new QueueRoutes(system);
        this.agents = new AgentRoutes(system);
        this.auth = new BearerAuth(token);
    }

    public Route routes() {
        return concat(
                health.health(),
                auth.authenticated(() -> concat(
                        health.ready(),
                        openApi.route(),
                        pathPrefix("api", () -> concat(calls.route(), queues.route(), agents.route())))));
    }
}
