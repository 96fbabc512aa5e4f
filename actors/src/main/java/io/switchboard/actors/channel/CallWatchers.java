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
    private final Set<ActorRef<CallEvent>> subscribers = new HashSet<>();
    private final List<ActorRef<Outcome>> endWatchers = new ArrayList<>();
    /** End watchers that named themselves: the latest reply of each. */
    private final Map<String, ActorRef<Outcome>> namedEndWatchers = new HashMap<>();
    /** Watchers told by a {@link ChannelEntity.WatchEnd}, by name. */
    private final Map<String, ActorRef<ChannelEntity.CallEnded>> endNotices = new HashMap<>();

    CallWatchers(String entityId, String channelId) {
        this.entityId = entityId;
        this.channelId = channelId;
    }

    /** {@code subscriber} gets every event from now on, then the end (at once if the call has already ended). */
    void subscribe(ActorRef<CallEvent> subscriber, boolean alreadyEnded) {
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
            namedEndWatchers.put(name, replyTo);
        } else {
            endWatchers.add(replyTo);
        }
    }

    /** {@code replyTo} is told {@link ChannelEntity.CallEnded} at the end (at once if it is over); one per name. */
    void watchEnd(ActorRef<ChannelEntity.CallEnded> replyTo, String name, boolean alreadyOver) {
        if (alreadyOver) {
            replyTo.tell(new ChannelEntity.CallEnded(entityId));
        } else {
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
        endWatchers.clear();
        namedEndWatchers.values().forEach(w -> w.tell(new Outcome.Done()));
        namedEndWatchers.clear();
        if (!endNotices.isEmpty()) {
            ChannelEntity.CallEnded notice = new ChannelEntity.CallEnded(entityId);
            endNotices.values().forEach(w -> w.tell(notice));
            endNotices.clear();
        }
    }
}
