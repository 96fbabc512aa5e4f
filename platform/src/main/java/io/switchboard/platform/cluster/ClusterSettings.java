package io.switchboard.platform.cluster;

import com.typesafe.config.Config;
import java.util.List;

/**
 * How the node forms or joins its cluster, read once from {@code switchboard.cluster} (see application.conf).
 * Every inconsistent combination is refused here with a one-line message naming the setting to change.
 *
 * @param discovery              how the node finds its peers
 * @param seedNodes              seed-nodes discovery: the Pekko addresses to join
 * @param bootstrap              config and kubernetes-api discovery: Cluster Bootstrap's settings
 * @param management             Pekko Management's endpoint (bootstrap and health checks)
 * @param splitBrain             the split brain resolver's strategy
 * @param allowNodeLocalJournal  lets several nodes each run on their own embedded H2 journal (trying out only)
 * @param failureDetection       how fast a lost node is noticed and downed
 */
public record ClusterSettings(Discovery discovery, List<String> seedNodes, BootstrapSettings bootstrap,
        ManagementSettings management, SplitBrainStrategy splitBrain, boolean allowNodeLocalJournal,
        FailureDetection failureDetection) {

    public ClusterSettings {
        seedNodes = List.copyOf(seedNodes);
        if (discovery == Discovery.SEED_NODES && seedNodes.isEmpty()) {
            throw new IllegalArgumentException("switchboard.cluster.discovery = seed-nodes needs "
                    + "switchboard.cluster.seed-nodes (env SWITCHBOARD_CLUSTER_SEED_NODES) or pekko.cluster.seed-nodes");
        }
        if (discovery != Discovery.SEED_NODES && !seedNodes.isEmpty()) {
            throw new IllegalArgumentException("seed nodes are set but switchboard.cluster.discovery is "
                    + discovery.key() + ": set discovery = seed-nodes to join them, or remove them");
        }
        for (String seed : seedNodes) {
            if (!seed.startsWith("pekko://")) {
                throw new IllegalArgumentException("switchboard.cluster.seed-nodes: expected an address such as "
                        + "pekko://switchboard@10.0.0.1:25520, got " + seed);
            }
        }
        if (discovery == Discovery.CONFIG) {
            if (bootstrap.contactPoints().isEmpty()) {
                throw new IllegalArgumentException("switchboard.cluster.discovery = config needs "
                        + "switchboard.cluster.bootstrap.contact-points (env SWITCHBOARD_CLUSTER_CONTACT_POINTS), "
                        + "every node's management host:port");
            }
            if (bootstrap.requiredContactPoints() > bootstrap.contactPoints().size()) {
                throw new IllegalArgumentException("switchboard.cluster.bootstrap.required-contact-points ("
                        + bootstrap.requiredContactPoints() + ") is more than the "
                        + bootstrap.contactPoints().size() + " contact-points listed: the cluster would never form");
            }
        }
        if (splitBrain == SplitBrainStrategy.LEASE_MAJORITY && discovery != Discovery.KUBERNETES_API) {
            throw new IllegalArgumentException("switchboard.cluster.split-brain-strategy = lease-majority takes a "
                    + "Kubernetes lease: use it with discovery = kubernetes-api");
        }
    }

    public static ClusterSettings fromConfig(Config root) {
        Config c = root.getConfig("switchboard.cluster");
        List<String> seeds = ConfigLists.strings(c, "seed-nodes");
        if (seeds.isEmpty()) {
            seeds = root.getStringList("pekko.cluster.seed-nodes");
        }
        return new ClusterSettings(Discovery.parse(c.getString("discovery")), seeds,
                BootstrapSettings.fromConfig(root), ManagementSettings.fromConfig(root),
                SplitBrainStrategy.parse(c.getString("split-brain-strategy")),
                c.getBoolean("allow-node-local-journal"), FailureDetection.fromConfig(c));
    }

    /** Whether this node may be one of several. */
    public boolean multiNode() {
        return discovery != Discovery.SINGLE;
    }

    /** One line for the startup summary: how the cluster is formed. */
    public String describe() {
        String how = switch (discovery) {
            case SINGLE -> "single node (joins itself)";
            case SEED_NODES -> "joins the seed nodes " + String.join(", ", seedNodes);
            case CONFIG -> "Cluster Bootstrap, config discovery of " + bootstrap.contactPoints() + ", "
                    + bootstrap.requiredContactPoints() + " contact points needed to form a new cluster";
            case KUBERNETES_API -> "Cluster Bootstrap, kubernetes-api discovery of the pods "
                    + bootstrap.effectiveLabelSelector() + (bootstrap.podNamespace().isEmpty() ? ""
                    : " in " + bootstrap.podNamespace()) + ", " + bootstrap.requiredContactPoints()
                    + " contact points needed to form a new cluster";
        };
        String health = discovery.bootstraps() ? "; management and health checks on " + management.url() : "";
        return how + "; split brain resolver " + splitBrain.key() + ", a lost node's calls move in about "
                + failureDetection.expectedTakeover().toMillis() / 1000.0 + " s" + health;
    }
}
