package io.switchboard.bench.queues;

import io.switchboard.actors.channel.ChannelEntity;
import io.switchboard.actors.channel.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Stands in for a channel entity and its Asterisk: an agent answers at once, a bridge is made at once (and
 * timed: the end of a queue decision), and a caller's conversation lasts {@code talk}. No ARI, no media.
 */
final class StubChannel {
    private static final AtomicLong PEERS = new AtomicLong();

    private StubChannel() {
    }

    static Behavior<ChannelEntity.Command> create(DecisionTimes times, Duration talk) {
        return Behaviors.withTimers(timers -> Behaviors.receive(ChannelEntity.Command.class)
                .onMessage(ChannelEntity.DialOut.class, dial -> {
                    String agentId = dial.endpoint().substring(dial.endpoint().indexOf('/') + 1);
                    dial.replyTo().tell(new Outcome.Dialed(Outcome.Dialed.DialStatus.ANSWER,
                            agentId + "." + PEERS.incrementAndGet(), List.of()));
                    return Behaviors.same();
                })
                .onMessage(ChannelEntity.BridgeWith.class, bridge -> {
                    String peer = bridge.otherChannelId();
                    times.bridged(peer.substring(0, peer.lastIndexOf('.')));
                    bridge.replyTo().tell(new Outcome.Bridged("bridge-" + peer));
                    return Behaviors.same();
                })
                .onMessage(ChannelEntity.WhenEnded.class, when -> {
                    if (!talk.isZero()) {
                        timers.startSingleTimer(new Ended(when), talk);
                    } else {
                        when.replyTo().tell(new Outcome.Done());
                    }
                    return Behaviors.same();
                })
                .onMessage(Ended.class, ended -> {
                    ended.when().replyTo().tell(new Outcome.Done());
                    return Behaviors.same();
                })
                .onMessage(ChannelEntity.Perform.class, perform -> {
                    perform.replyTo().tell(new Outcome.Done());
                    return Behaviors.same();
                })
                .onAnyMessage(other -> Behaviors.same())
                .build());
    }

    /** A caller's conversation is over. */
    private record Ended(ChannelEntity.WhenEnded when) implements ChannelEntity.Command {
    }
}
