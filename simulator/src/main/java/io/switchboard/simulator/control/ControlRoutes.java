package io.switchboard.simulator.control;

import io.switchboard.ari.json.AriJson;
import io.switchboard.simulator.clock.ManualClock;
import io.switchboard.simulator.phones.PhoneScript;
import io.switchboard.simulator.rest.RestRequest;
import io.switchboard.simulator.rest.RestResponse;
import io.switchboard.simulator.rest.RouteTable;
import io.switchboard.simulator.rest.Services;
import io.switchboard.simulator.server.OutboundStatus;
import io.switchboard.simulator.state.AriError;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The {@code /sim/...} control API for demos (no auth, 127.0.0.1 only):
 * <ul>
 *   <li>POST /sim/calls/inbound?queue=support&amp;behaviour=answer&amp;callerId=Alice%20&lt;5551001&gt; (or, instead of
 *   queue, args=conference,board: the caller enters Stasis(callcenter, conference, board))</li>
 *   <li>POST /sim/calls/sip?endpoint=PJSIP/caller&amp;exten=100&amp;hangupAfterMs=4000</li>
 *   <li>POST /sim/channels/{id}/digits?digits=123%23&amp;gapMs=350</li>
 *   <li>POST /sim/channels/{id}/hangup</li>
 *   <li>POST /sim/channels/{id}/talk?ms=2000 (the far end talks, then falls silent: TALK_DETECT reports it)</li>
 *   <li>PUT /sim/endpoints/PJSIP/agent1?behaviour=answer|busy|congestion|noanswer&amp;answerAfterMs=2000&amp;hangupAfterMs=</li>
 *   <li>POST /sim/clock/advance?ms=1000 (manual clock only)</li>
 *   <li>GET /sim/outbound: the persistent outbound WebSocket ({@code configured:false} when there is none)</li>
 *   <li>GET /sim/calls: every caller placed through this API (or {@link CallControl}) and its fate, see
 *       {@link io.switchboard.simulator.state.CallRecords.CallRecord}</li>
 * </ul>
 * They run on the state thread already, so they use the services directly.
 */
public final class ControlRoutes {
    private ControlRoutes() {
    }

    public static RouteTable build(CallControl calls, Services s, Supplier<OutboundStatus> outbound) {
        RouteTable t = new RouteTable();
        t.add("GET", "outbound", r -> RestResponse.ok(SimReports.outbound(outbound.get())));
        t.add("GET", "calls", r -> RestResponse.ok(SimReports.calls(s.state().callRecords.all())));
        t.add("POST", "calls/inbound", r -> {
            String behaviour = r.param("behaviour") == null ? "answer" : r.param("behaviour");
            CallControl.InboundCall call = r.param("args") != null
                    ? calls.inboundTo("callcenter", List.of(r.param("args").split(",")), behaviour, r.param("callerId"))
                    : calls.inbound(r.required("queue"), behaviour, r.param("callerId"));
            return RestResponse.ok(Map.of("channelId", call.channelId(), "phoneChannelId", call.phoneChannelId()));
        });
        t.add("POST", "calls/sip", r -> {
            Integer hangup = r.integer("hangupAfterMs");
            PhoneScript script = hangup == null ? PhoneScript.answer() : PhoneScript.answer().thenHangupAfter(Duration.ofMillis(hangup));
            String id = calls.sipCall(r.param("endpoint") == null ? "PJSIP/caller" : r.param("endpoint"),
                    r.param("exten") == null ? "100" : r.param("exten"), "sipp", script);
            return RestResponse.ok(Map.of("channelId", id));
        });
        t.add("POST", "channels/{id}/digits", r -> {
            Integer gap = r.integer("gapMs");
            calls.pressDigits(r.path("id"), r.required("digits"), Duration.ofMillis(gap == null ? 350 : gap));
            return RestResponse.noContent();
        });
        t.add("POST", "channels/{id}/talk", r -> {
            Integer ms = r.integer("ms");
            calls.talk(r.path("id"), Duration.ofMillis(ms == null ? 2000 : ms));
            return RestResponse.noContent();
        });
        t.add("POST", "channels/{id}/hangup", r -> {
            calls.farEndHangup(r.path("id"));
            return RestResponse.noContent();
        });
        t.add("PUT", "endpoints/{tech}/{resource}", r -> {
            calls.scriptEndpoint(r.path("tech") + "/" + r.path("resource"), script(r));
            return RestResponse.noContent();
        });
        t.add("POST", "clock/advance", r -> {
            if (!(s.state().clock instanceof ManualClock)) {
                throw AriError.conflict("The simulator runs on real time");
            }
            Integer ms = r.integer("ms");
            s.state().executor.execute(() -> ((ManualClock) s.state().clock).advance(Duration.ofMillis(ms == null ? 0 : ms)));
            return RestResponse.noContent();
        });
        t.add("GET", "state", r -> RestResponse.ok(AriJson.mapper().createObjectNode()
                .put("channels", s.state().channels.size()).put("bridges", s.state().bridges.size())));
        return t;
    }

    private static PhoneScript script(RestRequest r) {
        String behaviour = r.param("behaviour") == null ? "answer" : r.param("behaviour");
        Integer answerAfter = r.integer("answerAfterMs");
        Integer hangupAfter = r.integer("hangupAfterMs");
        PhoneScript script = switch (behaviour) {
            case "busy" -> PhoneScript.busy();
            case "congestion" -> PhoneScript.congestion();
            case "noanswer" -> PhoneScript.neverAnswer();
            case "answer" -> PhoneScript.answerAfter(Duration.ofMillis(answerAfter == null ? 0 : answerAfter));
            default -> throw AriError.badRequest("Unknown behaviour " + behaviour);
        };
        return hangupAfter == null ? script : script.thenHangupAfter(Duration.ofMillis(hangupAfter));
    }
}
