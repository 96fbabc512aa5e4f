package io.switchboard.platform.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The configuration a node gets from the runnable jar, as users run it: the shade plugin concatenates every
 * reference.conf with Pekko's after Switchboard's, so a Pekko setting the actors need must come from the
 * application level, or Pekko's default wins (it did: idle passivation stopped a caller's entity after 2 minutes).
 */
class RunnableJarConfigIT {

    @Test
    void pekkoSettingsTheActorsNeedSurviveTheShadedJar() throws Exception {
        String path = System.getProperty("switchboard.platform.jar");
        assertTrue(path != null && Files.isRegularFile(Path.of(path)), "missing the runnable jar: " + path);
        try (URLClassLoader jarOnly = new URLClassLoader(new URL[] {Path.of(path).toUri().toURL()}, null)) {
            ConfigFactory.invalidateCaches();
            Config config = ConfigFactory.load(jarOnly);
            assertEquals("none", config.getString("pekko.cluster.sharding.passivation.strategy"));
            assertEquals("pekko.actor.default-dispatcher", config.getString("pekko.cluster.sharding.use-dispatcher"));
            assertEquals(2, config.getInt("pekko.actor.default-dispatcher.fork-join-executor.parallelism-min"));
            assertEquals(2, config.getInt("pekko.actor.internal-dispatcher.fork-join-executor.parallelism-min"));
            assertEquals(1.0, config.getDouble("pekko.actor.default-dispatcher.fork-join-executor.parallelism-factor"));
        } finally {
            ConfigFactory.invalidateCaches();
        }
    }
}
