package io.switchboard.platform.metrics;

import io.switchboard.actors.SwitchboardActors;
import io.switchboard.actors.gateway.AriGateway;
import io.switchboard.actors.settings.AsteriskServer;
import io.switchboard.queues.SwitchboardQueues;
import io.switchboard.queues.agent.AgentState;
import io.switchboard.queues.agent.AgentStatus;
import io.switchboard.queues.log.FiguresWindow;
import io.switchboard.queues.log.QueueFigures;
import io.switchboard.queues.log.QueueStatistics;
import io.switchboard.queues.queue.QueueEntity;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * Reads every metrics source at once: the queue statistics' figures, each queue's agents (from its snapshot)
 * and each Asterisk gateway's status. A source that does not answer in time is left out of the sample,
 * so its meters keep their last values.
 */
public final class MetricsSampler {
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(3);
    private static final String ALL_TIME = new FiguresWindow.AllTime().name();

    private final ActorSystem<?> system;
    private final SwitchboardQueues queues;
    private final SwitchboardActors actors;

    public MetricsSampler(ActorSystem<?> system) {
        this.system = system;
        this.queues = SwitchboardQueues.get(system);
        this.actors = SwitchboardActors.get(system);
    }

    public CompletionStage<MetricsSample> sample() {
        CompletableFuture<Map<String, Map<String, QueueFigures>>> figures = AskPattern.<QueueStatistics.Command,
                        QueueStatistics.FiguresByWindow>ask(queues.statistics(), QueueStatistics.GetFiguresByWindow::new,
                        ASK_TIMEOUT, system.scheduler())
                .toCompletableFuture().thenApply(QueueStatistics.FiguresByWindow::byWindow)
                .exceptionally(e -> Map.of());
        CompletableFuture<Map<String, Map<AgentState, Integer>>> agents = agentsByQueue();
        CompletableFuture<List<AriGateway.Status>> gateways = gatewayStatuses();
        return CompletableFuture.allOf(figures, agents, gateways)
                .thenApply(done -> {
                    Map<String, Map<String, QueueFigures>> byWindow = new TreeMap<>(figures.join());
                    Map<String, QueueFigures> allTime = byWindow.remove(ALL_TIME);
                    return new MetricsSample(allTime != null ? allTime : Map.of(), byWindow, agents.join(),
                            gateways.join());
                });
    }

    private CompletableFuture<Map<String, Map<AgentState, Integer>>> agentsByQueue() {
        List<CompletableFuture<QueueEntity.QueueSnapshot>> asks = new ArrayList<>();
        for (String queue : queues.settings().queues().keySet()) {
            asks.add(AskPattern.<QueueEntity.Command, QueueEntity.QueueSnapshot>ask(queues.queue(queue),
                    QueueEntity.GetSnapshot::new, ASK_TIMEOUT, system.scheduler()).toCompletableFuture()
                    .exceptionally(e -> null));
        }
        return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<String, Map<AgentState, Integer>> byQueue = new TreeMap<>();
            asks.stream().map(CompletableFuture::join).filter(s -> s != null)
                    .forEach(s -> byQueue.put(s.name(), countByState(s.agents())));
            return byQueue;
        });
    }

    private static Map<AgentState, Integer> countByState(List<AgentStatus> agents) {
        Map<AgentState, Integer> counts = new EnumMap<>(AgentState.class);
        agents.forEach(a -> counts.merge(a.state(), 1, Integer::sum));
        return counts;
    }

    private CompletableFuture<List<AriGateway.Status>> gatewayStatuses() {
        List<CompletableFuture<AriGateway.Status>> asks = new ArrayList<>();
        for (AsteriskServer server : actors.settings().servers()) {
            asks.add(AskPattern.<AriGateway.Command, AriGateway.Status>ask(actors.gateway(server.id()),
                            AriGateway.GetStatus::new, ASK_TIMEOUT, system.scheduler()).toCompletableFuture()
                    .exceptionally(e -> null));
        }
        return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new))
                .thenApply(done -> asks.stream().map(CompletableFuture::join).filter(s -> s != null).toList());
    }
}
