package io.switchboard.actors.gateway;

import io.switchboard.actors.serialization.LocalOnly;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * A node's way to an Asterisk that connects out to the cluster: commands, status questions and device watches
 * go to the gateway that holds the Asterisk's socket now, wherever Asterisk connected; while no reachable node
 * holds it (Asterisk is reconnecting), to this node's own gateway, which sends commands over HTTP. Device
 * watches are sent again to each gateway that takes the socket, since subscriptions live with it.
 */
public final class GatewayLink {

    private record ListingChanged(Receptionist.Listing listing) implements AriGateway.Command, LocalOnly {
    }

    public static Behavior<AriGateway.Command> create(String asteriskId, ActorRef<AriGateway.Command> local) {
        return Behaviors.setup(context -> new GatewayLink(context, asteriskId, local).behavior());
    }

    private final ActorContext<AriGateway.Command> context;
    private final String asteriskId;
    private final ServiceKey<AriGateway.Command> key;
    private final ActorRef<AriGateway.Command> local;
    private final Map<String, AriGateway.WatchDevice> watches = new HashMap<>();
    private ActorRef<AriGateway.Command> connected;

    private GatewayLink(ActorContext<AriGateway.Command> context, String asteriskId,
                        ActorRef<AriGateway.Command> local) {
        this.context = context;
        this.asteriskId = asteriskId;
        this.key = AriGateway.connectedKey(asteriskId);
        this.local = local;
        context.getSystem().receptionist().tell(Receptionist.subscribe(key,
                context.messageAdapter(Receptionist.Listing.class, ListingChanged::new)));
    }

    private Behavior<AriGateway.Command> behavior() {
        return Behaviors.receive(AriGateway.Command.class)
                .onMessage(ListingChanged.class, this::onListingChanged)
                .onMessage(AriGateway.WatchDevice.class, this::onWatchDevice)
                .onMessage(AriGateway.UnwatchDevice.class, this::onUnwatchDevice)
                .onAnyMessage(this::forward)
                .build();
    }

    /** Reachable holders only; this node's own gateway first when it is the one (no hop). */
    private Behavior<AriGateway.Command> onListingChanged(ListingChanged changed) {
        Set<ActorRef<AriGateway.Command>> holders = changed.listing().getServiceInstances(key);
        ActorRef<AriGateway.Command> chosen = holders.contains(local) ? local
                : holders.stream().min((a, b) -> a.path().toString().compareTo(b.path().toString())).orElse(null);
        if (!java.util.Objects.equals(chosen, connected)) {
            context.getLog().info("Asterisk {} is now served by {}", asteriskId,
                    Optional.ofNullable(chosen).map(r -> r.path().address().toString()).orElse("no node yet"));
            connected = chosen;
            if (chosen != null) {
                watches.values().forEach(chosen::tell);
            }
        }
        return Behaviors.same();
    }

    private Behavior<AriGateway.Command> onWatchDevice(AriGateway.WatchDevice watch) {
        watches.put(watch.device(), watch);
        return forward(watch);
    }

    private Behavior<AriGateway.Command> onUnwatchDevice(AriGateway.UnwatchDevice unwatch) {
        watches.remove(unwatch.device());
        return forward(unwatch);
    }

    private Behavior<AriGateway.Command> forward(AriGateway.Command command) {
        (connected != null ? connected : local).tell(command);
        return Behaviors.same();
    }
}
