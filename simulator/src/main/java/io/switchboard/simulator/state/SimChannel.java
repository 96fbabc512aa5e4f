package io.switchboard.simulator.state;

import io.switchboard.ari.model.CallerID;
import io.switchboard.ari.model.Channel;
import io.switchboard.ari.model.DialplanCEP;
import io.switchboard.simulator.clock.SimTimer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A live channel, mutable, touched only on the state thread. */
public final class SimChannel {
    public enum Kind { LOCAL_1, LOCAL_2, PJSIP, SNOOP, UNICAST_RTP }

    public final String id;
    public final String name;
    public final Kind kind;
    public final String creationtime;
    /** {@code PJSIP/agent1} for SIP channels, null for Local and Snoop channels. */
    public final String endpoint;
    public String protocolId = "";
    public String state = "Down";
    public String callerName = "";
    public String callerNumber = "";
    public String connectedName = "";
    public String connectedNumber = "";
    public String context = "default";
    public String exten = "s";
    public long priority = 1;
    public String appName = "";
    public String appData = "";
    public final Map<String, String> variables = new LinkedHashMap<>();

    /** The other half of a Local channel. */
    public SimChannel localPeer;
    /** The app this channel is in (Stasis), null when not in Stasis. */
    public String stasisApp;
    public String bridgeId;
    public boolean hungUp;
    /** True once the channel runs dialplan after leaving Stasis (entered through dialplan, or never in an app). */
    public boolean dialplanAfterStasis;
    /** Dial in progress: the timeout and far-end timers, cancelled when the dial ends. */
    public final List<SimTimer> timers = new ArrayList<>();
    /** A channel created over ARI and not yet dialled: POST /channels/{id}/dial is allowed while Down. */
    public boolean dialled;
    /** Set when a running dial must hang this channel up on answer timeout. */
    public SimTimer dialTimeout = SimTimer.NONE;
    public String snoopOf;
    /** Set by POST /events/claim: a second claim is then 409. */
    public String claimedBy;
    /** Put back into the dialplan field once Stasis is left (AppDial2 of an originate), null for none. */
    public String[] appAfterStasis;
    /** Overrides the app and args an {@code [inbound]} channel enters (default callcenter, [exten]). */
    public String stasisTarget;
    public List<String> stasisArgs;
    public boolean held;
    public String mohClass;
    public boolean silence;
    public String muted;
    /** The far end's sound and TALK_DETECT on it; null until either is used. */
    public io.switchboard.simulator.channels.TalkDetection.Voice voice;
    public boolean ringing;
    /** Channel variables reported in the channel's own JSON (externalMedia's UNICASTRTP_*), null for none. */
    public Map<String, String> reportedVars;
    /** Originated with {@code app}: the Local pair counts as in use as soon as its far end answers. */
    public boolean originatedIntoApp;
    /** Told when the app answers this channel (the inbound Local half wakes its phone half). */
    public Runnable onAnswer;
    /** How the far end of a dialled SIP channel answers while it rings (by script or by hand); null otherwise. */
    public Runnable farEndAnswer;
    /** Recording terminated by a DTMF digit: name of the live recording listening for it. */
    public final List<String> dtmfListeners = new ArrayList<>();

    public SimChannel(String id, String name, Kind kind, String creationtime, String endpoint) {
        this.id = id;
        this.name = name;
        this.kind = kind;
        this.creationtime = creationtime;
        this.endpoint = endpoint;
    }

    public boolean isLocal() {
        return kind == Kind.LOCAL_1 || kind == Kind.LOCAL_2;
    }

    public boolean inStasis() {
        return stasisApp != null;
    }

    public void dialplan(String context, String exten, long priority, String appName, String appData) {
        this.context = context;
        this.exten = exten;
        this.priority = priority;
        this.appName = appName;
        this.appData = appData;
    }

    public void cancelTimers() {
        timers.forEach(SimTimer::cancel);
        timers.clear();
        dialTimeout.cancel();
        dialTimeout = SimTimer.NONE;
    }

    public Channel toModel() {
        return new Channel(id, protocolId, name, state, new CallerID(callerName, callerNumber),
                new CallerID(connectedName, connectedNumber), "",
                new DialplanCEP(context, exten, priority, appName, appData), creationtime, "en",
                reportedVars == null ? null : io.switchboard.ari.json.AriJson.mapper().valueToTree(reportedVars), null, null);
    }
}
