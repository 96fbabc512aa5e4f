package io.switchboard.queues.persistence;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.HashMap;
import java.util.Map;

/**
 * Points Pekko Persistence at the database of {@code switchboard.persistence}. Apply it to a node's config
 * before creating the actor system: Slick's profile and JDBC driver follow the kind, and the database
 * settings must be set again when the config was resolved before the caller's overrides were added.
 */
public final class PersistenceConfig {
    private static final String SLICK = "pekko-persistence-jdbc.shared-databases.slick.";

    private PersistenceConfig() {
    }

    public static Config withJournal(Config root) {
        return overlay(PersistenceSettings.fromConfig(root)).withFallback(root);
    }

    public static Config overlay(PersistenceSettings settings) {
        Map<String, Object> values = new HashMap<>();
        values.put("pekko.persistence.journal.plugin", "jdbc-journal");
        values.put("pekko.persistence.snapshot-store.plugin", "jdbc-snapshot-store");
        values.put("pekko.persistence.state.plugin", "jdbc-durable-state-store");
        for (String plugin : new String[] {"jdbc-journal", "jdbc-snapshot-store", "jdbc-read-journal",
                "jdbc-durable-state-store"}) {
            values.put(plugin + ".use-shared-db", "slick");
        }
        values.put(SLICK + "profile", settings.kind().slickProfile());
        values.put(SLICK + "db.driver", settings.kind().jdbcDriver());
        values.put(SLICK + "db.url", settings.url());
        values.put(SLICK + "db.user", settings.user());
        values.put(SLICK + "db.password", settings.password());
        values.put(SLICK + "db.numThreads", settings.poolSize());
        values.put(SLICK + "db.maxConnections", settings.poolSize());
        values.put(SLICK + "db.minConnections", 1);
        // After ten failed calls a journal plugin fails every call at once for reset-timeout (30 s by default):
        // after a database outage the entities, which back off by themselves (JournalFailures), would stay down
        // that long after the database is back.
        values.put("jdbc-journal.circuit-breaker.reset-timeout", "2s");
        values.put("jdbc-snapshot-store.circuit-breaker.reset-timeout", "2s");
        // the read journal's scan of the journal's orderings backs off up to a minute while the database is away;
        // the figures and the live board should come back within seconds of it
        values.put("jdbc-read-journal.journal-sequence-retrieval.max-backoff-query-delay", "5s");
        // its events-by-tag query as a plain join, which H2 too plans from the ordering range (see the class)
        values.put("jdbc-read-journal.dao", FlatTagQueryDao.class.getName());
        return ConfigFactory.parseMap(values);
    }

    /** Whether the system's Slick database is the one {@code settings} describe. */
    static boolean matches(Config root, PersistenceSettings settings) {
        return settings.kind().slickProfile().equals(root.getString(SLICK + "profile"))
                && settings.url().equals(root.getString(SLICK + "db.url"))
                && "jdbc-journal".equals(root.getString("pekko.persistence.journal.plugin"));
    }
}
