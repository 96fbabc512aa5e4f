package io.switchboard.platform.cluster;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** switchboard.cluster as an operator sets it: defaults, environment overrides, and each refused value. */
class ClusterSettingsTest {

    @Test
    void byDefaultTheNodeFormsItsOwnOneNodeCluster() {
        ClusterSettings settings = ClusterSettings.fromConfig(EnvConfig.load(Map.of()));
        assertEquals(Discovery.SINGLE, settings.discovery());
        assertEquals(SplitBrainStrategy.KEEP_MAJORITY, settings.splitBrain());
        assertEquals(List.of(), settings.seedNodes());
        assertFalse(settings.multiNode());
        assertEquals(new ManagementSettings("127.0.0.1", 7626, "127.0.0.1"), settings.management());
        assertEquals("single node (joins itself); split brain resolver keep-majority", settings.describe());
    }

    @Test
    void aContainerChoosesKubernetesDiscoveryThroughTheEnvironment() {
        ClusterSettings settings = ClusterSettings.fromConfig(EnvConfig.load(Map.of(
                "SWITCHBOARD_CLUSTER_DISCOVERY", "kubernetes-api",
                "SWITCHBOARD_CLUSTER_HOST", "10.1.2.3",
                "SWITCHBOARD_MANAGEMENT_PORT", "8558",
                "SWITCHBOARD_CLUSTER_REQUIRED_CONTACT_POINTS", "3",
                "SWITCHBOARD_CLUSTER_SERVICE_NAME", "callcenter",
                "SWITCHBOARD_CLUSTER_POD_LABEL_SELECTOR", "app.kubernetes.io/name=%s",
                "SWITCHBOARD_CLUSTER_POD_NAMESPACE", "telephony",
                "SWITCHBOARD_SPLIT_BRAIN_STRATEGY", "lease-majority")));
        assertEquals(Discovery.KUBERNETES_API, settings.discovery());
        assertTrue(settings.discovery().bootstraps());
        assertEquals(new ManagementSettings("10.1.2.3", 8558, "10.1.2.3"), settings.management());
        assertEquals(3, settings.bootstrap().requiredContactPoints());
        assertEquals("app.kubernetes.io/name=callcenter", settings.bootstrap().effectiveLabelSelector());
        assertEquals("telephony", settings.bootstrap().podNamespace());
        assertEquals(SplitBrainStrategy.LEASE_MAJORITY, settings.splitBrain());
        Config pekko = ClusterConfig.withCluster(EnvConfig.load(Map.of(
                "SWITCHBOARD_CLUSTER_DISCOVERY", "kubernetes-api", "SWITCHBOARD_SPLIT_BRAIN_STRATEGY", "lease-majority")));
        String lease = pekko.getString("pekko.cluster.split-brain-resolver.lease-majority.lease-implementation");
        assertEquals("org.apache.pekko.coordination.lease.kubernetes.KubernetesLease",
                pekko.getString(lease + ".lease-class"), "the lease the resolver takes is the Kubernetes one");
        assertDoesNotThrow(() -> Class.forName(pekko.getString(lease + ".lease-class")));
        assertEquals("Cluster Bootstrap, kubernetes-api discovery of the pods app.kubernetes.io/name=callcenter in "
                + "telephony, 3 contact points needed to form a new cluster; split brain resolver lease-majority, a "
                + "lost node's calls move in about 2.6 s; management and health checks on http://10.1.2.3:8558",
                settings.describe());
        assertEquals("250ms", pekko.getString("pekko.cluster.failure-detector.heartbeat-interval"));
        assertEquals("750ms", pekko.getString("pekko.cluster.failure-detector.acceptable-heartbeat-pause"));
        assertEquals("300ms", pekko.getString("pekko.cluster.split-brain-resolver.stable-after"));
        assertEquals("300ms", pekko.getString("pekko.cluster.down-removal-margin"));
    }

    @Test
    void listsComeFromTheEnvironmentAsCommaSeparatedValues() {
        ClusterSettings config = ClusterSettings.fromConfig(EnvConfig.load(Map.of(
                "SWITCHBOARD_CLUSTER_DISCOVERY", "config",
                "SWITCHBOARD_CLUSTER_CONTACT_POINTS", "node1:7626, node2:7626,node3:7626",
                "SWITCHBOARD_MANAGEMENT_BIND_HOST", "0.0.0.0")));
        assertEquals(List.of(new ContactPoint("node1", 7626), new ContactPoint("node2", 7626),
                new ContactPoint("node3", 7626)), config.bootstrap().contactPoints());
        assertEquals("0.0.0.0", config.management().bindHostname());

        ClusterSettings seeds = ClusterSettings.fromConfig(EnvConfig.load(Map.of(
                "SWITCHBOARD_CLUSTER_DISCOVERY", "seed-nodes",
                "SWITCHBOARD_CLUSTER_SEED_NODES", "pekko://switchboard@node1:25520,pekko://switchboard@node2:25520")));
        assertEquals(List.of("pekko://switchboard@node1:25520", "pekko://switchboard@node2:25520"), seeds.seedNodes());
        assertEquals(List.of(), ClusterConfig.overlay(seeds).getStringList("pekko.cluster.seed-nodes"),
                "Pekko must not join at the system's start: ClusterFormation joins the seeds once the node started");
    }

