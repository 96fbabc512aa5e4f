package io.switchboard.conferencing.profile;

import java.util.Arrays;

/** What a digit does for a member in a room (a profile's {@code menu}). */
public enum MenuAction {
    TOGGLE_MUTE("toggle-mute", false),
    COUNT("count", false),
    LEAVE("leave", false),
    TOGGLE_LOCK("toggle-lock", true),
    TOGGLE_MUTE_ALL("toggle-mute-all", true),
    KICK_LAST("kick-last", true);

    private final String configName;
    private final boolean adminOnly;

    MenuAction(String configName, boolean adminOnly) {
        this.configName = configName;
        this.adminOnly = adminOnly;
    }

    /** True for actions only an admin's digits do; a member's are ignored. */
    public boolean adminOnly() {
        return adminOnly;
    }

    public static MenuAction ofConfig(String name) {
        return Arrays.stream(values()).filter(a -> a.configName.equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown conference menu action '" + name
                        + "'; known: toggle-mute, count, leave, toggle-lock, toggle-mute-all, kick-last"));
    }
}
