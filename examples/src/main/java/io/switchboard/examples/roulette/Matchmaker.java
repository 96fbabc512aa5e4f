package io.switchboard.examples.roulette;

import io.switchboard.actors.channel.ChannelEntity;
import io.switchboard.actors.channel.Outcome;
import io.switchboard.actors.gateway.EntityIds;
import io.switchboard.actors.serialization.CborSerializable;
import io.switchboard.actors.serialization.LocalOnly;
import java.time.Duration;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * Pairs roulette callers two by two, in order of arrival. One caller waits at a time; the next one to join
 * is paired with it. Callers are answered before they join, so either could bridge the pair: the one that
 * waited does.
 *
 * <p>The matchmaker learns that a call ended from the call's channel entity, not from the caller's flow: it
 * checks that a joining call is still there before it may wait or pair, and watches the one that waits. A
 * hang-up and a join sent from two places could arrive in either order; asked of the channel entity, the
 * check and the watch are answered in the order the entity saw the hang-up, so a caller gone at any moment
 * is never kept waiting.
 */
public final class Matchmaker {
    /** How long the check that a joining call is still there may take before the join is refused. */
    static final Duration CHECK_TIMEOUT = Duration.ofSeconds(10);

    public interface Command extends CborSerializable {
    }

    /** A caller looks for a partner; {@code replyTo} hears of one when there is one. */
    public record Join(String asteriskId, String channelId, ActorRef<Paired> replyTo) implements Command {
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

    /** The channel entity said whether the joining call is still there. */
    private record Checked(Join join, boolean live) implements Command, LocalOnly {
    }

    /** The call of a caller who waited has ended (or its watch lapsed, after as long as a flow waits). */
    private record Ended(String channelId) implements Command, LocalOnly {
    }

    /** One per cluster, so that callers on every node meet. */
    public static ActorRef<Command> initSingleton(ActorSystem<?> system) {
        return ClusterSingleton.get(system).init(SingletonActor.of(create(), "call-roulette-matchmaker"));
    }

    /** Follows calls through their sharded channel entities. */
    public static Behavior<Command> create() {
        return Behaviors.setup(context -> new Matchmaker(context, entityId -> ClusterSharding.get(context.getSystem())
                .entityRefFor(ChannelEntity.TYPE_KEY, entityId)).behavior());
    }

    /** {@code channels}: the channel entity of each call, by entity id ({@code <asteriskId>/<channelId>}). */
    static Behavior<Command> create(Function<String, RecipientRef<ChannelEntity.Command>> channels) {
        return Behaviors.setup(context -> new Matchmaker(context, channels).behavior());
    }

    private final ActorContext<Command> context;
    private final Function<String, RecipientRef<ChannelEntity.Command>> channels;
    private Join waiting;

    private Matchmaker(ActorContext<Command> context, Function<String, RecipientRef<ChannelEntity.Command>> channels) {
        this.context = context;
        this.channels = channels;
    }

    private Behavior<Command> behavior() {
        return Behaviors.receive(Command.class)
                .onMessage(Join.class, this::onJoin)
                .onMessage(Checked.class, this::onChecked)
                .onMessage(Ended.class, this::onEnded)
                .onMessage(GetWaiting.class, this::onGetWaiting)
                .build();
    }

    private Behavior<Command> onJoin(Join join) {
        context.ask(ChannelEntity.Snapshot.class, channelOf(join), CHECK_TIMEOUT, ChannelEntity.GetSnapshot::new,
                (snapshot, failure) -> new Checked(join,
                        failure == null && snapshot.channel() != null && !snapshot.ended()));
        return Behaviors.same();
    }

    private Behavior<Command> onChecked(Checked checked) {
        Join join = checked.join();
        if (!checked.live()) {
            context.getLog().info("{} ended before it could look for a partner", join.channelId());
            return Behaviors.same();
        }
        if (waiting != null && waiting.channelId().equals(join.channelId())) {
            waiting = join;
            return Behaviors.same();
        }
        if (waiting == null) {
            waiting = join;
            watch(join);
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

    /** The entity answers at once if the call has ended since the check, else when it ends. */
    private void watch(Join join) {
        context.ask(Outcome.class, channelOf(join), CallRoulette.LONGEST_WAIT, ChannelEntity.WhenEnded::new,
                (done, failure) -> new Ended(join.channelId()));
    }

    private Behavior<Command> onEnded(Ended ended) {
        if (waiting != null && waiting.channelId().equals(ended.channelId())) {
            waiting = null;
            context.getLog().info("{} left before finding a partner", ended.channelId());
        }
        return Behaviors.same();
    }

    private Behavior<Command> onGetWaiting(GetWaiting get) {
        get.replyTo().tell(new Waiting(waiting == null ? null : waiting.channelId()));
        return Behaviors.same();
    }

    private RecipientRef<ChannelEntity.Command> channelOf(Join join) {
        return channels.apply(EntityIds.of(join.asteriskId(), join.channelId()));
    }
}
