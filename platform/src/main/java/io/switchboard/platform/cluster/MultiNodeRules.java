package io.switchboard.platform.cluster;

import io.switchboard.queues.persistence.DatabaseKind;
import io.switchboard.queues.persistence.PersistenceSettings;
import java.util.Locale;

/**
 * What a node that may be one of several refuses at start. Queue and agent entities move between nodes, so
 * all nodes must journal into one database: with an embedded H2 journal each node would recover an entity
 * from its own file and the nodes' histories would silently diverge.
 */
public final class MultiNodeRules {
    private MultiNodeRules() {
    }

    /**
     * @param demoMode whether the node runs its own simulated Asterisk, which only that node can reach
     * @throws IllegalArgumentException naming the setting to change
     */
    public static void check(ClusterSettings cluster, PersistenceSettings journal, boolean demoMode) {
        if (!cluster.multiNode()) {
            return;
        }
        if (demoMode) {
            throw new IllegalArgumentException("demo mode runs a single node (its simulated Asterisk is local to "
                    + "it): set switchboard.cluster.discovery = single, or switchboard.node.mode = asterisk");
        }
        if (nodeLocal(journal) && !cluster.allowNodeLocalJournal()) {
            throw new IllegalArgumentException("switchboard.cluster.discovery = " + cluster.discovery().key()
                    + " needs a journal shared by all nodes, but switchboard.persistence is the node's own H2 ("
                    + journal.safeUrl() + "): use kind = postgres, or set switchboard.cluster.allow-node-local-journal"
                    + " = on (env SWITCHBOARD_CLUSTER_ALLOW_NODE_LOCAL_JOURNAL) to try a cluster out without one");
        }
    }

    /** An H2 database inside this JVM (in memory or a local file), as opposed to an H2 server over TCP. */
    static boolean nodeLocal(PersistenceSettings journal) {
        String url = journal.url().toLowerCase(Locale.ROOT);
        return journal.kind() == DatabaseKind.H2 && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:");
    }
}
