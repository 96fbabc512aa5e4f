package io.switchboard.platform.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.switchboard.actors.gateway.AriGateway;
import io.switchboard.queues.agent.AgentState;
import io.switchboard.queues.log.QueueFigures;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The node's meters in a Prometheus registry. Each meter reads the latest sample recorded here
 * ({@link #record}); a queue's or gateway's meters are registered the first time it is seen.
 * Ever-growing figures (answered, abandoned, events routed, connections) are counters, so that
 * {@code rate()} gives per-second figures; everything else is a gauge.
 */
public final class NodeMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<String, QueueFigures> figuresByQueue = new ConcurrentHashMap<>();
    /** "window/queue" → figures over that window. */
    private final Map<String, QueueFigures> figuresByWindow = new ConcurrentHashMap<>();
    private final Map<String, Map<AgentState, Integer>> agentsByQueue = new ConcurrentHashMap<>();
    private final Map<String, AriGateway.Status> gateways = new ConcurrentHashMap<>();
    private final Set<String> registered = ConcurrentHashMap.newKeySet();

    /** Records one sample of every source, then renders the registry in the Prometheus text format. */
    public String render(MetricsSample sample) {
        sample.figuresByQueue().forEach((queue, figures) -> {
            figuresByQueue.put(queue, figures);
            registerQueue(queue);
        });
        sample.figuresByWindow().forEach((window, byQueue) -> byQueue.forEach((queue, figures) -> {
            figuresByWindow.put(window + "/" + queue, figures);
            registerWindow(window, queue);
        }));
        sample.agentsByQueue().forEach((queue, counts) -> {
            agentsByQueue.put(queue, counts);
            registerAgents(queue);
        });
        sample.gateways().forEach(status -> {
            gateways.put(status.asteriskId(), status);
            registerGateway(status.asteriskId());
        });
        return registry.scrape();
    }

    private void registerQueue(String queue) {
        if (!registered.add("queue:" + queue)) {
            return;
        }
        Tags tags = Tags.of("queue", queue);
        queueGauge("switchboard.queue.calls.waiting", "callers holding a place now", tags, queue,
                QueueFigures::callsWaiting);
        queueGauge("switchboard.queue.longest.wait.seconds", "wait of the longest-waiting caller", tags, queue,
                QueueFigures::longestWaitSeconds);
        queueGauge("switchboard.queue.service.level", "SL: share answered within the threshold (0..1)", tags,
                queue, QueueFigures::serviceLevel);
        queueGauge("switchboard.queue.average.speed.of.answer.seconds", "ASA: mean wait of answered calls", tags,
                queue, QueueFigures::averageSpeedOfAnswer);
        queueGauge("switchboard.queue.average.handle.time.seconds", "AHT: mean talk plus wrap-up", tags, queue,
                QueueFigures::averageHandleTime);
        queueGauge("switchboard.queue.abandonment.rate", "abandoned share of offered calls (0..1)", tags, queue,
                QueueFigures::abandonmentRate);
        queueCounter("switchboard.queue.offered", "callers with an outcome", tags, queue, QueueFigures::offered);
        queueCounter("switchboard.queue.answered", "calls answered by an agent", tags, queue,
                QueueFigures::answered);
        queueCounter("switchboard.queue.abandoned", "callers who hung up waiting", tags, queue,
                QueueFigures::abandoned);
        queueCounter("switchboard.queue.timed.out", "callers who left at the maximum wait", tags, queue,
                QueueFigures::timedOut);
    }

    /** SL and ASA over today and the rolling windows, labelled by window; the all-time ones are above. */
    private void registerWindow(String window, String queue) {
        String key = window + "/" + queue;
        if (!registered.add("window:" + key)) {
            return;
        }
        Tags tags = Tags.of("queue", queue, "window", window);
        windowGauge("switchboard.queue.window.service.level", "SL over the window (0..1)", tags, key,
                QueueFigures::serviceLevel);
        windowGauge("switchboard.queue.window.average.speed.of.answer.seconds", "ASA over the window", tags, key,
                QueueFigures::averageSpeedOfAnswer);
    }

    private void windowGauge(String name, String help, Tags tags, String key, ToDoubleFunction<QueueFigures> f) {
        Gauge.builder(name, figuresByWindow, all -> all.containsKey(key) ? f.applyAsDouble(all.get(key)) : 0)
                .description(help).tags(tags).register(registry);
    }

    private void registerAgents(String queue) {
        if (!registered.add("agents:" + queue)) {
            return;
        }
        for (AgentState state : AgentState.values()) {
            Gauge.builder("switchboard.queue.agents", agentsByQueue,
                            all -> all.getOrDefault(queue, Map.of()).getOrDefault(state, 0))
                    .description("agents of the queue in each state")
                    .tags(Tags.of("queue", queue, "state", state.name().toLowerCase()))
                    .register(registry);
        }
    }

    private void registerGateway(String asteriskId) {
        if (!registered.add("gateway:" + asteriskId)) {
            return;
        }
        Tags tags = Tags.of("asterisk", asteriskId);
        gatewayGauge("switchboard.gateway.connected", "1 while the event WebSocket is connected", tags, asteriskId,
                s -> s.connected() ? 1 : 0);
        gatewayGauge("switchboard.gateway.live.channels", "channels alive on this Asterisk", tags, asteriskId,
                AriGateway.Status::liveChannels);
        gatewayGauge("switchboard.gateway.live.bridges", "bridges alive on this Asterisk", tags, asteriskId,
                AriGateway.Status::liveBridges);
        gatewayCounter("switchboard.gateway.connections", "event WebSocket connections made (reconnects + 1)",
                tags, asteriskId, AriGateway.Status::connections);
        gatewayCounter("switchboard.gateway.events.routed", "ARI events routed to entities", tags, asteriskId,
                AriGateway.Status::eventsRouted);
        gatewayCounter("switchboard.gateway.malformed.frames", "event frames that could not be read", tags,
                asteriskId, AriGateway.Status::malformedFrames);
        FunctionTimer.builder("switchboard.gateway.command.latency", gateways,
                        all -> all.containsKey(asteriskId) ? all.get(asteriskId).commands().answered() : 0,
                        all -> all.containsKey(asteriskId) ? all.get(asteriskId).commands().totalSeconds() : 0,
                        TimeUnit.SECONDS)
                .description("ARI commands answered, request to answer, retries included").tags(tags)
                .register(registry);
        gatewayCounter("switchboard.gateway.commands.failed", "ARI commands that failed after their retries", tags,
                asteriskId, s -> s.commands().failed());
        gatewayGauge("switchboard.gateway.command.latency.recent.p50.seconds", "median of the last 1024 commands",
                tags, asteriskId, s -> s.commands().recentP50());
        gatewayGauge("switchboard.gateway.command.latency.recent.p99.seconds", "99th percentile of the last 1024 "
                + "commands", tags, asteriskId, s -> s.commands().recentP99());
    }

    private void queueGauge(String name, String help, Tags tags, String queue, ToDoubleFunction<QueueFigures> f) {
        Gauge.builder(name, figuresByQueue, all -> all.containsKey(queue) ? f.applyAsDouble(all.get(queue)) : 0)
                .description(help).tags(tags).register(registry);
    }

    private void queueCounter(String name, String help, Tags tags, String queue, ToDoubleFunction<QueueFigures> f) {
        FunctionCounter.builder(name, figuresByQueue,
                        all -> all.containsKey(queue) ? f.applyAsDouble(all.get(queue)) : 0)
                .description(help).tags(tags).register(registry);
    }

    private void gatewayGauge(String name, String help, Tags tags, String id, ToDoubleFunction<AriGateway.Status> f) {
        Gauge.builder(name, gateways, all -> all.containsKey(id) ? f.applyAsDouble(all.get(id)) : 0)
                .description(help).tags(tags).register(registry);
    }

    private void gatewayCounter(String name, String help, Tags tags, String id,
                                ToDoubleFunction<AriGateway.Status> f) {
        FunctionCounter.builder(name, gateways, all -> all.containsKey(id) ? f.applyAsDouble(all.get(id)) : 0)
                .description(help).tags(tags).register(registry);
    }
}
