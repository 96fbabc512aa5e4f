package io.switchboard.platform.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes {@link ClusterSettings} into the Pekko settings they drive (seed nodes, the split brain resolver,
 * Pekko Management, Cluster Bootstrap and discovery). Apply it to a node's config before creating the actor
 * system, as with the journal's {@code PersistenceConfig}.
 */
public final class ClusterConfig {
    private static final String BOOTSTRAP = "pekko.management.cluster.bootstrap.contact-point-discovery.";
    private static final String SBR = "pekko.cluster.split-brain-resolver.";

    private ClusterConfig() {
    }

    public static Config withCluster(Config root) {
        return overlay(ClusterSettings.fromConfig(root)).withFallback(root);
    }

    public static Config overlay(ClusterSettings settings) {
        Map<String, Object> values = new HashMap<>();
        // not joined when the system starts: ClusterFormation joins settings.seedNodes() once the node has started
        values.put("pekko.cluster.seed-nodes", List.of());
        values.put("pekko.cluster.downing-provider-class", "org.apache.pekko.cluster.sbr.SplitBrainResolverProvider");
        values.put(SBR + "active-strategy", settings.splitBrain().key());
        FailureDetection detection = settings.failureDetection();
        values.put("pekko.cluster.failure-detector.heartbeat-interval", millis(detection.heartbeatInterval()));
        values.put("pekko.cluster.failure-detector.acceptable-heartbeat-pause", millis(detection.acceptablePause()));
        values.put(SBR + "stable-after", millis(detection.stableAfter()));
        values.put("pekko.cluster.down-removal-margin", millis(detection.removalMargin()));
        // the failure detector's verdict, the resolver's decision and the leader's removal are acted on within a
        // quarter second instead of one (gossip every half second: small clusters, little traffic)
        values.put("pekko.cluster.unreachable-nodes-reaper-interval", "250ms");
        values.put("pekko.cluster.leader-actions-interval", "250ms");
        values.put("pekko.cluster.gossip-interval", "500ms");
        // regions and proxies find a moved coordinator or singleton sooner than the 2 s default
        values.put("pekko.cluster.sharding.retry-interval", "200ms");
        values.put("pekko.cluster.singleton-proxy.singleton-identification-interval", "500ms");
        // Sharding's coordinator writes a shard's new home to all nodes of a cluster under five (majority plus 3,
        // minimum 5): a node dead but not yet removed then holds every allocation for updating-state-timeout (5 s),
        // and new calls whose shards need a home wait. A plain majority keeps the writes going; the coordinator
        // still reads from every node when it starts, so a read always meets the latest write.
        values.put("pekko.cluster.sharding.coordinator-state.write-majority-plus", 0);
        values.put("pekko.cluster.sharding.distributed-data.majority-min-cap", 2);
        values.put("pekko.cluster.sharding.updating-state-timeout", "2s");
        if (settings.splitBrain() == SplitBrainStrategy.LEASE_MAJORITY) {
            values.put(SBR + "lease-majority.lease-implementation", "pekko.coordination.lease.kubernetes");
        }
        ManagementSettings management = settings.management();
        values.put("pekko.management.http.hostname", management.hostname());
        values.put("pekko.management.http.port", management.port());
        values.put("pekko.management.http.bind-hostname", management.bindHostname());
        values.put("pekko.management.http.bind-port", management.port());
        BootstrapSettings bootstrap = settings.bootstrap();
        values.put(BOOTSTRAP + "service-name", bootstrap.serviceName());
        values.put(BOOTSTRAP + "required-contact-point-nr", bootstrap.requiredContactPoints());
        if (settings.discovery().bootstraps()) {
            values.put("pekko.discovery.method", settings.discovery().key());
        }
        if (settings.discovery() == Discovery.CONFIG) {
            List<Map<String, Object>> endpoints = bootstrap.contactPoints().stream()
                    .map(p -> Map.<String, Object>of("host", p.host(), "port", p.port())).toList();
            values.put("pekko.discovery.config.services." + quoted(bootstrap.serviceName()) + ".endpoints", endpoints);
            // nodes on one host differ by management port: keep the contact points on other ports
            values.put("pekko.management.cluster.bootstrap.contact-point.filter-on-fallback-port", false);
        }
        if (settings.discovery() == Discovery.KUBERNETES_API) {
            values.put("pekko.discovery.kubernetes-api.pod-label-selector", bootstrap.podLabelSelector());
            // the pod IP, which is also the management hostname a node recognises itself by
            values.put("pekko.discovery.kubernetes-api.use-raw-ip", true);
            if (!bootstrap.podNamespace().isEmpty()) {
                values.put("pekko.discovery.kubernetes-api.pod-namespace", bootstrap.podNamespace());
            }
            values.put(BOOTSTRAP + "port-name", bootstrap.portName());
        }
        return ConfigFactory.parseMap(values);
    }

    private static String millis(java.time.Duration d) {
        return d.toMillis() + "ms";
    }

    private static String quoted(String key) {
        return "\"" + key.replace("\"", "") + "\"";
    }
}
