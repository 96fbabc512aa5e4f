package io.switchboard.simulator.control;

import io.switchboard.ari.events.EndpointStateChange;
import io.switchboard.simulator.channels.OriginateRequest;
import io.switchboard.simulator.phones.PhoneScript;
import io.switchboard.simulator.rest.Services;
import io.switchboard.simulator.state.AriError;
import io.switchboard.simulator.state.AsteriskState;
import io.switchboard.simulator.state.CallRecords;
import io.switchboard.simulator.state.HangupCause;
import io.switchboard.simulator.state.SimChannel;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The outside world of the simulator: callers that dial in, SIP phones, digits pressed, far ends hanging up.
 * Safe to call from any thread.
 */
public final class CallControl {
    private final Services s;
    private int callers;

    public CallControl(Services services) {
        this.s = services;
    }

    /** Ids of a placed inbound call: the app's channel and the caller's phone. */
    public record InboundCall(String channelId, String phoneChannelId) {
    }

    /**
     * A caller dialling into the call center: {@code Local/<queue>@inbound} whose caller side runs
     * {@code behaviour} of [sim]; the app gets StasisStart with args [queue].
     */
    public InboundCall inbound(String queue, String behaviour, String callerId) {
        return s.state().executor.call(() -> {
            int n = ++callers;
            String id = "caller-" + n;
            while (s.state().idTaken(id) || s.state().idTaken("phone-" + id)) {
                id = "caller-" + (++callers);
            }
            String phoneId = "phone-" + id;
            s.state().callRecords.placed(id, phoneId, callerId, List.of(queue));
            s.calls().originate(new OriginateRequest("Local/" + queue + "@inbound", null, List.of(), "sim", behaviour, 1,
                    callerId, 30, phoneId, id, null, Map.of()), false);
            return new InboundCall(id, phoneId);
        });
    }

    /**
     * A caller whose Local {@code ;2} half runs {@code Stasis(app, args...)}; the {@code ;1} half is the caller's
     * phone, following {@code behaviour} of [sim] once the app answers.
     */
    public InboundCall inboundTo(String app, List<String> args, String behaviour, String callerId) {
        return s.state().executor.call(() -> {
            InboundCall call = inbound(args.isEmpty() ? "s" : args.get(0), behaviour, callerId);
            SimChannel caller = s.state().requireChannel(call.channelId());
            caller.stasisTarget = app;
            caller.stasisArgs = List.copyOf(args);
            s.state().callRecords.args(call.channelId(), args);
            return call;
        });
    }

    /**
     * A caller into {@code [broadcast]}: {@code Local/<exten>@broadcast} is offered to every app (CallBroadcast)
     * for 3 s; the winner of {@code POST /events/claim} gets it, else callcenter with args [unclaimed].
     */
    public InboundCall broadcast(String exten, String behaviour, String callerId) {
        return s.state().executor.call(() -> {
            String id = "bcast-" + (++callers);
            while (s.state().idTaken(id) || s.state().idTaken("phone-" + id)) {
                id = "bcast-" + (++callers);
            }
            s.state().callRecords.placed(id, "phone-" + id, callerId, List.of(exten));
            s.calls().originate(new OriginateRequest("Local/" + exten + "@broadcast", null, List.of(), "sim", behaviour,
                    1, callerId, 30, "phone-" + id, id, null, Map.of()), false);
            return new InboundCall(id, "phone-" + id);
        });
    }

    /**
     * A SIP phone on {@code endpoint} (e.g. PJSIP/caller) calling {@code exten} into [from-sip]; after the app
     * answers it follows {@code afterAnswer} (its hang-up is a BYE). Returns the generated channel id.
     */
    public String sipCall(String endpoint, String exten, String callerName, PhoneScript afterAnswer) {
        return s.state().executor.call(() -> {
            AsteriskState ast = s.state();
            if (!s.endpoints().exists(endpoint)) {
                throw AriError.notFound("Endpoint not found");
            }
            String id = ast.nextUniqueId();
            SimChannel ch = new SimChannel(id, endpoint + "-" + ast.nextNameSuffix(), SimChannel.Kind.PJSIP,
                    ast.timestamp(), endpoint);
            ch.state = "Ring";
            ch.callerName = callerName;
            ch.callerNumber = callerName;
            ch.dialplan("from-sip", exten, 1, "", "");
            ast.callRecords.placed(id, null, callerName, List.of());
            s.lifecycle().register(ch);
            endpointChanged(endpoint);
            ch.protocolId = "1-" + id + "@127.0.0.1";
            s.events().varset(ch, "SIPDOMAIN", "127.0.0.1");
            s.events().dialplan(ch, "NoOp", "from-sip " + exten + " \"" + callerName + "\" <" + callerName + ">");
            ch.onAnswer = () -> afterAnswer.afterAnswer().stream().filter(PhoneScript.Step::hangup).forEach(step ->
                    ch.timers.add(ast.clock.schedule(step.at(), () -> farEndHangup(ch))));
            s.calls().dialplan().run(ch, "from-sip", exten, null);
            return id;
        });
    }

    /** The far end of {@code channelId} presses digits, the first {@code startIn} from now, then {@code gap} apart. */
    public void pressDigits(String channelId, Duration startIn, Duration gap, String digits) {
        s.state().executor.run(() -> {
            SimChannel ch = s.state().requireChannel(channelId);
            for (int i = 0; i < digits.length(); i++) {
                String digit = String.valueOf(digits.charAt(i));
                ch.timers.add(s.state().clock.schedule(startIn.plus(gap.multipliedBy(i)),
                        () -> s.dtmf().received(ch, digit, 100)));
            }
        });
    }

