package io.switchboard.platform.live;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.conferencing.room.RoomChange;
import io.switchboard.conferencing.room.RoomEntity;
import io.switchboard.queues.agent.AgentStatus;
import io.switchboard.queues.log.QueueFigures;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;

/**
 * The live feed's JSON texts, each with a {@code type}; times are epoch milliseconds, and {@code now} is the
 * node's time when sent, so that a page counts waits and times in state from the node's clock, not its own:
 * <ul>
 * <li>{@code {"type":"windows","window":"all","windows":["all","today",..]}} first</li>
 * <li>{@code {"type":"queue","queue":..,"window":..,"figures":{..}}}</li>
 * <li>{@code {"type":"agent","agentId":..,"state":..,"since":..,"pauseReason":..,"queues":[..],"busyInQueue":..,
 * "now":..}} (state LOGGED_OUT once the agent left)</li>
 * <li>{@code {"type":"callers","queue":..,"callers":[{"callerId":..,"since":..}],"now":..}}, longest waiting
 * first</li>
 * <li>{@code {"type":"conference","asteriskId":..,"room":..,"profile":..,"locked":..,"members":[{"channelId":..,
 * "callerName":..,"callerNumber":..,"admin":..,"marked":..,"muted":..,"talking":..,"joinedAt":..}],"now":..}}: every
 * open room on connecting, and a room again after each of its changes (no members: the room has closed)</li>
 * <li>{@code {"type":"conferenceEvent","asteriskId":..,"room":..,"kind":"JOINED|LEFT|TALKING|MUTED|LOCKED",
 * "channelId":..,"on":..,"now":..}}: one change as it happened</li>
 * </ul>
 */
final class LiveMessages {
    private LiveMessages() {
    }

    static String windows(String window, List<String> windows) {
        ObjectNode message = LiveFeed.JSON.createObjectNode().put("type", "windows").put("window", window);
        ArrayNode names = message.putArray("windows");
        windows.forEach(names::add);
        return message.toString();
    }

    static String queue(String queue, String window, QueueFigures figures) {
        ObjectNode message = LiveFeed.JSON.createObjectNode().put("type", "queue").put("queue", queue)
                .put("window", window);
        message.set("figures", LiveFeed.JSON.valueToTree(figures));
        return message.toString();
    }

    static String agent(LiveBoard.AgentShown shown, Instant now) {
        AgentStatus status = shown.status();
        ObjectNode message = LiveFeed.JSON.createObjectNode().put("type", "agent")
                .put("agentId", status.agentId()).put("state", status.state().name())
                .put("pauseReason", status.pauseReason()).put("busyInQueue", status.busyInQueue());
        putTime(message, "since", shown.since());
        ArrayNode queues = message.putArray("queues");
        new TreeSet<>(status.queuePenalties().keySet()).forEach(queues::add);
        return putTime(message, "now", now).toString();
    }

    static String callers(LiveBoard.CallersWaiting waiting, Instant now) {
        ObjectNode message = LiveFeed.JSON.createObjectNode().put("type", "callers").put("queue", waiting.queue());
        ArrayNode callers = message.putArray("callers");
        for (LiveBoard.Waiting caller : waiting.callers()) {
            putTime(callers.addObject().put("callerId", caller.callerId()), "since", caller.since());
        }
        return putTime(message, "now", now).toString();
    }

    /** A room as it is: its lock and its members with their roles, mute and whether they talk now. */
    static String conference(RoomEntity.RoomView room, Instant now) {
        ObjectNode message = LiveFeed.JSON.createObjectNode().put("type", "conference")
                .put("asteriskId", room.asteriskId()).put("room", room.room()).put("profile", room.profile())
                .put("locked", room.locked());
        ArrayNode members = message.putArray("members");
        for (RoomEntity.MemberView m : room.members()) {
            putTime(members.addObject().put("channelId", m.channelId()).put("callerName", m.callerName())
                    .put("callerNumber", m.callerNumber()).put("admin", m.admin()).put("marked", m.marked())
                    .put("muted", m.muted()).put("talking", m.talking()), "joinedAt", m.joinedAt());
        }
        return putTime(message, "now", now).toString();
    }

    /** One change of a room as it happened: JOINED, LEFT, TALKING, MUTED (of a member) or LOCKED (of the room). */
    static String conferenceEvent(RoomChange change, Instant now) {
        ObjectNode message = LiveFeed.JSON.createObjectNode().put("type", "conferenceEvent")
                .put("asteriskId", change.asteriskId()).put("room", change.room()).put("kind", change.kind().name())
                .put("channelId", change.channelId()).put("on", change.on());
        return putTime(message, "now", now).toString();
    }

    private static ObjectNode putTime(ObjectNode message, String field, Instant time) {
        return time == null ? message.putNull(field) : message.put(field, time.toEpochMilli());
    }
}
