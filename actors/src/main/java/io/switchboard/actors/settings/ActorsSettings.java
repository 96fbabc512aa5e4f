package io.switchboard.actors.settings;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Settings of the actor layer, read once from {@code switchboard.actors} and {@code switchboard.asterisk}.
 *
 * @param servers         the Asterisk servers to drive
 * @param commandTimeout  how long a command may wait for Asterisk's answer, retries included
 * @param commandRetries  how many times a command that failed in transport (no answer) is sent again
 * @param retryBackoff    the pause before the first retry, doubled for each further one
 * @param gatewayRole     cluster role of the nodes that may run gateways (empty: any node)
 * @param entityRole      cluster role of the nodes that may run channel and bridge entities (empty: any)
 * @param sweepInterval   how often the gateway holding an Asterisk's socket checks that every channel in its
 *                        applications has a live entity (and at once when a node leaves the cluster)
 * @param unbridgedLegTimeout a leg a call dialled that answered and has stayed out of every bridge this long
 *                        (seen at sweeps) is hung up: whoever dialled it was lost with a node
 * @param numberOfShards  shards of the channel and bridge entity types (about ten per node the cluster may have)
 * @param forwardTimeout  outbound mode: how long a node waits for the gateway holding the socket to answer a
 *                        command before sending it again over HTTP itself (that node may have just died)
 */
public record ActorsSettings(List<AsteriskServer> servers, Duration commandTimeout, int commandRetries,
                             Duration retryBackoff, Optional<String> gatewayRole, Optional<String> entityRole,
                             Duration sweepInterval, Duration unbridgedLegTimeout, int numberOfShards,
                             Duration forwardTimeout) {

    public ActorsSettings {
        servers = List.copyOf(servers);
        long distinct = servers.stream().map(AsteriskServer::id).distinct().count();
        if (numberOfShards < 1) {
            throw new IllegalArgumentException("switchboard.actors.number-of-shards must be positive, got "
                    + numberOfShards);
        }
        if (sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("switchboard.actors.sweep-interval must be positive, got "
                    + sweepInterval);
        }
        if (distinct != servers.size()) {
            throw new IllegalArgumentException("two asterisk servers share an id: " + servers);
        }
    }

    public static ActorsSettings fromConfig(Config root) {
        Config actors = root.getConfig("switchboard.actors");
        List<AsteriskServer> servers = root.getConfigList("switchboard.asterisk.servers").stream()
                .map(AsteriskServer::fromConfig).toList();
        return new ActorsSettings(servers, actors.getDuration("command-timeout"), actors.getInt("command-retries"),
                actors.getDuration("retry-backoff"), role(actors, "gateway-role"), role(actors, "entity-role"),
                actors.getDuration("sweep-interval"), actors.getDuration("unbridged-leg-timeout"),
                actors.getInt("number-of-shards"), actors.getDuration("forward-timeout"));
    }

    private static Optional<String> role(Config config, String path) {
        String role = config.getString(path);
        return role.isBlank() ? Optional.empty() : Optional.of(role);
    }

    public AsteriskServer server(String id) {
        return servers.stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no asterisk server " + id));
    }
}
