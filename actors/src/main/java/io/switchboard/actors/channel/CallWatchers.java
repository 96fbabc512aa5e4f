package io.switchboard.actors.channel;

import io.switchboard.ari.events.AriEvent;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Who follows a call's events ({@link ChannelEntity.Subscribe}) and who
 * waits for its end ({@link ChannelEntity.WhenEnded}).
 */
final class CallWatchers {
    private final String channelId;
    private final Set<ActorRef<CallEvent>> subscribers = new HashSet<>();
    private final List<ActorRef<Outcome>> endWatchers = new ArrayList<>();

    CallWatchers(String channelId) {
        this.channelId = channelId;
    }

    /** {@code subscriber} gets every event from now on, then the end (at once if the call has already ended). */
    void subscribe(ActorRef<CallEvent> subscriber, boolean alreadyEnded) {
        subscribers.add(subscriber);
        if (alreadyEnded) {
            subscriber.tell(new CallEvent.Ended(channelId, "already ended", null));
        }
    }

    /** {@code watcher} is told when the call ends (at once if it is already over). */
    void whenEnded(ActorRef<Outcome> watcher, boolean alreadyOver) {
        if (alreadyOver) {
            watcher.tell(new Outcome.Done());
        } else {
            endWatchers.add(watcher);
        }
    }

    void observed(AriEvent event) {
        subscribers.forEach(s -> s.tell(new CallEvent.Observed(channelId, event)));
    }

    void ended(String reason, Integer cause) {
        subscribers.forEach(s -> s.tell(new CallEvent.Ended(channelId, reason, cause)));
        endWatchers.forEach(w -> w.tell(new Outcome.Done()));
        endWatchers.clear();
    }
}
