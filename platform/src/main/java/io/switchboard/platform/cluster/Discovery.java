package io.switchboard.platform.cluster;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a node finds its peers ({@code switchboard.cluster.discovery}). */
public enum Discovery {
    /** Forms a one-node cluster by joining itself. */
    SINGLE("single"),
    /** Joins the listed seed nodes ({@code pekko.cluster.seed-nodes}). */
    SEED_NODES("seed-nodes"),
    /** Cluster Bootstrap; peers are the management endpoints listed in the config (local multi-node runs). */
    CONFIG("config"),
    /** Cluster Bootstrap; peers are the pods the Kubernetes API lists for a label selector. */
    KUBERNETES_API("kubernetes-api");

    private final String key;

    Discovery(String key) {
        this.key = key;
    }

    /** The value as written in the config. */
    public String key() {
        return key;
    }

    /** Whether peers are found by Cluster Bootstrap, which needs Pekko Management's HTTP endpoint. */
    public boolean bootstraps() {
        return this == CONFIG || this == KUBERNETES_API;
    }

    public static Discovery parse(String value) {
        String wanted = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(d -> d.key.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("switchboard.cluster.discovery must be "
                        + Arrays.stream(values()).map(Discovery::key).collect(Collectors.joining(", "))
                        + " (env SWITCHBOARD_CLUSTER_DISCOVERY), got " + value));
    }
}
