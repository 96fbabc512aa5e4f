package io.switchboard.simulator.channels;

import io.switchboard.ari.events.ChannelTalkingFinished;
import io.switchboard.ari.events.ChannelTalkingStarted;
import io.switchboard.ari.model.Channel;
import io.switchboard.simulator.clock.SimTimer;
import io.switchboard.simulator.state.AsteriskState;
import io.switchboard.simulator.state.SimChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * The {@code TALK_DETECT} dialplan function as Asterisk 22's funcs/func_talkdetect.c runs it, for a far end that
 * talks when a test says so ({@code CallControl.talk}):
 * <ul>
 * <li>{@code TALK_DETECT(set)=[silence ms][,talking level]} turns it on (2500 ms of silence ends talking); a value
 * that is not a positive number changes nothing. Setting it again keeps the current talking state.
 * {@code TALK_DETECT(remove)} turns it off without an event. Over ARI both answer 204 whatever the value, and a
 * function write raises no ChannelVarset.</li>
 * <li>ChannelTalkingStarted comes with the first loud frame; ChannelTalkingFinished once {@code silence ms} of
 * silent frames in a row came, its {@code duration} (ms) being the time from the start to then, less that
 * silence. A loud frame on the way resets the silence.</li>
 * <li>A channel muted inbound drops its audio before the detector hears it: no talking starts, and no silence is
 * counted until it is unmuted. A hang-up or a remove while talking raises no ChannelTalkingFinished.</li>
 * </ul>
 */
public final class TalkDetection {
    static final Duration DEFAULT_SILENCE = Duration.ofMillis(2500);

    private final AsteriskState ast;

    public TalkDetection(AsteriskState ast) {
        this.ast = ast;
    }

    /** What a channel's far end sends, and TALK_DETECT's state on it. */
    public static final class Voice {
        boolean detecting;
        Duration silence = DEFAULT_SILENCE;
        boolean talking;
        Instant talkingSince;
        /** When the far end's current sound ends (silent frames after); null before it ever made a sound. */
        Instant soundUntil;
        SimTimer finish = SimTimer.NONE;

        public boolean talking() {
            return talking;
        }
    }

    /** {@code TALK_DETECT(<argument>)=value} written on {@code ch}; true when the variable was TALK_DETECT. */
    public boolean write(SimChannel ch, String variable, String value) {
        String upper = variable.toUpperCase(Locale.ROOT);
        if (!upper.startsWith("TALK_DETECT(") || !upper.endsWith(")")) {
            return false;
        }
        String argument = upper.substring("TALK_DETECT(".length(), upper.length() - 1).trim();
        if (argument.equals("SET")) {
            set(ch, value == null ? "" : value);
        } else if (argument.equals("REMOVE") && ch.voice != null && ch.voice.detecting) {
            ch.voice.detecting = false;
            ch.voice.talking = false;
            ch.voice.finish.cancel();
        }
        return true;
    }

    private void set(SimChannel ch, String value) {
        String[] parts = value.split(",", -1);
        Duration silence = DEFAULT_SILENCE;
        if (!parts[0].isBlank()) {
            Integer ms = leadingNumber(parts[0]);
            if (ms == null || ms < 1) {
                return;
            }
            silence = Duration.ofMillis(ms);
        }
        if (parts.length > 1 && !parts[1].isBlank()) {
            Integer level = leadingNumber(parts[1]);
            if (level == null || level < 1) {
                return;
            }
        }
        Voice voice = voiceOf(ch);
        voice.silence = silence;
        if (!voice.detecting) {
            voice.detecting = true;
            hear(ch, voice);
        }
    }

    /** As sscanf("%d"): the digits a value starts with ("12abc" is 12), null when it starts with none. */
    private static Integer leadingNumber(String text) {
        String t = text.trim();
        int end = 0;
        while (end < t.length() && (Character.isDigit(t.charAt(end)) || (end == 0 && t.charAt(end) == '-'))) {
            end++;
        }
        try {
            return end == 0 || (end == 1 && t.charAt(0) == '-') ? null : Integer.parseInt(t.substring(0, end));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The far end of {@code ch} makes sound for {@code length} from now, then sends silent frames. */
    public void talk(SimChannel ch, Duration length) {
        if (ch.hungUp) {
            return;
        }
        Voice voice = voiceOf(ch);
        Instant until = ast.clock.now().plus(length);
        if (voice.soundUntil == null || until.isAfter(voice.soundUntil)) {
            voice.soundUntil = until;
        }
        hear(ch, voice);
    }

    /** {@code ch}'s mute changed: muted inbound, the detector hears nothing (no silence either); unmuted, it does. */
    public void muteChanged(SimChannel ch) {
        Voice voice = ch.voice;
        if (voice == null || !voice.detecting) {
            return;
        }
        if (mutedIn(ch)) {
            voice.finish.cancel();
        } else {
            hear(ch, voice);
        }
    }

    /** The detector hears the far end now: sound starts talking; talking ends after the silence that follows. */
    private void hear(SimChannel ch, Voice voice) {
        if (!voice.detecting || ch.hungUp || mutedIn(ch)) {
            return;
        }
        Instant now = ast.clock.now();
        boolean sounding = voice.soundUntil != null && voice.soundUntil.isAfter(now);
        if (sounding && !voice.talking) {
            voice.talking = true;
            voice.talkingSince = now;
            Channel model = ch.toModel();
            String ts = ast.timestamp();
            ast.bus.toChannel(ch, app -> new ChannelTalkingStarted(ast.asteriskId, app, ts, model));
        }
        if (voice.talking) {
            Instant silenceFrom = sounding ? voice.soundUntil : now;
            voice.finish.cancel();
            voice.finish = ast.clock.schedule(Duration.between(now, silenceFrom.plus(voice.silence)),
                    () -> finished(ch, voice));
        }
    }

    private void finished(SimChannel ch, Voice voice) {
        if (ch.hungUp || !voice.detecting || !voice.talking) {
            return;
        }
        voice.talking = false;
        long duration = Duration.between(voice.talkingSince, ast.clock.now()).minus(voice.silence).toMillis();
        Channel model = ch.toModel();
        String ts = ast.timestamp();
        ast.bus.toChannel(ch, app -> new ChannelTalkingFinished(ast.asteriskId, app, ts, model, (int) duration));
    }

    private static Voice voiceOf(SimChannel ch) {
        if (ch.voice == null) {
            ch.voice = new Voice();
        }
        return ch.voice;
    }

    private static boolean mutedIn(SimChannel ch) {
        return "in".equals(ch.muted) || "both".equals(ch.muted);
    }
}
