package io.switchboard.simulator.channels;

import io.switchboard.simulator.phones.EndpointScripts;
import io.switchboard.simulator.phones.PhoneScript;
import io.switchboard.simulator.state.AriError;
import io.switchboard.simulator.state.AsteriskState;
import io.switchboard.simulator.state.HangupCause;
import io.switchboard.simulator.state.SimChannel;
import io.switchboard.simulator.state.StasisApp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Originate, create and dial. A Local endpoint {@code Local/exten@context} is a pair of channels: {@code ;1}
 * is the caller side (the app's channel, or the caller's phone of an inbound call), {@code ;2} runs the
 * dialplan at exten@context. A PJSIP endpoint is one channel whose far end follows its endpoint script.
 */
public final class CallSetup {
    private final AsteriskState ast;
    private final ChannelEvents events;
    private final ChannelLifecycle lifecycle;
    private final PhoneRunner phones;
    private final EndpointScripts endpoints;
    private final Dialplan dialplan;
    private final Broadcasts broadcasts;

    public CallSetup(AsteriskState ast, ChannelEvents events, ChannelLifecycle lifecycle, DtmfInput dtmf,
                     EndpointScripts endpoints) {
        this.ast = ast;
        this.events = events;
        this.lifecycle = lifecycle;
        this.endpoints = endpoints;
        this.phones = new PhoneRunner(ast, events, lifecycle, dtmf);
        this.broadcasts = new Broadcasts(ast, events, lifecycle);
        this.dialplan = new Dialplan(ast, events, lifecycle, phones, broadcasts);
    }

    public Dialplan dialplan() {
        return dialplan;
    }

    public Broadcasts broadcasts() {
        return broadcasts;
    }

    /**
     * POST /channels/externalMedia: an {@code UnicastRTP/<host>-<n>} channel that enters the app at once and
     * reports its local RTP address in {@code UNICASTRTP_LOCAL_ADDRESS}/{@code _PORT}.
     */
    public SimChannel externalMedia(String channelId, String app, List<String> args, String host, String format,
                                    Map<String, String> variables) {
        if (app == null || host == null || format == null) {
            throw AriError.badRequest("app, external_host and format are required");
        }
        if (!host.contains(":")) {
            throw AriError.badRequest("external_host must be host:port");
        }
        String id = channelId != null ? channelId : ast.nextUniqueId();
        if (ast.idTaken(id)) {
            throw AriError.conflict("Channel with given unique ID already exists");
        }
        SimChannel ch = new SimChannel(id, "UnicastRTP/" + host + "-" + ast.nextNameSuffix(),
                SimChannel.Kind.UNICAST_RTP, ast.timestamp(), null);
        ch.reportedVars = new java.util.LinkedHashMap<>(Map.of("UNICASTRTP_LOCAL_ADDRESS", "127.0.0.1",
                "UNICASTRTP_LOCAL_PORT", String.valueOf(20000 + (ast.channels.size() * 2) % 10000)));
        ch.variables.putAll(ch.reportedVars);
        ch.variables.putAll(variables);
        lifecycle.register(ch);
        follow(app, ch, StasisApp.Follow.ORIGINATED);
        if (!lifecycle.enterStasis(ch, app, args, false)) {
            lifecycle.finish(ch, HangupCause.NORMAL);
        }
        return ch;
    }

