package io.switchboard.platform.api;

import java.util.Optional;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The management API: {@code /health} open to all, everything else ({@code /ready}, {@code /openapi.json}, {@code /metrics},
 * {@code /api/calls}, {@code /api/queues}, {@code /api/conferences}, {@code /api/agents}, {@code /api/demo}, {@code /api/cluster}) behind the bearer token;
 * {@code /wallboard} open (a page without data), {@code /api/live} (WebSocket) with the token as a query parameter.
 */
public final class ManagementApi extends AllDirectives {
    private final HealthRoutes health;
    private final OpenApiRoutes openApi;
    private final CallRoutes calls;
    private final QueueRoutes queues;
    private final ConferenceRoutes conferences;
    private final AgentRoutes agents;
    private final BearerAuth auth;
    private final MetricsRoutes metrics;
    private final LiveRoutes live;
    private final WallboardRoutes wallboard;
    private final DemoPhoneRoutes phone;
    private final ClusterRoutes cluster;

    public ManagementApi(ActorSystem<?> system, String token) {
        this(system, token, Optional.empty());
    }

    /** @param demoPhones the demo's phones, for the wallboard's phone panel (empty outside demo mode) */
    public ManagementApi(ActorSystem<?> system, String token, Optional<DemoPhones> demoPhones) {
        this.health = new HealthRoutes(system);
        this.openApi = new OpenApiRoutes();
        this.calls = new CallRoutes(system);
        this.queues = new QueueRoutes(system);
        this.conferences = new ConferenceRoutes(system, calls);
        this.agents = new AgentRoutes(system);
        this.auth = new BearerAuth(token);
        this.metrics = new MetricsRoutes(system);
        this.live = new LiveRoutes(system, auth);
        this.wallboard = new WallboardRoutes();
        this.phone = new DemoPhoneRoutes(system, demoPhones);
        this.cluster = new ClusterRoutes(system);
    }

    public Route routes() {
        return concat(
                health.health(),
                wallboard.route(),
                live.route(),
                auth.authenticated(() -> concat(
                        health.ready(),
                        openApi.route(),
                        metrics.route(),
                        pathPrefix("api", () -> concat(calls.route(), queues.route(), conferences.route(), agents.route(),
                                phone.route(),
                                cluster.route())))));
    }
}
