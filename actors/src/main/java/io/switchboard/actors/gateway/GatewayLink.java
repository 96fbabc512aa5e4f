package io.switchboard.actors.gateway;

import io.switchboard.actors.SwitchboardActors;
import io.switchboard.actors.serialization.LocalOnly;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
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
 *
 * <p>When the holder's node dies, its registration outlives it until the node is seen unreachable, and commands
 * sent there meanwhile get no answer. So the newest registration wins (Asterisk has reconnected there), and a
 * command the holder does not answer within {@code forwardTimeout} is sent again through this node's gateway,
 * as a command whose transport failed would be.
 */
public final class GatewayLink {

    private record ListingChanged(Receptionist.Listing listing) implements AriGateway.Command, LocalOnly {
    }

    private record Forwarded(AriGateway.Execute execute, CommandResult result) implements AriGateway.Command, LocalOnly {
    }

    public static Behavior<AriGateway.Command> create(String asteriskId, ActorRef<AriGateway.Command> local,
                                                      Duration forwardTimeout) {
        return Behaviors.setup(context -> new GatewayLink(context, asteriskId, local, forwardTimeout).behavior());
    }

    private final ActorContext<AriGateway.Command> context;
    private final String asteriskId;
    private final ServiceKey<AriGateway.Command> key;
    private final ActorRef<AriGateway.Command> local;
    private final Duration forwardTimeout;
    private final Map<String, AriGateway.WatchDevice> watches = new HashMap<>();
    private Set<ActorRef<AriGateway.Command>> holders = Set.of();
    private ActorRef<AriGateway.Command> connected;

    private GatewayLink(ActorContext<AriGateway.Command> context, String asteriskId,
                        ActorRef<AriGateway.Command> local, Duration forwardTimeout) {
        this.context = context;
        this.asteriskId = asteriskId;
        this.key = AriGateway.connectedKey(asteriskId);
        this.local = local;
        this.forwardTimeout = forwardTimeout;
        SwitchboardActors.get(context.getSystem()).directCommands().routedHere(asteriskId, true);
        context.getSystem().receptionist().tell(Receptionist.subscribe(key,
                context.messageAdapter(Receptionist.Listing.class, ListingChanged::new)));
    }

    private Behavior<AriGateway.Command> behavior() {
        return Behaviors.receive(AriGateway.Command.class)
                .onMessage(ListingChanged.class, this::onListingChanged)
                .onMessage(AriGateway.Execute.class, this::onExecute)
                .onMessage(Forwarded.class, this::onForwarded)
                .onMessage(AriGateway.WatchDevice.class, this::onWatchDevice)
                .onMessage(AriGateway.UnwatchDevice.class, this::onUnwatchDevice)
                .onAnyMessage(this::forward)
                .build();
    }

    /** Reachable holders only; a newly registered one first, since Asterisk connects to one node at a time. */
    private Behavior<AriGateway.Command> onListingChanged(ListingChanged changed) {
        Set<ActorRef<AriGateway.Command>> now = changed.listing().getServiceInstances(key);
        Set<ActorRef<AriGateway.Command>> added = new HashSet<>(now);
        added.removeAll(holders);
        holders = Set.copyOf(now);
        ActorRef<AriGateway.Command> chosen = !added.isEmpty() ? pick(added)
                : now.contains(connected) ? connected : pick(now);
        SwitchboardActors.get(context.getSystem()).directCommands()
                .routedHere(asteriskId, chosen == null || chosen.equals(local));
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

    private ActorRef<AriGateway.Command> pick(Set<ActorRef<AriGateway.Command>> candidates) {
        return candidates.contains(local) ? local
                : candidates.stream().min((a, b) -> a.path().toString().compareTo(b.path().toString())).orElse(null);
    }

    private Behavior<AriGateway.Command> onExecute(AriGateway.Execute execute) {
        if (connected == null || connected.equals(local)) {
            local.tell(execute);
        } else {
            context.ask(CommandResult.class, connected, forwardTimeout,
                    replyTo -> new AriGateway.Execute(execute.command(), replyTo),
                    (result, failure) -> new Forwarded(execute, result));
        }
        return Behaviors.same();
    }

    private Behavior<AriGateway.Command> onForwarded(Forwarded forwarded) {
        if (forwarded.result() != null) {
            forwarded.execute().replyTo().tell(forwarded.result());
        } else {
            context.getLog().info("no answer from the gateway holding {}'s socket within {} ms: {} goes over HTTP",
                    asteriskId, forwardTimeout.toMillis(), forwarded.execute().command());
            AriGateway.Execute execute = forwarded.execute();
            local.tell(new AriGateway.Execute(execute.command(), execute.replyTo(), true));
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
