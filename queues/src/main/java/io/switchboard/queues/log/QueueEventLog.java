package io.switchboard.queues.log;

import io.switchboard.queues.queue.QueueEntity;
import io.switchboard.queues.queue.QueueEntity.CallerConnected;
import io.switchboard.queues.queue.QueueEntity.CallerJoined;
import io.switchboard.queues.queue.QueueEntity.CallerLeft;
import io.switchboard.queues.queue.QueueEntity.CallerRefused;
import io.switchboard.queues.queue.QueueEntity.ConversationEnded;
import io.switchboard.queues.queue.QueueEntity.MemberAdded;
import io.switchboard.queues.queue.QueueEntity.MemberRemoved;
import io.switchboard.queues.queue.QueueEntity.OfferFailed;
import io.switchboard.queues.queue.QueueEntity.PriorityChanged;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a queue's journaled events as app_queue log lines. It remembers who waits in each queue (with their
 * priority) only to tell the position a caller joined at, which the join event does not carry, and to log it
 * again when the caller leaves without an agent (app_queue's original position).
 *
 * <p>OfferFailed, MemberAdded and MemberRemoved journaled before they carried their time are dated with the
 * time the journal stored them. Events that are no log line (RoundRobinMoved, ConfigChanged, CallerReattached:
 * a caller's flow taking its place back) give none.
 */
final class QueueEventLog {
    /** A waiting caller's priority and the position they joined at. */
    record Waiting(int priority, int joinedAt) {
    }

    /** What it holds, in a checkpoint: the waiting and the talking callers of each queue. */
    record Memo(Map<String, Map<String, Waiting>> waiting, Map<String, Map<String, Integer>> talking) {
    }

    /** queue → waiting caller; callers of equal priority are in order of joining already. */
    private final Map<String, Map<String, Waiting>> waiting = new HashMap<>();
    /** queue → caller talking to an agent → the position it joined at, until a transfer may log it. */
    private final Map<String, Map<String, Integer>> talking = new HashMap<>();

    List<QueueLogEntry> entriesFor(String queue, QueueEntity.Event event, Instant stored) {
        Map<String, Waiting> callers = waiting.computeIfAbsent(queue, q -> new HashMap<>());
        if (event instanceof CallerJoined joined) {
            int priority = joined.caller().priority();
            int position = 1 + (int) callers.values().stream().filter(w -> w.priority() >= priority).count();
            callers.put(joined.caller().callerId(), new Waiting(priority, position));
            return List.of(QueueLogEntry.entered(joined.caller().joinedAt(), queue, joined.caller().callerId(),
                    position));
        }
        if (event instanceof PriorityChanged changed) {
            callers.computeIfPresent(changed.callerId(), (id, w) -> new Waiting(changed.priority(), w.joinedAt()));
            return List.of();
        }
        if (event instanceof CallerLeft left) {
            Waiting was = callers.remove(left.callerId());
            return List.of(QueueLogEntry.left(left.at(), queue, left.callerId(),
                    QueueEventType.valueOf(left.reason()), left.waitedSeconds(), left.position(), left.key(),
                    was == null ? 0 : was.joinedAt()));
        }
        if (event instanceof CallerConnected connected) {
            Waiting was = callers.remove(connected.callerId());
            if (was != null) {
                talking.computeIfAbsent(queue, q -> new HashMap<>()).put(connected.callerId(), was.joinedAt());
            }
            return List.of(QueueLogEntry.connected(connected.at(), queue, connected.callerId(), connected.agentId(),
                    connected.waitedSeconds()));
        }
        if (event instanceof CallerRefused refused) {
            return List.of(QueueLogEntry.left(refused.at(), queue, refused.callerId(),
                    QueueEventType.valueOf(refused.reason()), 0, 0, null));
        }
        if (event instanceof QueueEntity.CallerTransferred transferred) {
            Integer joinedAt = stopsTalking(queue, transferred.callerId());
            return List.of(QueueLogEntry.transferred(transferred.at(), queue, transferred.callerId(),
                    transferred.agentId(), transferred.toQueue(), transferred.waitedSeconds(),
                    transferred.talkSeconds(), joinedAt == null ? 0 : joinedAt));
        }
        if (event instanceof ConversationEnded ended) {
            stopsTalking(queue, ended.callerId());
            QueueEventType how = "AGENT".equals(ended.endedBy()) ? QueueEventType.COMPLETEAGENT
                    : QueueEventType.COMPLETECALLER;
            return List.of(QueueLogEntry.completed(ended.at(), queue, ended.callerId(), ended.agentId(), how,
                    ended.talkSeconds(), null));
        }
        if (event instanceof OfferFailed failed) {
            return List.of(QueueLogEntry.ringNoAnswer(orStored(failed.at(), stored), queue, failed.callerId(), failed.agentId(),
                    failed.ringSeconds(), failed.reason()));
        }
        if (event instanceof QueueEntity.OfferCancelled cancelled) {
            return List.of(QueueLogEntry.member(cancelled.at(), queue, cancelled.callerId(), cancelled.agentId(),
                    QueueEventType.RINGCANCELED, null));
        }
        if (event instanceof QueueEntity.CallbackRequested callback) {
            // the caller keeps their place in the waiting list: only the request is logged
            return List.of(QueueLogEntry.left(callback.at(), queue, callback.callerId(), QueueEventType.CALLBACK, 0, 0,
                    callback.number()));
        }
        if (event instanceof MemberAdded added) {
            return List.of(QueueLogEntry.member(orStored(added.at(), stored), queue, null, added.agentId(),
                    QueueEventType.ADDMEMBER, null));
        }
        if (event instanceof MemberRemoved removed) {
            return List.of(QueueLogEntry.member(orStored(removed.at(), stored), queue, null, removed.agentId(),
                    QueueEventType.REMOVEMEMBER, null));
        }
        return List.of();
    }

    Memo memo() {
        return new Memo(deepCopy(waiting), deepCopy(talking));
    }

    void restore(Memo memo) {
        Map<String, Map<String, Waiting>> waitingNow = deepCopy(memo.waiting());
        Map<String, Map<String, Integer>> talkingNow = deepCopy(memo.talking());
        waiting.clear();
        waiting.putAll(waitingNow);
        talking.clear();
        talking.putAll(talkingNow);
    }

    private static <V> Map<String, Map<String, V>> deepCopy(Map<String, Map<String, V>> map) {
        Map<String, Map<String, V>> copy = new HashMap<>();
        map.forEach((queue, inQueue) -> copy.put(queue, new HashMap<>(inQueue)));
        return copy;
    }

    /** The position the caller had joined at, or null when unknown. */
    private Integer stopsTalking(String queue, String callerId) {
        Map<String, Integer> inQueue = talking.get(queue);
        return inQueue == null ? null : inQueue.remove(callerId);
    }

    private static Instant orStored(Instant at, Instant stored) {
        return at != null ? at : stored;
    }
}
