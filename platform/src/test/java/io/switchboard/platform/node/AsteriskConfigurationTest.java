package io.switchboard.platform.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.switchboard.simulator.SimConfig;
import io.switchboard.simulator.SimulatedAsterisk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node in asterisk mode: credentials inline or from a file, and one clear line when they are wrong. */
class AsteriskConfigurationTest {
    private static SimulatedAsterisk asterisk;

    @TempDir
    Path dir;

    @BeforeAll
    static void startAsterisk() {
        asterisk = SimulatedAsterisk.start(SimConfig.defaults().withPort(0));
    }

    @AfterAll
    static void stopAsterisk() {
        asterisk.close();
    }

    private static Config node(String server) {
        return ConfigFactory.parseString("""
                switchboard.node { mode = asterisk, status-interval = 30s }
                switchboard.http { port = 0, token = "t0ken" }
                switchboard.asterisk.servers = [{ id = "pbx1", base-url = "%s", username = "%s", apps = ["callcenter"], %s }]
                pekko.remote.artery.canonical.port = 0
                pekko.coordinated-shutdown.exit-jvm = off
                switchboard.persistence.url = "jdbc:h2:mem:asterisk-%s;DB_CLOSE_DELAY=-1"
                """.formatted(asterisk.ariUrl(), asterisk.user(), server, UUID.randomUUID()))
                .withFallback(ConfigFactory.load()).resolve();
    }

    @Test
    void thePasswordCanComeFromAFile() throws Exception {
        Path secret = Files.writeString(dir.resolve("ari-password"), asterisk.password() + "\n");
        try (SwitchboardNode node = SwitchboardNode.start(node("password-file = \"" + secret + "\""))) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!node.gatewayStatus("pbx1").toCompletableFuture().get(5, TimeUnit.SECONDS).connected()) {
                assertTrue(System.nanoTime() < deadline, "the gateway did not connect with the password from the file");
                Thread.sleep(100);
            }
        }
    }

    @Test
    void wrongCredentialsStopTheNodeWithOneLineNamingTheServerAndWhatToCheck() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SwitchboardNode.start(node("password = \"not-the-password\"")));
        assertEquals("Asterisk pbx1 at " + asterisk.ariUrl() + " refused ARI user '" + asterisk.user() + "' (401): "
                + "check username and password (or password-file) of switchboard.asterisk.servers[pbx1] against "
                + "that Asterisk's ari.conf", error.getMessage());
        assertFalse(error.getMessage().contains("not-the-password"));
    }

    @Test
    void aBaseUrlWithoutAriIsNamed() {
        String noAri = asterisk.ariUrl().replaceFirst("/ari$", "/nothing");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> SwitchboardNode.start(
                node("password = \"" + asterisk.password() + "\"").withValue("switchboard.asterisk.servers",
                        ConfigFactory.parseString("s = [{ id = pbx1, base-url = \"" + noAri + "\", username = u, "
                                + "password = p, apps = [a] }]").getValue("s"))));
        assertTrue(error.getMessage().startsWith("Asterisk pbx1 at " + noAri + " has no ARI there (404)"),
                error.getMessage());
    }

    @Test
    void bothPasswordAndPasswordFileIsAnError() throws Exception {
        Path secret = Files.writeString(dir.resolve("ari-password"), "x");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> SwitchboardNode.start(
                node("password = \"y\", password-file = \"" + secret + "\"")));
        assertEquals("switchboard.asterisk.servers[pbx1]: ARI at " + asterisk.ariUrl()
                + ": set password or password-file, not both", error.getMessage());
    }

    @Test
    void anUnreadablePasswordFileIsNamed() {
        Path missing = dir.resolve("no-such-secret");
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class, () -> SwitchboardNode.start(
                node("password-file = \"" + missing + "\"")));
        assertEquals("switchboard.asterisk.servers[pbx1]: ARI at " + asterisk.ariUrl()
                + ": cannot read password-file " + missing + " (NoSuchFileException)", error.getMessage());
    }

    @Test
    void aServerWithoutPasswordIsNamed() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SwitchboardNode.start(node("request-timeout = 5s")));
        assertEquals("switchboard.asterisk.servers[pbx1]: ARI at " + asterisk.ariUrl()
                + ": set password or password-file", error.getMessage());
    }
}
