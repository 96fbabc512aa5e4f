package io.switchboard.actors.settings;

import com.typesafe.config.Config;
import io.switchboard.ari.client.AriSettings;

/**
 * One Asterisk that Switchboard drives.
 *
 * @param id  the namespace of this server's channels and bridges in entity ids ({@code <id>/<ari id>});
 *            letters, digits, '-' and '_'
 * @param ari how to reach its ARI, and which Stasis applications to serve
 */
public record AsteriskServer(String id, AriSettings ari) {

    public AsteriskServer {
        if (id == null || !id.matches("[A-Za-z0-9_-]+")) {
            throw new IllegalArgumentException("asterisk server id must be letters, digits, '-' or '_', got " + id);
        }
        if (ari.apps().isEmpty()) {
            throw new IllegalArgumentException("asterisk server " + id + " serves no Stasis application: set apps");
        }
    }

    /** Reads {@code { id, base-url, username, password (or password-file), apps = [...], ... }}. */
    public static AsteriskServer fromConfig(Config config) {
        String id = config.getString("id");
        try {
            return new AsteriskServer(id, AriSettings.fromConfig(config));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("switchboard.asterisk.servers[" + id + "]: " + e.getMessage(), e);
        }
    }
}
