package io.switchboard.platform.node;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Locale;

/** The node's own settings, read once from {@code switchboard.node}. */
public record NodeSettings(Mode mode, Duration statusInterval) {

    public enum Mode {
        /** Embedded simulated Asterisk, demo callers and agents. */
        DEMO,
        /** The Asterisk servers of {@code switchboard.asterisk.servers}. */
        ASTERISK
    }

    public static NodeSettings fromConfig(Config root) {
        Config node = root.getConfig("switchboard.node");
        String mode = node.getString("mode").toUpperCase(Locale.ROOT);
        try {
            return new NodeSettings(Mode.valueOf(mode), node.getDuration("status-interval"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("switchboard.node.mode must be demo or asterisk, got "
                    + node.getString("mode"), e);
        }
    }
}
