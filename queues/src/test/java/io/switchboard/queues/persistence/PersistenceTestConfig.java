package io.switchboard.queues.persistence;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.Map;

/** Node configs for persistence tests: a local actor system, every message serialized, a journal of choice. */
public final class PersistenceTestConfig {
    private PersistenceTestConfig() {
    }

    /** An in-memory H2 database of its own, so tests in one JVM never share a journal. */
    public static Config h2InMemory(String database) {
        return h2("jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1");
    }

    public static Config h2File(Path file) {
        return h2("jdbc:h2:file:" + file.toAbsolutePath());
    }

    /** {@code persistence} (an overlay of {@code switchboard.persistence}) on a local test node's config. */
    public static Config localNode(Config persistence) {
        Config node = ConfigFactory.parseString("""
                pekko {
                  loglevel = "INFO"
                  loggers = ["org.apache.pekko.event.slf4j.Slf4jLogger"]
                  logging-filter = "org.apache.pekko.event.slf4j.Slf4jLoggingFilter"
                  actor.provider = local
                  actor.serialize-messages = on
                  coordinated-shutdown.exit-jvm = off
                }
                """);
        return PersistenceConfig.withJournal(
                persistence.withFallback(node).withFallback(ConfigFactory.load()).resolve());
    }

    /** {@code persistence} on a one-node cluster's config (loopback, random port), for sharded entities. */
    public static Config clusterNode(Config persistence) {
        return localNode(ConfigFactory.parseString("""
                pekko.actor.provider = cluster
                pekko.remote.artery.canonical { hostname = "127.0.0.1", port = 0 }
                pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
                """).withFallback(persistence));
    }

    private static Config h2(String url) {
        return ConfigFactory.parseMap(Map.of(
                "switchboard.persistence.kind", "h2",
                "switchboard.persistence.url", url,
                "switchboard.persistence.pool-size", 2));
    }
}
