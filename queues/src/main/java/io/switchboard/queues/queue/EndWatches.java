package io.switchboard.queues.queue;

import io.switchboard.actors.channel.ChannelEntity;
import io.switchboard.queues.queue.QueueEntity.Command;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The queue's watches on the ends of its waiting callers' channels and of both legs of its conversations, in
 * memory. A watch is a tell ({@link ChannelEntity.WatchEnd}) answered only when the call ends, through one
 * reference of the queue's: nothing waits per watch (no ask, no temporary actor, no timeout). It is told again
 * every {@code renewal} while the queue still wants it, because the channel entity holding it may have been lost
 * with its node; the entity that gets it next looks the channel up in Asterisk. A channel has at most one watch
 * here: watching it again replaces what its end means (a caller who waited and now talks).
 */
final class EndWatches {

    private record Watch(Command onEnd, Instant renewAt) {
    }

    private final String watcher;
    private final Duration renewal;
    private final BiConsumer<String, ChannelEntity.WatchEnd> tell;
    private final ActorRef<ChannelEntity.CallEnded> replyTo;
    /** In the order they are due for renewal: every watch is (re)inserted with the same delay. */
    private final LinkedHashMap<String, Watch> watches = new LinkedHashMap<>();

    /**
     * @param watcher  the name the channel entities know this queue by (a renewal replaces the earlier watch)
     * @param tell     sends a watch to the channel entity of the given id
     * @param replyTo  where channel entities say that a call ended
     */
    EndWatches(String watcher, Duration renewal, BiConsumer<String, ChannelEntity.WatchEnd> tell,
               ActorRef<ChannelEntity.CallEnded> replyTo) {
        this.watcher = watcher;
        this.renewal = renewal;
        this.tell = tell;
        this.replyTo = replyTo;
    }

    /** Watches {@code channelEntityId}'s end, which will mean {@code onEnd}; told now, whether watched already or not. */
    void watch(String channelEntityId, Command onEnd, Instant now) {
        watches.remove(channelEntityId);
        watches.put(channelEntityId, new Watch(onEnd, now.plus(renewal)));
        tell.accept(channelEntityId, new ChannelEntity.WatchEnd(watcher, replyTo));
    }

    /** The channel's call ended: its watch is over, and this is what it means (null if it was not watched). */
    Command ended(String channelEntityId) {
        Watch watch = watches.remove(channelEntityId);
        return watch == null ? null : watch.onEnd();
    }

    /**
     * Tells again every watch due for renewal that {@code stillWanted} (channel id, what its end means) keeps;
     * the others are dropped.
     */
    void renewDue(Instant now, BiPredicate<String, Command> stillWanted) {
        List<Map.Entry<String, Watch>> due = new ArrayList<>();
        for (Iterator<Map.Entry<String, Watch>> it = watches.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Watch> entry = it.next();
            if (entry.getValue().renewAt().isAfter(now)) {
                break;
            }
            due.add(entry);
            it.remove();
        }
        for (Map.Entry<String, Watch> entry : due) {
            if (stillWanted.test(entry.getKey(), entry.getValue().onEnd())) {
                watch(entry.getKey(), entry.getValue().onEnd(), now);
            }
        }
    }

    int size() {
        return watches.size();
    }
}
