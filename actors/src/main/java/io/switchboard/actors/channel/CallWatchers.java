package io.switchboard.actors.channel;

import io.switchboard.ari.events.AriEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Who follows a call's events ({@link ChannelEntity.Subscribe}) and who waits for its end: by an ask
 * ({@link ChannelEntity.WhenEnded}) or by a watch told once and renewed ({@link ChannelEntity.WatchEnd}).
 */
final class CallWatchers {
    private final String entityId;
    private final String channelId;
    // Each collection is made when first needed: most calls use one or two of them, and a node holds thousands.
    private Set<ActorRef<CallEvent>> subscribers = Set.of();
    private List<ActorRef<Outcome>> endWatchers = List.of();
    /** End watchers that named themselves: the latest reply of each. */
    private Map<String, ActorRef<Outcome>> namedEndWatchers = Map.of();
    /** Watchers told by a {@link ChannelEntity.WatchEnd}, by name. */
    private Map<String, ActorRef<ChannelEntity.CallEnded>> endNotices = Map.of();

    CallWatchers(String entityId, String channelId) {
        this.entityId = entityId;
        this.channelId = channelId;
    }

    /** {@code subscriber} gets every event from now on, then the end (at once if the call has already ended). */
    void subscribe(ActorRef<CallEvent> subscriber, boolean alreadyEnded) {
        if (subscribers.isEmpty()) {
            subscribers = new HashSet<>();
        }
        subscribers.add(subscriber);
        if (alreadyEnded) {
            subscriber.tell(new CallEvent.Ended(channelId, "already ended", null));
        }
    }

    /**
     * {@code replyTo} is told when the call ends (at once if it is already over); a {@code name}d watcher's earlier
     * reply is dropped.
     */
    void whenEnded(ActorRef<Outcome> replyTo, String name, boolean alreadyOver) {
        if (alreadyOver) {
            replyTo.tell(new Outcome.Done());
        } else if (name != null) {
            if (namedEndWatchers.isEmpty()) {
                namedEndWatchers = new HashMap<>();
            }
            namedEndWatchers.put(name, replyTo);
        } else {
            if (endWatchers.isEmpty()) {
                endWatchers = new ArrayList<>();
            }
            endWatchers.add(replyTo);
        }
    }

    /** {@code replyTo} is told {@link ChannelEntity.CallEnded} at the end (at once if it is over); one per name. */
    void watchEnd(ActorRef<ChannelEntity.CallEnded> replyTo, String name, boolean alreadyOver) {
        if (alreadyOver) {
            replyTo.tell(new ChannelEntity.CallEnded(entityId));
        } else {
            if (endNotices.isEmpty()) {
                endNotices = new HashMap<>();
            }
            endNotices.put(name, replyTo);
        }
    }

    /** How many replies wait for the end. */
    int endWatcherCount() {
        return endWatchers.size() + namedEndWatchers.size() + endNotices.size();
    }

    void observed(AriEvent event) {
        subscribers.forEach(s -> s.tell(new CallEvent.Observed(channelId, event)));
    }

    void ended(String reason, Integer cause) {
        subscribers.forEach(s -> s.tell(new CallEvent.Ended(channelId, reason, cause)));
        endWatchers.forEach(w -> w.tell(new Outcome.Done()));
        endWatchers = List.of();
        namedEndWatchers.values().forEach(w -> w.tell(new Outcome.Done()));
        namedEndWatchers = Map.of();
        if (!endNotices.isEmpty()) {
            ChannelEntity.CallEnded notice = new ChannelEntity.CallEnded(entityId);
            endNotices.values().forEach(w -> w.tell(notice));
            endNotices = Map.of();
        }
    }
}
