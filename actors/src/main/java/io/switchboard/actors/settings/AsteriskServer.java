package io.switchboard.actors.settings;

import com.typesafe.config.Config;
import io.switchboard.ari.client.AriSettings;

/**
 * One Asterisk that Switchboard drives.
 *
 * @param id  the namespace of this server's channels and bridges in entity ids ({@code <id>/<ari id>});
 *            letters, digits, '-' and '_'
 * @param ari how to reach its ARI, and which Stasis applications to serve
 * @param events who opens the event socket: Switchboard ({@link Events#INBOUND}, any Asterisk with ARI) or
 *               Asterisk ({@link Events#OUTBOUND}, 22.5+: its persistent outbound WebSocket reaches any node)
 */
public record AsteriskServer(String id, AriSettings ari, Events events) {

    /** Who opens the application's event socket. */
    public enum Events {
        /**
         * One node (a cluster singleton) connects to Asterisk. While no node holds the socket, Asterisk
         * discards the application's events and new {@code Stasis()} calls for it fail.
         */
        INBOUND,
        /**
         * Asterisk connects to the nodes (websocket_client.conf, ari.conf {@code type=outbound_websocket}).
         * The application stays registered while the socket is down, Asterisk queues its events and delivers
         * them on reconnect, and whichever node it reaches serves it.
         */
        OUTBOUND
    }

    public AsteriskServer(String id, AriSettings ari) {
        this(id, ari, Events.INBOUND);
    }

    public AsteriskServer {
        if (id == null || !id.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("asterisk server id must be letters, digits, '-' or '_', got " + id);
        }
        events = events == null ? Events.INBOUND : events;
        if (ari.apps().isEmpty()) {
            throw new IllegalArgumentException("asterisk server " + id + " serves no Stasis application: set apps");
        }
    }

    /** True when Asterisk opens the event socket to the nodes. */
    public boolean connectsOut() {
        return events == Events.OUTBOUND;
    }

    /** Reads {@code { id, base-url, username, password (or password-file), apps = [...], events = inbound, ... }}. */
    public static AsteriskServer fromConfig(Config config) {
        String id = config.getString("id");
        try {
            Events events = Events.INBOUND;
            if (config.hasPath("events")) {
                String value = config.getString("events").trim().toUpperCase(java.util.Locale.ROOT);
                try {
                    events = Events.valueOf(value);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("events must be inbound or outbound, got "
                            + config.getString("events"), e);
                }
            }
            return new AsteriskServer(id, AriSettings.fromConfig(config), events);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("switchboard.asterisk.servers[" + id + "]: " + e.getMessage(), e);
        }
    }
}
