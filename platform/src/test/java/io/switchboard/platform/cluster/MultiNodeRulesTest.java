package io.switchboard.platform.cluster;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.switchboard.platform.node.SwitchboardNode;
import io.switchboard.queues.persistence.DatabaseKind;
import io.switchboard.queues.persistence.PersistenceSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Several nodes share one journal and drive real Asterisk servers; one node may use anything. */
class MultiNodeRulesTest {
    private static final PersistenceSettings EMBEDDED =
            new PersistenceSettings(DatabaseKind.H2, "jdbc:h2:mem:switchboard;DB_CLOSE_DELAY=-1", "sa", "", 8);
    private static final PersistenceSettings H2_FILE =
            new PersistenceSettings(DatabaseKind.H2, "jdbc:h2:file:/var/lib/switchboard/journal", "sa", "", 8);
    private static final PersistenceSettings H2_SERVER =
            new PersistenceSettings(DatabaseKind.H2, "jdbc:h2:tcp://db:9092/switchboard", "sa", "", 8);
    private static final PersistenceSettings POSTGRES = new PersistenceSettings(DatabaseKind.POSTGRES,
            "jdbc:postgresql://db:5432/switchboard?password=x", "switchboard", "secret", 8);

    private static ClusterSettings cluster(Map<String, String> env) {
        return ClusterSettings.fromConfig(EnvConfig.load(env));
    }

    private static final Map<String, String> SEEDS = Map.of("SWITCHBOARD_CLUSTER_DISCOVERY", "seed-nodes",
            "SWITCHBOARD_CLUSTER_SEED_NODES", "pekko://switchboard@node1:25520");

    @Test
    void aSingleNodeMayKeepItsEmbeddedJournalAndRunTheDemo() {
        assertDoesNotThrow(() -> MultiNodeRules.check(cluster(Map.of()), EMBEDDED, true));
        assertDoesNotThrow(() -> MultiNodeRules.check(cluster(Map.of()), H2_FILE, false));
    }

    @Test
    void severalNodesRefuseTheirOwnH2Journal() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> MultiNodeRules.check(cluster(SEEDS), H2_FILE, false));
        assertEquals("switchboard.cluster.discovery = seed-nodes needs a journal shared by all nodes, but "
                + "switchboard.persistence is the node's own H2 (jdbc:h2:file:/var/lib/switchboard/journal): use kind = "
                + "postgres, or set switchboard.cluster.allow-node-local-journal = on "
                + "(env SWITCHBOARD_CLUSTER_ALLOW_NODE_LOCAL_JOURNAL) to try a cluster out without one",
                error.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MultiNodeRules.check(cluster(Map.of(
                "SWITCHBOARD_CLUSTER_DISCOVERY", "kubernetes-api")), EMBEDDED, false));
    }

    @Test
    void aSharedJournalOrAnExplicitAllowanceLetsSeveralNodesRun() {
        assertDoesNotThrow(() -> MultiNodeRules.check(cluster(SEEDS), POSTGRES, false));
        assertDoesNotThrow(() -> MultiNodeRules.check(cluster(SEEDS), H2_SERVER, false));
        Map<String, String> allowed = new java.util.HashMap<>(SEEDS);
        allowed.put("SWITCHBOARD_CLUSTER_ALLOW_NODE_LOCAL_JOURNAL", "on");
        assertDoesNotThrow(() -> MultiNodeRules.check(cluster(allowed), EMBEDDED, false));
    }

    @Test
    void theDemoRunsOneNode() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> MultiNodeRules.check(cluster(SEEDS), POSTGRES, true));
        assertEquals("demo mode runs a single node (its simulated Asterisk is local to it): set "
                + "switchboard.cluster.discovery = single, or switchboard.node.mode = asterisk", error.getMessage());
    }

    @Test
    void aNodeRefusesToStartInAClusterOnItsEmbeddedJournal() {
        Config config = ConfigFactory.parseString("""
                switchboard.node.mode = asterisk
                switchboard.http.token = "t"
                switchboard.cluster { discovery = config, bootstrap.contact-points = ["127.0.0.1:1"] }
                switchboard.cluster.bootstrap.required-contact-points = 1
                pekko.coordinated-shutdown.exit-jvm = off
                """).withFallback(ConfigFactory.load());
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> SwitchboardNode.start(config));
        assertEquals("switchboard.cluster.discovery = config needs a journal shared by all nodes, but "
                + "switchboard.persistence is the node's own H2 (jdbc:h2:mem:switchboard;DB_CLOSE_DELAY=-1): use kind = "
                + "postgres, or set switchboard.cluster.allow-node-local-journal = on "
                + "(env SWITCHBOARD_CLUSTER_ALLOW_NODE_LOCAL_JOURNAL) to try a cluster out without one",
                error.getMessage());
    }
}