    @Test
    void pekkoSeedNodesStillWorkWithSeedNodesDiscovery() {
        ClusterSettings settings = ClusterSettings.fromConfig(ConfigFactory.parseString("""
                switchboard.cluster.discovery = seed-nodes
                pekko.cluster.seed-nodes = ["pekko://switchboard@10.0.0.1:25520"]
                """).withFallback(EnvConfig.load(Map.of())));
        assertEquals(List.of("pekko://switchboard@10.0.0.1:25520"), settings.seedNodes());
    }

    @Test
    void configDiscoveryIsWrittenIntoPekkoDiscoveryAndBootstrap() {
        Config pekko = ClusterConfig.overlay(ClusterSettings.fromConfig(EnvConfig.load(Map.of(
                "SWITCHBOARD_CLUSTER_DISCOVERY", "config",
                "SWITCHBOARD_CLUSTER_CONTACT_POINTS", "127.0.0.1:7001,127.0.0.1:7002"))));
        assertEquals("config", pekko.getString("pekko.discovery.method"));
        assertEquals(7002, pekko.getConfigList("pekko.discovery.config.services.switchboard.endpoints").get(1)
                .getInt("port"));
        assertEquals(2, pekko.getInt(
                "pekko.management.cluster.bootstrap.contact-point-discovery.required-contact-point-nr"));
        assertEquals("keep-majority", pekko.getString("pekko.cluster.split-brain-resolver.active-strategy"));
    }

    @Test
    void eachBadValueIsOneLineNamingTheSetting() {
        assertRefused(Map.of("SWITCHBOARD_CLUSTER_DISCOVERY", "dns"), "switchboard.cluster.discovery must be single, "
                + "seed-nodes, config, kubernetes-api (env SWITCHBOARD_CLUSTER_DISCOVERY), got dns");
        assertRefused(Map.of("SWITCHBOARD_SPLIT_BRAIN_STRATEGY", "keep-most"), "switchboard.cluster."
                + "split-brain-strategy must be keep-majority, lease-majority, keep-oldest, down-all "
                + "(env SWITCHBOARD_SPLIT_BRAIN_STRATEGY), got keep-most");
        assertRefused(Map.of("SWITCHBOARD_MANAGEMENT_PORT", "0"),
                "switchboard.cluster.management.port must be a fixed port between 1 and 65535, got 0");
        assertRefused(Map.of("SWITCHBOARD_CLUSTER_DISCOVERY", "config"), "switchboard.cluster.discovery = config "
                + "needs switchboard.cluster.bootstrap.contact-points (env SWITCHBOARD_CLUSTER_CONTACT_POINTS), "
                + "every node's management host:port");
        assertRefused(Map.of("SWITCHBOARD_CLUSTER_DISCOVERY", "config", "SWITCHBOARD_CLUSTER_CONTACT_POINTS", "node1"),
                "switchboard.cluster.bootstrap.contact-points: expected host:port, got node1");
        assertRefused(Map.of("SWITCHBOARD_CLUSTER_DISCOVERY", "config", "SWITCHBOARD_CLUSTER_CONTACT_POINTS",
                "node1:7626", "SWITCHBOARD_CLUSTER_REQUIRED_CONTACT_POINTS", "2"),
                "switchboard.cluster.bootstrap.required-contact-points (2) is more than the 1 contact-points listed: "
                        + "the cluster would never form");
        assertRefused(Map.of("SWITCHBOARD_CLUSTER_REQUIRED_CONTACT_POINTS", "0"), "switchboard.cluster.bootstrap."
                + "required-contact-points must be at least 1 (env SWITCHBOARD_CLUSTER_REQUIRED_CONTACT_POINTS), got 0");
        assertRefused(Map.of("SWITCHBOARD_CLUSTER_DISCOVERY", "seed-nodes"), "switchboard.cluster.discovery = "
                + "seed-nodes needs switchboard.cluster.seed-nodes (env SWITCHBOARD_CLUSTER_SEED_NODES) or "
                + "pekko.cluster.seed-nodes");
        assertRefused(Map.of("SWITCHBOARD_CLUSTER_SEED_NODES", "pekko://switchboard@node1:25520"), "seed nodes are "
                + "set but switchboard.cluster.discovery is single: set discovery = seed-nodes to join them, or "
                + "remove them");
        assertRefused(Map.of("SWITCHBOARD_CLUSTER_DISCOVERY", "seed-nodes", "SWITCHBOARD_CLUSTER_SEED_NODES",
                "node1:25520"), "switchboard.cluster.seed-nodes: expected an address such as "
                + "pekko://switchboard@10.0.0.1:25520, got node1:25520");
        assertRefused(Map.of("SWITCHBOARD_CLUSTER_DISCOVERY", "config", "SWITCHBOARD_CLUSTER_CONTACT_POINTS",
                "a:1,b:2", "SWITCHBOARD_SPLIT_BRAIN_STRATEGY", "lease-majority"), "switchboard.cluster."
                + "split-brain-strategy = lease-majority takes a Kubernetes lease: use it with discovery = kubernetes-api");
    }

    private static void assertRefused(Map<String, String> env, String message) {
        Config config = EnvConfig.load(env);
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> ClusterSettings.fromConfig(config));
        assertEquals(message, error.getMessage());
        assertFalse(error.getMessage().contains("\n"));
    }
}
