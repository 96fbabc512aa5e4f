package io.switchboard.platform.asterisk;

import com.typesafe.config.Config;
import io.switchboard.ari.config.Secrets;

/**
 * Where the node listens for Asterisk's outbound WebSockets and the credentials Asterisk must present (its
 * websocket_client.conf {@code username} and {@code password}), read once from {@code switchboard.asterisk.outbound}.
 */
public record OutboundSettings(String host, int port, String username, String password) {

    public static OutboundSettings fromConfig(Config root) {
        Config c = root.getConfig("switchboard.asterisk.outbound");
        return new OutboundSettings(c.getString("host"), c.getInt("port"), c.getString("username"),
                Secrets.read(c, "password", "switchboard.asterisk.outbound"));
    }

    /** Refuses to accept Asterisk's sockets without credentials: anyone who reached the port could drive calls. */
    public OutboundSettings requireCredentials() {
        if (username.isBlank() || password.isBlank()) {
            throw new IllegalArgumentException("an Asterisk server has events = outbound: set "
                    + "switchboard.asterisk.outbound.username and password (env SWITCHBOARD_OUTBOUND_USER and "
                    + "SWITCHBOARD_OUTBOUND_PASSWORD), the credentials of Asterisk's websocket_client.conf");
        }
        return this;
    }

    /** Where Asterisk reaches this node for {@code serverId}. */
    public String url(String serverId) {
        return "ws://" + host + ":" + port + "/asterisk/" + serverId;
    }

    @Override
    public String toString() {
        return host + ":" + port + " (user " + username + ")";
    }
}
