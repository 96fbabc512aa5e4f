package io.switchboard.conferencing.profile;

import com.typesafe.config.Config;
import io.switchboard.actors.serialization.CborSerializable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a conference room behaves: {@code switchboard.conferences.profiles.<name>}.
 *
 * @param maxMembers         members at most, 0 for no limit; admins get in whatever the count
 * @param userPin            the PIN that makes a member; empty for none
 * @param adminPin           the PIN that makes an admin; empty for none
 * @param adminIsMarked      an admin who came in by the admin PIN is marked too
 * @param musicWhenAlone     a lone member hears {@code musicClass}
 * @param announceOnlyPerson a member who is alone on joining hears so
 * @param announceCount      a joining member hears how many others are in
 * @param announceJoinLeave  members record their name, which the room hears as they join and leave
 * @param waitForMarked      members hear music and are not heard until a marked member is in
 * @param endWhenMarkedLeaves the last marked member leaving ends the conference for everyone
 * @param talkDetection      whether the room follows who talks, with Asterisk's TALK_DETECT thresholds
 * @param menu               digit → action
 * @param record             the room is recorded (in {@code recordingFormat}) from its first member to its last
 */
public record RoomProfile(String name, int maxMembers, String userPin, String adminPin, boolean adminIsMarked,
                          boolean musicWhenAlone, String musicClass, boolean announceOnlyPerson,
                          boolean announceCount, boolean announceJoinLeave, boolean waitForMarked,
                          boolean endWhenMarkedLeaves, TalkDetection talkDetection, Map<String, MenuAction> menu,
                          boolean record, String recordingFormat)
        implements CborSerializable {

    /** {@code talkingThreshold}: the average sample level from which a frame is sound rather than silence. */
    public record TalkDetection(boolean enabled, Duration silenceThreshold, int talkingThreshold)
            implements CborSerializable {

        public TalkDetection {
            if (silenceThreshold.toMillis() < 1 || talkingThreshold < 1) {
                throw new IllegalArgumentException("talk-detection thresholds must be positive");
            }
        }

        /** TALK_DETECT(set)'s value: {@code <silence ms>,<talking level>}. */
        public String value() {
            return silenceThreshold.toMillis() + "," + talkingThreshold;
        }
    }

    public RoomProfile {
        menu = Map.copyOf(menu);
        if (maxMembers < 0) {
            throw new IllegalArgumentException("profile " + name + ": max-members must be 0 or more");
        }
        if (!userPin.isEmpty() && userPin.equals(adminPin)) {
            throw new IllegalArgumentException("profile " + name + ": user-pin and admin-pin must differ");
        }
        for (String pin : new String[] {userPin, adminPin}) {
            if (!pin.matches("[0-9]*")) {
                throw new IllegalArgumentException("profile " + name + ": a PIN is digits only");
            }
        }
    }

    /** Whether callers must type a PIN to get in. */
    public boolean asksForPin() {
        return !userPin.isEmpty() || !adminPin.isEmpty();
    }

    /** Reads {@code config}, a profile's block with the default profile as its fallback. */
    public static RoomProfile fromConfig(String name, Config config) {
        Config talk = config.getConfig("talk-detection");
        Map<String, MenuAction> menu = new LinkedHashMap<>();
        Config menuConfig = config.getConfig("menu");
        for (String digit : menuConfig.root().keySet()) {
            if (!digit.matches("[0-9*#]")) {
                throw new IllegalArgumentException("profile " + name + ": menu keys are single digits, * or #, not '"
                        + digit + "'");
            }
            String action = menuConfig.getString("\"" + digit + "\"");
            if (!action.isEmpty()) {
                menu.put(digit, MenuAction.ofConfig(action));
            }
        }
        return new RoomProfile(name, config.getInt("max-members"), config.getString("user-pin"),
                config.getString("admin-pin"), config.getBoolean("admin-is-marked"),
                config.getBoolean("music-when-alone"), config.getString("music-class"),
                config.getBoolean("announce-only-person"), config.getBoolean("announce-count"),
                config.getBoolean("announce-join-leave"), config.getBoolean("wait-for-marked"),
                config.getBoolean("end-when-marked-leaves"),
                new TalkDetection(talk.getBoolean("enabled"), talk.getDuration("silence-threshold"),
                        talk.getInt("talking-threshold")), menu, config.getBoolean("record"),
                config.getString("recording-format"));
    }
}