    /** The far end of {@code channelId} presses digits; they arrive {@code gap} apart. */
    public void pressDigits(String channelId, String digits, Duration gap) {
        s.state().executor.run(() -> {
            SimChannel ch = s.state().requireChannel(channelId);
            for (int i = 0; i < digits.length(); i++) {
                String digit = String.valueOf(digits.charAt(i));
                ch.timers.add(s.state().clock.schedule(gap.multipliedBy(i), () -> s.dtmf().received(ch, digit, 100)));
            }
        });
    }

    /**
     * The far end of {@code channelId} talks for {@code length}, then sends silence: with TALK_DETECT on the channel
     * the app hears ChannelTalkingStarted now and ChannelTalkingFinished once the silence lasted its threshold.
     */
    public void talk(String channelId, Duration length) {
        s.state().executor.run(() -> s.channels().talk().talk(s.state().requireChannel(channelId), length));
    }

    /** The far end of {@code channelId} hangs up (a caller giving up, an agent's phone going on-hook). */
    public void farEndHangup(String channelId) {
        s.state().executor.run(() -> farEndHangup(s.state().requireChannel(channelId)));
    }

    private void farEndHangup(SimChannel ch) {
        s.state().callRecords.hangingUp(CallRecords.BY_CALLER, () -> {
            if (ch.kind == SimChannel.Kind.PJSIP) {
                s.lifecycle().hangup(ch, null, false, HangupCause.UNKNOWN);
                endpointChanged(ch.endpoint);
            } else {
                s.lifecycle().hangup(ch, HangupCause.NORMAL, false, HangupCause.NORMAL);
            }
        });
    }

    /** Scripts how a SIP endpoint behaves when dialled. */
    public void scriptEndpoint(String endpoint, PhoneScript script) {
        s.state().executor.run(() -> s.endpoints().script(endpoint, script));
    }

    /**
     * The phone on {@code endpoint} takes a call no Stasis app placed (a personal call, a call from another
     * system): its channel rings at the phone, or is already talking when {@code answered}. Only apps that follow
     * everything, the endpoint or its device hear of it. Returns the channel id; end it with {@link #farEndHangup}.
     */
    public String outsideCall(String endpoint, boolean answered) {
        return s.state().executor.call(() -> {
            AsteriskState ast = s.state();
            if (!s.endpoints().exists(endpoint)) {
                throw AriError.notFound("Endpoint not found");
            }
            SimChannel ch = new SimChannel(ast.nextUniqueId(), endpoint + "-" + ast.nextNameSuffix(),
                    SimChannel.Kind.PJSIP, ast.timestamp(), endpoint);
            ch.protocolId = "outside-" + ch.id + "@127.0.0.1";
            ch.dialplan("default", "s", 1, "AppDial", "(Outgoing Line)");
            s.lifecycle().register(ch);
            s.events().state(ch, "Ringing");
            if (answered) {
                s.events().state(ch, "Up");
            }
            endpointChanged(endpoint);
            return ch.id;
        });
    }

    /** The phone answers an outside call that rings at it (see {@link #outsideCall}). */
    public void answerOutsideCall(String channelId) {
        s.state().executor.run(() -> {
            SimChannel ch = s.state().requireChannel(channelId);
            s.events().state(ch, "Up");
            endpointChanged(ch.endpoint);
        });
    }

    /**
     * The phone on {@code endpoint} picks up the call an app dialled it with and that rings there now, as a person
     * would (whatever its script): the app sees the answer. Returns that channel's id; 404 for an unknown endpoint,
     * 409 when nothing rings there.
     */
    public String answerPhone(String endpoint) {
        return s.state().executor.call(() -> {
            SimChannel ringing = phoneChannels(endpoint).stream().filter(ch -> ch.farEndAnswer != null).findFirst()
                    .orElseThrow(() -> AriError.conflict(endpoint + " is not ringing"));
            ringing.farEndAnswer.run();
            return ringing.id;
        });
    }

    /**
     * The phone on {@code endpoint} hangs up its answered call (a BYE from the phone). Returns that channel's id;
     * 404 for an unknown endpoint, 409 when the phone has no answered call.
     */
    public String hangupPhone(String endpoint) {
        return s.state().executor.call(() -> {
            SimChannel talking = phoneChannels(endpoint).stream().filter(ch -> "Up".equals(ch.state)).findFirst()
                    .orElseThrow(() -> AriError.conflict(endpoint + " has no answered call"));
            farEndHangup(talking);
            return talking.id;
        });
    }

    private List<SimChannel> phoneChannels(String endpoint) {
        if (!s.endpoints().exists(endpoint)) {
            throw AriError.notFound("Endpoint not found");
        }
        return s.state().channels.values().stream()
                .filter(ch -> ch.kind == SimChannel.Kind.PJSIP && endpoint.equals(ch.endpoint) && !ch.hungUp)
                .toList();
    }

    /** Tells apps following {@code endpoint} its state and channels now. */
    public void endpointChanged(String endpoint) {
        s.state().executor.run(() -> {
            AsteriskState ast = s.state();
            String ts = ast.timestamp();
            var model = io.switchboard.simulator.rest.Endpoints.model(ast, endpoint);
            ast.bus.toEndpoint(endpoint, app -> new EndpointStateChange(ast.asteriskId, app, ts, model));
        });
    }
}