    /** POST /channels (originate, {@code createOnly} false) and POST /channels/create. */
    public SimChannel originate(OriginateRequest r, boolean createOnly) {
        Endpoint target = parseEndpoint(r.endpoint());
        if (!createOnly && r.app() == null && r.extension() == null) {
            throw AriError.badRequest("Application or extension must be specified");
        }
        if (createOnly && r.app() == null) {
            throw AriError.badRequest("Application must be specified");
        }
        String id = r.channelId() != null ? r.channelId() : ast.nextUniqueId();
        String otherId = r.otherChannelId() != null ? r.otherChannelId() : ast.nextUniqueId();
        if (ast.idTaken(id) || (target.local() && ast.idTaken(otherId))) {
            throw AriError.conflict("Channel with given unique ID already exists");
        }
        String[] caller = parseCallerId(r.callerId());
        SimChannel near = target.local() ? newLocalPair(target, id, otherId, caller) : newSip(target, id, caller);
        near.dialplan(target.context(), target.exten(), 1, createOnly ? "" : "AppDial2",
                createOnly ? "" : "(Outgoing Line)");
        near.originatedIntoApp = r.app() != null;
        if (!createOnly) {
            near.appAfterStasis = new String[] {"AppDial2", "(Outgoing Line)"};
        }
        if (r.originator() != null) {
            ast.channel(r.originator()).ifPresent(o -> follow(r.app(), o, StasisApp.Follow.DIAL_PARTY));
        }
        if (createOnly) {
            follow(r.app(), near, StasisApp.Follow.ORIGINATED);
            near.variables.putAll(r.variables());
            ast.clock.schedule(Duration.ZERO, () -> {
                if (!near.hungUp && !lifecycle.enterStasis(near, r.app(), r.appArgs(), true)) {
                    lifecycle.finish(near, HangupCause.NORMAL);
                }
            });
            return near;
        }
        events.dialplan(near, "AppDial2", "(Outgoing Line)");
        if (r.app() != null) {
            follow(r.app(), near, StasisApp.Follow.ORIGINATED);
            if (near.localPeer != null) {
                follow(r.app(), near.localPeer, StasisApp.Follow.ORIGINATED);
            }
        }
        applyVariables(near, r.variables(), r.callerId() != null);
        ast.clock.schedule(Duration.ZERO, () -> startOriginate(near, target, r));
        return near;
    }

    /** POST /channels/{id}/dial. */
    public void dial(SimChannel near, String callerId, int timeoutSeconds) {
        if (!near.inStasis()) {
            throw AriError.conflict("Channel not in Stasis application");
        }
        if (near.dialled || !"Down".equals(near.state)) {
            throw AriError.conflict("Channel is not in the 'Down' state");
        }
        near.dialled = true;
        if (callerId != null) {
            SimChannel caller = ast.channel(callerId).orElse(null);
            if (caller != null) {
                follow(near.stasisApp, caller, StasisApp.Follow.DIAL_PARTY);
                events.connectTo(near, caller.callerName, caller.callerNumber);
            }
        }
        if (timeoutSeconds > 0) {
            near.dialTimeout = ast.clock.schedule(Duration.ofSeconds(timeoutSeconds), () -> {
                if (!near.hungUp && !"Up".equals(near.state)) {
                    lifecycle.hangup(near, HangupCause.ARI_REQUEST, true, HangupCause.NO_ANSWER);
                }
            });
        }
        SimChannel phone = near.localPeer;
        if (phone != null) {
            events.dial(near, "", near.exten + "@" + near.context);
            dialplan.run(phone, near.context, near.exten, new DialledProgress(near, true, ""));
        } else {
            String resource = near.endpoint.substring(near.endpoint.indexOf('/') + 1);
            events.dial(near, "", resource);
            sipFarEnd(near, new DialledProgress(near, false, ""));
        }
    }

    private void startOriginate(SimChannel near, Endpoint target, OriginateRequest r) {
        if (near.hungUp) {
            return;
        }
        String dialstring = target.local() ? target.exten() + "@" + target.context() : target.resource();
        DialProgress progress = new OriginateProgress(near, r, dialstring);
        if (r.timeoutSeconds() > 0) {
            near.dialTimeout = ast.clock.schedule(Duration.ofSeconds(r.timeoutSeconds()), () -> {
                if (!near.hungUp && !"Up".equals(near.state)) {
                    lifecycle.finish(near, HangupCause.NO_ANSWER);
                }
            });
        }
        events.dial(near, "", dialstring);
        if (near.localPeer != null) {
            dialplan.run(near.localPeer, target.context(), target.exten(), progress);
        } else {
            sipFarEnd(near, progress);
        }
    }

    /** A SIP far end: the app's channel itself shows ringing and answer. */
    private void sipFarEnd(SimChannel near, DialProgress progress) {
        PhoneScript script = endpoints.scriptOf(near.endpoint).orElse(PhoneScript.answer());
        if (script.refusal() != PhoneScript.Refusal.NONE) {
            progress.refused(script.refusal());
            return;
        }
        Runnable answer = () -> {
            if (near.hungUp || near.farEndAnswer == null) {
                return;
            }
            near.farEndAnswer = null;
            progress.answered();
            for (PhoneScript.Step step : script.afterAnswer()) {
                if (step.hangup()) {
                    near.timers.add(ast.clock.schedule(step.at(), () -> lifecycle.hangup(near, null, false, HangupCause.NORMAL)));
                }
            }
        };
        near.farEndAnswer = answer;
        if (script.ringing()) {
            progress.ringing();
        }
        if (script.answerAfter() != null) {
            near.timers.add(ast.clock.schedule(script.answerAfter(), answer));
        }
    }

