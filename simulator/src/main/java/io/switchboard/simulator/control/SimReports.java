package io.switchboard.simulator.control;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.ari.json.AriJson;
import io.switchboard.simulator.server.OutboundStatus;
import io.switchboard.simulator.state.CallRecords.CallRecord;
import java.time.Instant;
import java.util.List;

/** The JSON of the control API's reports; absent values are explicit nulls so readers need not guess. */
final class SimReports {
    private SimReports() {
    }

    static ObjectNode outbound(OutboundStatus status) {
        ObjectNode json = AriJson.mapper().createObjectNode();
        json.put("configured", status.configured());
        json.put("connected", status.connected());
        json.put("uri", status.uri());
        json.put("connects", status.connects());
        json.put("attempts", status.attempts());
        json.put("queued", status.queued());
        json.put("lastConnectedAt", iso(status.lastConnectedAt()));
        json.put("lastDisconnectedAt", iso(status.lastDisconnectedAt()));
        return json;
    }

    static ArrayNode calls(List<CallRecord> records) {
        ArrayNode array = AriJson.mapper().createArrayNode();
        for (CallRecord r : records) {
            ObjectNode json = array.addObject();
            json.put("channelId", r.channelId());
            json.put("phoneChannelId", r.phoneChannelId());
            json.put("callerId", r.callerId());
            ArrayNode args = json.putArray("args");
            r.args().forEach(args::add);
            json.put("placedAt", r.placedAt());
            json.put("stasisApp", r.stasisApp());
            json.put("enteredStasisAt", r.enteredStasisAt());
            json.put("stasisFailed", r.stasisFailed());
            json.put("answeredAt", r.answeredAt());
            ArrayNode talked = json.putArray("talkedWith");
            r.talkedWith().forEach(talked::add);
            json.put("firstTalkedAt", r.firstTalkedAt());
            json.put("endedAt", r.endedAt());
            json.put("hungUpBy", r.hungUpBy());
            json.put("state", r.state());
        }
        return array;
    }

    private static String iso(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
