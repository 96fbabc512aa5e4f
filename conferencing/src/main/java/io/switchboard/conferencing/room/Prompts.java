package io.switchboard.conferencing.room;

import java.util.List;

/** The sounds ConfBridge plays (apps/app_confbridge.c, conf_get_sound's defaults), by what they say. */
public final class Prompts {
    public static final String GET_PIN = "sound:conf-getpin";
    public static final String INVALID_PIN = "sound:conf-invalidpin";
    public static final String LOCKED = "sound:conf-locked";
    public static final String KICKED = "sound:conf-kicked";
    public static final String LEADER_HAS_LEFT = "sound:conf-leaderhasleft";
    public static final String WAIT_FOR_LEADER = "sound:conf-waitforleader";
    public static final String HAS_JOINED = "sound:conf-hasjoin";
    public static final String HAS_LEFT = "sound:conf-hasleft";
    public static final String MUTED = "sound:conf-muted";
    public static final String UNMUTED = "sound:conf-unmuted";
    public static final String LOCKED_NOW = "sound:conf-lockednow";
    public static final String UNLOCKED_NOW = "sound:conf-unlockednow";
    public static final String PARTICIPANTS_MUTED = "sound:conf-now-muted";
    public static final String PARTICIPANTS_UNMUTED = "sound:conf-now-unmuted";
    public static final String GOODBYE = "sound:vm-goodbye";
    /** "At the tone, please say your name", before a member's name is recorded. */
    public static final String SAY_YOUR_NAME = "sound:vm-rec-name";

    private Prompts() {
    }

    /** How many others are in, as ConfBridge says it: only person, only one other, or "there are N others". */
    public static List<String> othersIn(int others) {
        if (others <= 0) {
            return List.of("sound:conf-onlyperson");
        }
        if (others == 1) {
            return List.of("sound:conf-onlyone");
        }
        return List.of("sound:conf-thereare", "number:" + others, "sound:conf-otherinparty");
    }
}
