package io.switchboard.bench.queues;

import io.switchboard.actors.channel.ChannelEntity;
import io.switchboard.actors.channel.Outcome;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Stands in for a channel entity and its Asterisk: an agent answers at once, a bridge is made at once (and
 * timed: the end of a queue decision), and a caller's conversation lasts {@code talk}, after which the caller's
 * channel ends (a queue watching a waiting caller hears of the end only then). No ARI, no media.
 */
final class StubChannel {
    private static final AtomicLong PEERS = new AtomicLong();

    private StubChannel() {
    }

    static Behavior<ChannelEntity.Command> create(String entityId, DecisionTimes times, Duration talk) {
        return Behaviors.withTimers(timers -> {
            // who watches this channel's end, one watch per watcher name as in ChannelEntity: a waiting caller's
            // channel ends only once its conversation is over
            Map<String, ChannelEntity.WatchEnd> notices = new HashMap<>();
            boolean[] ended = {false};
            return Behaviors.receive(ChannelEntity.Command.class)
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
                        timers.startSingleTimer(ConversationOver.INSTANCE, talk);
                        return Behaviors.same();
                    })
                    .onMessage(ChannelEntity.WatchEnd.class, watch -> {
                        if (ended[0]) {
                            watch.replyTo().tell(new ChannelEntity.CallEnded(entityId));
                        } else {
                            notices.put(watch.watcher(), watch);
                        }
                        return Behaviors.same();
                    })
                    .onMessageEquals(ConversationOver.INSTANCE, () -> {
                        ended[0] = true;
                        notices.values().forEach(w -> w.replyTo().tell(new ChannelEntity.CallEnded(entityId)));
                        notices.clear();
                        return Behaviors.same();
                    })
                    .onMessage(ChannelEntity.Perform.class, perform -> {
                        perform.replyTo().tell(new Outcome.Done());
                        return Behaviors.same();
                    })
                    .onAnyMessage(other -> Behaviors.same())
                    .build();
        });
    }

    /** The caller's conversation is over ({@code talk} after the bridge): the call ends. */
    private enum ConversationOver implements ChannelEntity.Command { INSTANCE }
}
