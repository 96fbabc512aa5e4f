package io.switchboard.platform.cluster;

import com.typesafe.config.Config;

/**
 * Pekko Management's HTTP endpoint (cluster bootstrap and the health checks), read from
 * {@code switchboard.cluster.management}.
 *
 * @param hostname      the address peers reach it at; empty in the config means the cluster host
 * @param port          a fixed port: bootstrap recognises itself among the contact points by it
 * @param bindHostname  the interface to bind, when not {@code hostname} (e.g. 0.0.0.0 in a container)
 */
public record ManagementSettings(String hostname, int port, String bindHostname) {

    public static ManagementSettings fromConfig(Config root) {
        Config m = root.getConfig("switchboard.cluster.management");
        String hostname = m.getString("hostname").trim();
        if (hostname.isEmpty()) {
            hostname = root.getString("pekko.remote.artery.canonical.hostname");
        }
        String bind = m.getString("bind-hostname").trim();
        return new ManagementSettings(hostname, port(m.getInt("port"), "switchboard.cluster.management.port"),
                bind.isEmpty() ? hostname : bind);
    }

    static int port(int port, String where) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(where + " must be a fixed port between 1 and 65535, got " + port);
        }
        return port;
    }

    /** Where the health checks answer, e.g. {@code http://10.0.0.7:7626}. */
    public String url() {
        return "http://" + hostname + ":" + port;
    }
}
