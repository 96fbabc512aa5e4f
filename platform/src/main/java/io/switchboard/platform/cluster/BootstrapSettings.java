package io.switchboard.platform.cluster;

import com.typesafe.config.Config;
import java.util.List;

/**
 * Cluster Bootstrap's settings, read from {@code switchboard.cluster.bootstrap}.
 *
 * @param serviceName             the service whose contact points are looked up (kubernetes-api: fills the
 *                                {@code %s} of the label selector)
 * @param requiredContactPoints   how many peers must be found before the first node forms a new cluster
 * @param contactPoints           config discovery: every node's management endpoint
 * @param podLabelSelector        kubernetes-api: the label selector of the pods, {@code %s} being the service name
 * @param podNamespace            kubernetes-api: the namespace to list; empty for the pod's own
 * @param portName                kubernetes-api: the name of the container port of the management endpoint
 */
public record BootstrapSettings(String serviceName, int requiredContactPoints, List<ContactPoint> contactPoints,
        String podLabelSelector, String podNamespace, String portName) {

    public BootstrapSettings {
        contactPoints = List.copyOf(contactPoints);
    }

    public static BootstrapSettings fromConfig(Config root) {
        Config b = root.getConfig("switchboard.cluster.bootstrap");
        String serviceName = b.getString("service-name").trim();
        if (serviceName.isEmpty()) {
            throw new IllegalArgumentException("switchboard.cluster.bootstrap.service-name must not be empty "
                    + "(env SWITCHBOARD_CLUSTER_SERVICE_NAME)");
        }
        int required = b.getInt("required-contact-points");
        if (required < 1) {
            throw new IllegalArgumentException("switchboard.cluster.bootstrap.required-contact-points must be at "
                    + "least 1 (env SWITCHBOARD_CLUSTER_REQUIRED_CONTACT_POINTS), got " + required);
        }
        List<ContactPoint> contactPoints = ConfigLists.strings(b, "contact-points").stream()
                .map(ContactPoint::parse).toList();
        return new BootstrapSettings(serviceName, required, contactPoints, b.getString("pod-label-selector").trim(),
                b.getString("pod-namespace").trim(), b.getString("port-name").trim());
    }

    /** The label selector the pods are listed by, e.g. {@code app=switchboard}. */
    public String effectiveLabelSelector() {
        return podLabelSelector.replace("%s", serviceName);
    }
}
