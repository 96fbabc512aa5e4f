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
 * priority) only to tell the position a caller joined at, which the join event does not carry.
 *
 * <p>Events without a time of their own (OfferFailed, MemberAdded, MemberRemoved) are dated with the time the
 * journal stored them. Events that are no log line (RoundRobinMoved, ConfigChanged, CallerReattached: a
 * caller's flow taking its place back) give none.
 */
final class QueueEventLog {
    /** queue → waiting caller → priority; callers of equal priority are in order of joining already. */
    private final Map<String, Map<String, Integer>> waiting = new HashMap<>();

    List<QueueLogEntry> entriesFor(String queue, QueueEntity.Event event, Instant stored) {
        Map<String, Integer> callers = waiting.computeIfAbsent(queue, q -> new HashMap<>());
        if (event instanceof CallerJoined joined) {
            int priority = joined.caller().priority();
            int position = 1 + (int) callers.values().stream().filter(p -> p >= priority).count();
            callers.put(joined.caller().callerId(), priority);
            return List.of(QueueLogEntry.entered(joined.caller().joinedAt(), queue, joined.caller().callerId(),
                    position));
        }
        if (event instanceof PriorityChanged changed) {
            callers.computeIfPresent(changed.callerId(), (id, p) -> changed.priority());
            return List.of();
        }
        if (event instanceof CallerLeft left) {
            callers.remove(left.callerId());
            return List.of(QueueLogEntry.left(left.at(), queue, left.callerId(),
                    QueueEventType.valueOf(left.reason()), left.waitedSeconds(), left.position(), null));
        }
        if (event instanceof CallerConnected connected) {
            callers.remove(connected.callerId());
            return List.of(QueueLogEntry.connected(connected.at(), queue, connected.callerId(), connected.agentId(),
                    connected.waitedSeconds()));
        }
        if (event instanceof CallerRefused refused) {
            return List.of(QueueLogEntry.left(refused.at(), queue, refused.callerId(),
                    QueueEventType.valueOf(refused.reason()), 0, 0, null));
        }
        if (event instanceof ConversationEnded ended) {
            QueueEventType how = "AGENT".equals(ended.endedBy()) ? QueueEventType.COMPLETEAGENT
                    : QueueEventType.COMPLETECALLER;
            return List.of(QueueLogEntry.completed(ended.at(), queue, ended.callerId(), ended.agentId(), how,
                    ended.talkSeconds(), null));
        }
        if (event instanceof OfferFailed failed) {
            return List.of(QueueLogEntry.ringNoAnswer(stored, queue, failed.callerId(), failed.agentId(),
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
            return List.of(QueueLogEntry.member(stored, queue, null, added.agentId(), QueueEventType.ADDMEMBER, null));
        }
        if (event instanceof MemberRemoved removed) {
            return List.of(QueueLogEntry.member(stored, queue, null, removed.agentId(), QueueEventType.REMOVEMEMBER,
                    null));
        }
        return List.of();
    }
}