    private void applyVariables(SimChannel near, Map<String, String> variables, boolean callerIdGiven) {
        SimChannel phone = near.localPeer;
        boolean callerChanged = false;
        List<Map.Entry<String, String>> reversed = new ArrayList<>(variables.entrySet());
        java.util.Collections.reverse(reversed);
        for (Map.Entry<String, String> v : reversed) {
            switch (v.getKey()) {
                case "CALLERID(name)" -> {
                    near.callerName = v.getValue();
                    callerChanged = true;
                }
                case "CALLERID(num)" -> {
                    near.callerNumber = v.getValue();
                    callerChanged = true;
                }
                default -> {
                    near.variables.put(v.getKey(), v.getValue());
                    if (phone != null) {
                        events.varset(phone, v.getKey(), v.getValue());
                    }
                }
            }
        }
        if (phone != null) {
            if (callerIdGiven) {
                events.callerId(phone);
            }
            if (callerIdGiven || callerChanged) {
                phone.connectedName = near.callerName;
                phone.connectedNumber = near.callerNumber;
                events.connectedLine(phone);
            }
        }
    }

    private SimChannel newLocalPair(Endpoint target, String id, String otherId, String[] caller) {
        String base = "Local/" + target.exten() + "@" + target.context() + "-" + ast.nextNameSuffix();
        String created = ast.timestamp();
        SimChannel one = new SimChannel(id, base + ";1", SimChannel.Kind.LOCAL_1, created, null);
        SimChannel two = new SimChannel(otherId, base + ";2", SimChannel.Kind.LOCAL_2, created, null);
        for (SimChannel ch : List.of(one, two)) {
            ch.callerName = caller[0];
            ch.callerNumber = caller[1];
            ch.connectedName = caller[0];
            ch.connectedNumber = caller[1];
        }
        two.state = "Ring";
        one.dialplan(target.context(), target.exten(), 1, "", "");
        two.dialplan(target.context(), target.exten(), 1, "", "");
        two.dialplanAfterStasis = true;
        one.localPeer = two;
        two.localPeer = one;
        lifecycle.register(one);
        lifecycle.register(two);
        return one;
    }

    /** Like Local channels (transcript 02), the originated channel carries the given caller id as caller and connected. */
    private SimChannel newSip(Endpoint target, String id, String[] caller) {
        SimChannel ch = new SimChannel(id, target.endpoint() + "-" + ast.nextNameSuffix(), SimChannel.Kind.PJSIP,
                ast.timestamp(), target.endpoint());
        ch.callerName = caller[0];
        ch.callerNumber = caller[1];
        ch.connectedName = caller[0];
        ch.connectedNumber = caller[1];
        ch.protocolId = UUID.randomUUID().toString();
        ch.dialplan("from-sip", "s", 1, "", "");
        return lifecycle.register(ch);
    }

    private void follow(String appName, SimChannel ch, StasisApp.Follow reason) {
        if (appName != null) {
            ast.apps.find(appName).ifPresent(app -> app.follow(ch.id, reason));
        }
    }

    record Endpoint(String endpoint, String tech, String resource, String exten, String context) {
        boolean local() {
            return tech.equalsIgnoreCase("Local");
        }
    }

    private Endpoint parseEndpoint(String endpoint) {
        if (endpoint == null || endpoint.isEmpty()) {
            throw AriError.badRequest("Endpoint must be specified");
        }
        int slash = endpoint.indexOf('/');
        if (slash <= 0 || slash == endpoint.length() - 1) {
            throw AriError.badRequest("Invalid endpoint specified");
        }
        String tech = endpoint.substring(0, slash);
        String resource = endpoint.substring(slash + 1);
        if (tech.equalsIgnoreCase("Local")) {
            int at = resource.indexOf('@');
            String exten = at < 0 ? resource : resource.substring(0, at);
            String context = at < 0 ? "default" : resource.substring(at + 1);
            return new Endpoint(endpoint, "Local", resource, exten, context);
        }
        if (tech.equalsIgnoreCase("PJSIP") && endpoints.exists("PJSIP/" + resource)) {
            return new Endpoint("PJSIP/" + resource, "PJSIP", resource, "s", "from-sip");
        }
        throw AriError.withErrorField(500, "Allocation failed");
    }

