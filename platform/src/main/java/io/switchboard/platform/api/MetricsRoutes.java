package io.switchboard.platform.api;

import io.switchboard.platform.metrics.MetricsSampler;
import io.switchboard.platform.metrics.NodeMetrics;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code /metrics}: queue, agent and gateway meters in the Prometheus text format, sampled at each scrape. */
final class MetricsRoutes extends AllDirectives {
    private final MetricsSampler sampler;
    private final NodeMetrics metrics = new NodeMetrics();

    MetricsRoutes(ActorSystem<?> system) {
        this.sampler = new MetricsSampler(system);
    }

    Route route() {
        return path("metrics", () -> get(() -> onSuccess(sampler.sample().thenApply(metrics::render),
                text -> complete(HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, text)))));
    }
}
