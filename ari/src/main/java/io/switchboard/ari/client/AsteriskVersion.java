package io.switchboard.ari.client;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads Asterisk version strings such as {@code 22.10.1} or {@code 23.0.0-rc1}. */
final class AsteriskVersion {
    private static final Pattern MAJOR_MINOR = Pattern.compile("^(\\d+)\\.(\\d+)");

    private AsteriskVersion() {
    }

    /** REST requests over the event WebSocket arrived in Asterisk 22.4. */
    static boolean supportsRestOverWebSocket(String version) {
        if (version == null) {
            return false;
        }
        Matcher m = MAJOR_MINOR.matcher(version.trim());
        if (!m.find()) {
            return false;
        }
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        return major > 22 || (major == 22 && minor >= 4);
    }
}
