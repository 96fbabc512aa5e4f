package io.switchboard.queues.persistence;

import com.typesafe.config.Config;
import io.switchboard.ari.config.Secrets;

/**
 * Where the journal lives, read once from {@code switchboard.persistence}. {@link #toString()} leaves the
 * password and any URL parameters out, so the settings can be logged.
 *
 * @param kind      h2 or postgres
 * @param url       JDBC URL
 * @param user      database user
 * @param password  database password ({@code password}, or {@code password-file})
 * @param poolSize  connections shared by the journal, the snapshot store and queries
 */
public record PersistenceSettings(DatabaseKind kind, String url, String user, String password, int poolSize) {

    public PersistenceSettings {
        if (poolSize < 1) {
            throw new IllegalArgumentException("switchboard.persistence.pool-size must be at least 1");
        }
    }

    public static PersistenceSettings fromConfig(Config root) {
        Config c = root.getConfig("switchboard.persistence");
        return new PersistenceSettings(DatabaseKind.parse(c.getString("kind")), c.getString("url"),
                c.getString("user"), Secrets.read(c, "password", "switchboard.persistence"), c.getInt("pool-size"));
    }

    /** The URL without its parameters, which may carry credentials. */
    public String safeUrl() {
        int params = url.indexOf('?');
        return params < 0 ? url : url.substring(0, params) + "?…";
    }

    @Override
    public String toString() {
        return "PersistenceSettings[kind=" + kind + ", url=" + safeUrl() + ", user=" + user
                + ", password=***, poolSize=" + poolSize + "]";
    }
}