    /** {@code "Alice <5551001>"} to name and number; a bare value is the number. */
    static String[] parseCallerId(String callerId) {
        if (callerId == null || callerId.isBlank()) {
            return new String[] {"", ""};
        }
        int lt = callerId.indexOf('<');
        int gt = callerId.indexOf('>', lt + 1);
        if (lt >= 0 && gt > lt) {
            String name = callerId.substring(0, lt).trim().replace("\"", "");
            return new String[] {name, callerId.substring(lt + 1, gt).trim()};
        }
        return new String[] {"", callerId.trim()};
    }

    /** The app's channel of POST /channels/{id}/dial hears the far end. */
    private final class DialledProgress implements DialProgress {
        private final SimChannel near;
        private final boolean local;
        private final String answerDialstring;

        DialledProgress(SimChannel near, boolean local, String answerDialstring) {
            this.near = near;
            this.local = local;
            this.answerDialstring = answerDialstring;
        }

        @Override
        public void ringing() {
            // Local channels report the state before the Dial event, SIP channels after it
            if (local) {
                events.state(near, "Ringing");
                events.dial(near, "RINGING", "");
            } else {
                events.dial(near, "RINGING", "");
                events.state(near, "Ringing");
            }
        }

        @Override
        public void answered() {
            near.dialTimeout.cancel();
            events.state(near, "Up");
            events.dial(near, "ANSWER", answerDialstring);
        }

        @Override
        public void refused(PhoneScript.Refusal refusal) {
            near.dialTimeout.cancel();
            events.dial(near, refusal == PhoneScript.Refusal.BUSY ? "BUSY" : "CONGESTION", "");
            if (!local) {
                int cause = refusal == PhoneScript.Refusal.BUSY ? HangupCause.BUSY : HangupCause.CONGESTION;
                lifecycle.hangup(near, cause, false, cause);
            }
        }

        @Override
        public void refusalEnded(PhoneScript.Refusal refusal) {
            if (near.hungUp) {
                return;
            }
            // the dial gives up (a soft ARI hang-up), then the far end's own hang-up arrives
            events.hangupRequest(near, HangupCause.ARI_REQUEST, true);
            int cause = refusal == PhoneScript.Refusal.BUSY ? HangupCause.BUSY : HangupCause.CONGESTION;
            lifecycle.hangup(near, cause, false, HangupCause.NO_ANSWER);
        }
    }

    /** The ;1 (or SIP) channel of POST /channels: enters the app, or runs dialplan, once answered. */
    private final class OriginateProgress implements DialProgress {
        private final SimChannel near;
        private final OriginateRequest request;
        private final String dialstring;

        OriginateProgress(SimChannel near, OriginateRequest request, String dialstring) {
            this.near = near;
            this.request = request;
            this.dialstring = dialstring;
        }

        @Override
        public void ringing() {
            events.state(near, "Ringing");
            events.dial(near, "RINGING", dialstring);
        }

        @Override
        public void answered() {
            near.dialTimeout.cancel();
            events.state(near, "Up");
            events.dial(near, "ANSWER", dialstring);
            if (request.app() != null) {
                if (!lifecycle.enterStasis(near, request.app(), request.appArgs(), false)) {
                    lifecycle.finish(near, HangupCause.NORMAL);
                }
                return;
            }
            near.dialplanAfterStasis = true;
            String context = request.context() != null ? request.context() : "default";
            near.dialplan(context, request.extension(), request.priority(), "", "");
            dialplan.run(near, context, request.extension(), DialProgress.NONE);
        }

        @Override
        public void refused(PhoneScript.Refusal refusal) {
            near.dialTimeout.cancel();
            boolean busy = refusal == PhoneScript.Refusal.BUSY;
            events.dial(near, busy ? "BUSY" : "CONGESTION", dialstring);
            SimChannel phone = near.localPeer;
            if (phone == null) {
                lifecycle.destroy(near, HangupCause.UNKNOWN);
                return;
            }
            // the originate gives up at once: the caller side vanishes, the far end is hung up
            phone.hungUp = true;
            events.hangupRequest(phone, HangupCause.UNKNOWN, false);
            near.localPeer = null;
            lifecycle.destroy(near, HangupCause.UNKNOWN);
            events.hangupRequest(phone, HangupCause.NORMAL, true);
            lifecycle.destroy(phone, busy ? HangupCause.BUSY : HangupCause.CONGESTION);
        }

        @Override
        public void refusalEnded(PhoneScript.Refusal refusal) {
        }
    }
}
