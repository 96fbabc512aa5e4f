package io.switchboard.platform.failover;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the failover scenarios share, for a test class to register ({@code @RegisterExtension static final
 * ScenarioDatabases scenarios = new ScenarioDatabases();}): the jars they start as processes (checked before the
 * first scenario), the folder for those processes' output, and one embedded PostgreSQL on loopback for the class,
 * with a fresh database per scenario.
 */
final class ScenarioDatabases implements BeforeAllCallback, AfterAllCallback {
    private EmbeddedPostgres postgres;
    private Path platformJar;
    private Path simulatorJar;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        platformJar = jar("switchboard.platform.jar", "platform/target/switchboard-platform.jar");
        simulatorJar = jar("switchboard.simulator.jar",
                "simulator/target/switchboard-simulator-<version>-standalone.jar");
        postgres = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1").start();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    /** A cluster for {@code scenario}: its own database and output folder (target/failover/<scenario>). */
    FailoverCluster cluster(String scenario) throws Exception {
        return new FailoverCluster(Path.of(System.getProperty("switchboard.failover.dir", "target/failover"))
                .resolve(scenario), platformJar, simulatorJar, database(scenario.replace('-', '_')));
    }

    /** A fresh database {@code name}, as a JDBC URL. */
    private String database(String name) throws Exception {
        try (Connection c = postgres.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        }
        return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + name;
    }

    /** A jar Maven packaged before Failsafe runs, named by a system property. */
    private static Path jar(String property, String what) {
        String path = System.getProperty(property);
        assertTrue(path != null && Files.isRegularFile(Path.of(path)), "missing " + what + " (system property "
                + property + " = " + path + "): run through Maven, mvn -pl platform -am verify, which packages it");
        return Path.of(path);
    }

}
