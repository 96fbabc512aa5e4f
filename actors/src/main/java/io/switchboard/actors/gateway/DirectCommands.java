package io.switchboard.actors.gateway;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateways whose commands this node's entities may send themselves, without a message to the gateway:
 * those running on this node that are the ones to use. With {@code events = inbound} that is the cluster
 * singleton, while it runs here; with {@code events = outbound}, this node's own gateway while the node's
 * {@link GatewayLink} routes to it (Asterisk's socket is here, or on no node yet). Elsewhere commands go as
 * messages through the singleton's proxy or the link. The direct way spares each command the ask's temporary
 * actor and timeout, and two or three hand-offs between threads.
 */
public final class DirectCommands {
    private record Running(CommandRetries path, boolean connectsOut) {
    }

    private final Map<String, Running> running = new ConcurrentHashMap<>();
    private final Set<String> routedHere = ConcurrentHashMap.newKeySet();

    /** The command path of a gateway running here, or null when commands must go through messages. */
    public CommandRetries path(String asteriskId) {
        Running gateway = running.get(asteriskId);
        return gateway == null || (gateway.connectsOut() && !routedHere.contains(asteriskId)) ? null : gateway.path();
    }

    void started(String asteriskId, CommandRetries path, boolean connectsOut) {
        running.put(asteriskId, new Running(path, connectsOut));
    }

    void stopped(String asteriskId, CommandRetries path) {
        running.computeIfPresent(asteriskId, (id, gateway) -> gateway.path() == path ? null : gateway);
    }

    /** Outbound mode: whether this node's link sends the Asterisk's commands to this node's own gateway. */
    void routedHere(String asteriskId, boolean here) {
        if (here) {
            routedHere.add(asteriskId);
        } else {
            routedHere.remove(asteriskId);
        }
    }
}
