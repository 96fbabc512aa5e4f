package io.switchboard.platform.failover;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;

/**
 * What the failover scenarios share: the jars they start as processes, the folder for those processes' output, and
 * one embedded PostgreSQL on loopback with a fresh database per scenario.
 */
final class ScenarioDatabases implements AutoCloseable {
    private final EmbeddedPostgres postgres;

    private ScenarioDatabases(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    static ScenarioDatabases start() throws Exception {
        return new ScenarioDatabases(EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1")
                .start());
    }

    /** A fresh database {@code name}, as a JDBC URL. */
    String database(String name) throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        }
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + name;
    }

    @Override
    public void close() throws Exception {
        postgres.close();
    }

    /** A jar Maven packaged before Failsafe runs, named by a system property. */
    static Path jar(String property, String what) {
        String path = System.getProperty(property);
        assertTrue(path != null && Files.isRegularFile(Path.of(path)), "missing " + what + " (system property "
                + property + " = " + path + "): run through Maven, mvn -pl platform -am verify, which packages it");
        return Path.of(path);
    }

    static Path platformJar() {
        return jar("switchboard.platform.jar", "platform/target/switchboard-platform.jar");
    }

    static Path simulatorJar() {
        return jar("switchboard.simulator.jar", "simulator/target/switchboard-simulator-<version>-standalone.jar");
    }

    static Path outputDir() {
        return Path.of(System.getProperty("switchboard.failover.dir", "target/failover"));
    }
}
