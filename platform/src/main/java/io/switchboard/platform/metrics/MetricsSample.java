package io.switchboard.platform.metrics;

import io.switchboard.actors.gateway.AriGateway;
import io.switchboard.queues.agent.AgentState;
import io.switchboard.queues.log.QueueFigures;
import java.util.List;
import java.util.Map;

/**
 * One reading of every metrics source, taken at a scrape.
 *
 * @param figuresByQueue  each queue's figures over all time
 * @param figuresByWindow window name → queue → figures, for the windows besides all time (today, 15m…)
 */
public record MetricsSample(Map<String, QueueFigures> figuresByQueue,
                            Map<String, Map<String, QueueFigures>> figuresByWindow,
                            Map<String, Map<AgentState, Integer>> agentsByQueue,
                            List<AriGateway.Status> gateways) {
}
