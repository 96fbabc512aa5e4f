package io.switchboard.simulator.state;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What became of every caller placed through the control API, as the simulated network saw it: kept for the
 * simulator's life (bounded by the calls placed) and changed only on the state thread. A test that cannot trust
 * the application under test (it may have crashed mid-call) reads each caller's fate here.
 */
public final class CallRecords {
    /** Who ended a caller's call, see {@link CallRecord#hungUpBy()}. */
    public static final String BY_CALLER = "caller";
    public static final String BY_APP = "app";
    public static final String BY_DIALPLAN = "dialplan";
    public static final String BY_OTHER = "other";

    private final Map<String, Entry> byChannel = new LinkedHashMap<>();
    private final Map<String, Entry> byPhone = new HashMap<>();
    private final AsteriskState ast;
    private final Supplier<String> timestamp;
    /** Who is hanging channels up in the state task running now; null when nobody said. */
    private String hangingUp;

    CallRecords(AsteriskState ast) {
        this.ast = ast;
        this.timestamp = () -> ast.clock.now().toString();
    }

    public void placed(String channelId, String phoneChannelId, String callerId, List<String> args) {
        Entry record = new Entry(channelId, phoneChannelId, callerId, List.copyOf(args), timestamp.get());
        byChannel.put(channelId, record);
        if (phoneChannelId != null) {
            byPhone.put(phoneChannelId, record);
        }
    }

    public void args(String channelId, List<String> args) {
        Entry record = byChannel.get(channelId);
        if (record != null) {
            record.args = List.copyOf(args);
        }
    }

    public void enteredStasis(String channelId, String app) {
        Entry record = byChannel.get(channelId);
        if (record != null && record.stasisApp == null) {
            record.stasisApp = app;
            record.enteredStasisAt = timestamp.get();
        }
    }

    public void stasisFailed(String channelId) {
        Entry record = byChannel.get(channelId);
        if (record != null) {
            record.stasisFailed = true;
        }
    }

    public void answered(String channelId) {
        Entry record = byChannel.get(channelId);
        if (record != null && record.answeredAt == null) {
            record.answeredAt = timestamp.get();
        }
    }

    /** Two channels now share a mixing bridge. */
    public void talking(String channelId, String otherId) {
        talkedWith(byChannel.get(channelId), otherId);
        talkedWith(byChannel.get(otherId), channelId);
    }

    private void talkedWith(Entry record, String otherId) {
        if (record == null || record.talkedWith.contains(otherId)) {
            return;
        }
        record.talkedWith.add(otherId);
        if (record.firstTalkedAt == null) {
            record.firstTalkedAt = timestamp.get();
        }
    }

    /** A channel is gone: the caller's call ends with its app-facing channel (a phone side alone does not end it). */
    public void destroyed(String channelId) {
        Entry record = byChannel.get(channelId);
        if (record != null && record.endedAt == null) {
            record.endedAt = timestamp.get();
            record.hungUpBy = record.hungUpBy != null ? record.hungUpBy : hangingUp != null ? hangingUp : BY_OTHER;
            return;
        }
        Entry ofPhone = byPhone.get(channelId);
        if (ofPhone != null && ofPhone.endedAt == null && ofPhone.hungUpBy == null) {
            // the phone side went first; whoever hung it up ended the call
            ofPhone.hungUpBy = hangingUp != null ? hangingUp : BY_OTHER;
        }
    }

    /** Runs {@code work} (on the state thread) with the channels it hangs up counted as hung up by {@code who}. */
    public void hangingUp(String who, Runnable work) {
        String outer = hangingUp;
        hangingUp = outer != null ? outer : who;
        try {
            work.run();
        } finally {
            hangingUp = outer;
        }
    }

    public List<CallRecord> all() {
        return byChannel.values().stream().map(this::snapshot).toList();
    }

    private CallRecord snapshot(Entry e) {
        return new CallRecord(e.channelId, e.phoneChannelId, e.callerId, e.args, e.placedAt, e.stasisApp,
                e.enteredStasisAt, e.stasisFailed, e.answeredAt, List.copyOf(e.talkedWith), e.firstTalkedAt, e.endedAt,
                e.hungUpBy, stateOf(e));
    }

    private String stateOf(Entry e) {
        SimChannel ch = e.endedAt == null ? ast.channels.get(e.channelId) : null;
        if (ch == null) {
            return "ended";
        }
        SimBridge bridge = ch.bridgeId == null ? null : ast.bridges.get(ch.bridgeId);
        if (bridge != null && !bridge.holding() && bridge.channels.size() > 1) {
            return "talking";
        }
        if (ch.inStasis()) {
            return "in-stasis";
        }
        return e.stasisApp == null ? "placed" : "dialplan";
    }

    /** One caller's fate; fields are null until the step happened. Mutable, on the state thread only. */
    private static final class Entry {
        final String channelId;
        final String phoneChannelId;
        final String callerId;
        List<String> args;
        final String placedAt;
        String stasisApp;
        String enteredStasisAt;
        boolean stasisFailed;
        String answeredAt;
        final List<String> talkedWith = new ArrayList<>();
        String firstTalkedAt;
        String endedAt;
        String hungUpBy;

        Entry(String channelId, String phoneChannelId, String callerId, List<String> args, String placedAt) {
            this.channelId = channelId;
            this.phoneChannelId = phoneChannelId;
            this.callerId = callerId;
            this.args = args;
            this.placedAt = placedAt;
        }
    }

    /**
     * A snapshot of one caller's fate (times are ISO-8601 instants on the simulator's clock, null until it
     * happened).
     *
     * @param phoneChannelId the caller's phone side (the {@code ;1} half of an inbound caller), null for a SIP call
     * @param stasisApp      the app it entered first, null if it never entered one
     * @param stasisFailed   Stasis() failed (no app registered): the caller fell through the dialplan
     * @param talkedWith     channels it shared a mixing bridge with, in order (holding bridges do not count)
     * @param hungUpBy       {@code caller}: its own phone hung up (a scripted hang-up such as hangup-after-10, a
     *                       control-API hang-up of either of its channels); {@code app}: an ARI request (DELETE
     *                       /channels over HTTP or REST over WebSocket) on its channel or its phone side;
     *                       {@code dialplan}: the dialplan ended it (Stasis() failed and Hangup() ran, or the app
     *                       sent it back to the dialplan); {@code other}: anything else; null while it lasts
     * @param state          {@code placed} (not yet in Stasis), {@code in-stasis} (in the app, not talking),
     *                       {@code talking} (in a mixing bridge with someone now), {@code dialplan} (alive, back
     *                       in the dialplan), {@code ended}
     */
    public record CallRecord(String channelId, String phoneChannelId, String callerId, List<String> args,
                             String placedAt, String stasisApp, String enteredStasisAt, boolean stasisFailed,
                             String answeredAt, List<String> talkedWith, String firstTalkedAt, String endedAt,
                             String hungUpBy, String state) {
    }
}
