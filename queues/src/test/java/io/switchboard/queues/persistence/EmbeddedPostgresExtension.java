package io.switchboard.queues.persistence;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real PostgreSQL (zonky's embedded binaries) on 127.0.0.1 and a random port for one test class:
 * {@code @RegisterExtension static final EmbeddedPostgresExtension postgres = new EmbeddedPostgresExtension();}
 * then {@link #database(String)} for a fresh database and the config overlay that points the journal at it.
 */
public final class EmbeddedPostgresExtension implements BeforeAllCallback, AfterAllCallback {
    private EmbeddedPostgres postgres;

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        postgres = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        if (postgres != null) {
            postgres.close();
        }
    }

    /** Creates database {@code name} (if missing) and answers the {@code switchboard.persistence} overlay for it. */
    public Config database(String name) {
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("use a plain lower-case database name: " + name);
        }
        try (Connection connection = postgres.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return ConfigFactory.parseMap(Map.of(
                "switchboard.persistence.kind", "postgres",
                "switchboard.persistence.url", "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + name,
                "switchboard.persistence.user", "postgres",
                "switchboard.persistence.password", "",
                "switchboard.persistence.pool-size", 4));
    }
}
