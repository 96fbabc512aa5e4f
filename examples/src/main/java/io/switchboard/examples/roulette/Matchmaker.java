package io.switchboard.examples.roulette;

import io.switchboard.actors.serialization.CborSerializable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * Pairs roulette callers two by two, in order of arrival. One caller waits at a time; the next one to join
 * is paired with it. Callers are answered before they join, so either could bridge the pair: the one that
 * waited does.
 */
public final class Matchmaker {

    public interface Command extends CborSerializable {
    }

    /** A caller looks for a partner; {@code replyTo} hears of one when there is one. */
    public record Join(String channelId, ActorRef<Paired> replyTo) implements Command {
    }

    /** The caller is gone; only matters while it waits (paired callers hang up each other). */
    public record Leave(String channelId) implements Command {
    }

    /** Who waits for a partner now. */
    public record GetWaiting(ActorRef<Waiting> replyTo) implements Command {
    }

    /** The caller waiting for a partner, or null when nobody waits. */
    public record Waiting(String channelId) implements CborSerializable {
    }

    /** Your partner. {@code bridges}: true for the one of the pair that puts both into a bridge. */
    public record Paired(String partnerChannelId, boolean bridges) implements CborSerializable {
    }

    /** One per cluster, so that callers on every node meet. */
    public static ActorRef<Command> initSingleton(ActorSystem<?> system) {
        return ClusterSingleton.get(system).init(SingletonActor.of(create(), "call-roulette-matchmaker"));
    }

    public static Behavior<Command> create() {
        return Behaviors.setup(context -> new Matchmaker(context).behavior());
    }

    private final ActorContext<Command> context;
    private Join waiting;

    private Matchmaker(ActorContext<Command> context) {
        this.context = context;
    }

    private Behavior<Command> behavior() {
        return Behaviors.receive(Command.class)
                .onMessage(Join.class, this::onJoin)
                .onMessage(Leave.class, this::onLeave)
                .onMessage(GetWaiting.class, this::onGetWaiting)
                .build();
    }

    private Behavior<Command> onJoin(Join join) {
        if (waiting == null || waiting.channelId().equals(join.channelId())) {
            waiting = join;
            context.getLog().info("{} waits for a partner", join.channelId());
            return Behaviors.same();
        }
        Join first = waiting;
        waiting = null;
        context.getLog().info("paired {} with {}", first.channelId(), join.channelId());
        first.replyTo().tell(new Paired(join.channelId(), true));
        join.replyTo().tell(new Paired(first.channelId(), false));
        return Behaviors.same();
    }

    private Behavior<Command> onGetWaiting(GetWaiting get) {
        get.replyTo().tell(new Waiting(waiting == null ? null : waiting.channelId()));
        return Behaviors.same();
    }

    private Behavior<Command> onLeave(Leave leave) {
        if (waiting != null && waiting.channelId().equals(leave.channelId())) {
            waiting = null;
            context.getLog().info("{} left before finding a partner", leave.channelId());
        }
        return Behaviors.same();
    }
}
