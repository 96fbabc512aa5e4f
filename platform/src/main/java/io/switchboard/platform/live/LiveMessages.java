package io.switchboard.platform.live;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.queues.agent.AgentStatus;
import io.switchboard.queues.log.QueueFigures;
import java.util.TreeSet;

/**
 * The live feed's JSON texts: {@code {"type":"queue","queue":..,"figures":{..}}} and
 * {@code {"type":"agent","agentId":..,"state":..,"queues":[..],"busyInQueue":..}}.
 */
final class LiveMessages {
    private LiveMessages() {
    }

    static String queue(String queue, QueueFigures figures) {
        ObjectNode message = LiveFeed.JSON.createObjectNode().put("type", "queue").put("queue", queue);
        message.set("figures", LiveFeed.JSON.valueToTree(figures));
        return message.toString();
    }

    static String agent(AgentStatus status) {
        ObjectNode message = LiveFeed.JSON.createObjectNode().put("type", "agent")
                .put("agentId", status.agentId()).put("state", status.state().name())
                .put("busyInQueue", status.busyInQueue());
        var queues = message.putArray("queues");
        new TreeSet<>(status.queuePenalties().keySet()).forEach(queues::add);
        return message.toString();
    }
}
