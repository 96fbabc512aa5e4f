package io.switchboard.platform.metrics;

import io.switchboard.actors.gateway.AriGateway;
import io.switchboard.queues.agent.AgentState;
import io.switchboard.queues.log.QueueFigures;
import java.util.List;
import java.util.Map;

/** One reading of every metrics source, taken at a scrape. */
public record MetricsSample(Map<String, QueueFigures> figuresByQueue,
                            Map<String, Map<AgentState, Integer>> agentsByQueue,
                            List<AriGateway.Status> gateways) {
}
