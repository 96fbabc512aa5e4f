package io.switchboard.queues.log;

import io.switchboard.actors.serialization.CborSerializable;
import java.time.Instant;

/**
 * One line of a queue's event log. Figures an event does not have are 0, names it does not have are null.
 *
 * @param time           when it happened
 * @param queue          the queue
 * @param callerId       the caller (null for member events: ADDMEMBER, PAUSE…)
 * @param agent          the agent (null for caller-only events: ENTERQUEUE, ABANDON…)
 * @param event          what happened
 * @param waitSeconds    how long the caller had waited (CONNECT, ABANDON, EXIT*, CALLBACK, TRANSFER)
 * @param talkSeconds    how long caller and agent talked (COMPLETECALLER, COMPLETEAGENT, TRANSFER)
 * @param wrapUpSeconds  the agent's wrap-up after a call (WRAPUPEND)
 * @param ringSeconds    how long the agent's phone rang (RINGNOANSWER)
 * @param position       the caller's position, 1 = next (ENTERQUEUE, ABANDON, EXIT*, CALLBACK)
 * @param detail         reason, key (EXITWITHKEY: the digit pressed) or target where the event has one
 * @param originalPosition the position the caller joined at (ABANDON, EXIT*, TRANSFER), as app_queue logs it; 0 unknown
 */
public record QueueLogEntry(Instant time, String queue, String callerId, String agent, QueueEventType event,
                            long waitSeconds, long talkSeconds, long wrapUpSeconds, long ringSeconds, int position,
                            String detail, int originalPosition)
        implements CborSerializable {

    /** A line without an original position (every event but a caller leaving). */
    public QueueLogEntry(Instant time, String queue, String callerId, String agent, QueueEventType event,
                         long waitSeconds, long talkSeconds, long wrapUpSeconds, long ringSeconds, int position,
                         String detail) {
        this(time, queue, callerId, agent, event, waitSeconds, talkSeconds, wrapUpSeconds, ringSeconds, position,
                detail, 0);
    }

    public static QueueLogEntry entered(Instant time, String queue, String callerId, int position) {
        return new QueueLogEntry(time, queue, callerId, null, QueueEventType.ENTERQUEUE, 0, 0, 0, 0, position, null);
    }

    public static QueueLogEntry connected(Instant time, String queue, String callerId, String agent, long waitSeconds) {
        return new QueueLogEntry(time, queue, callerId, agent, QueueEventType.CONNECT, waitSeconds, 0, 0, 0, 0, null);
    }

    /** ABANDON, EXITWITHTIMEOUT, EXITWITHKEY, EXITEMPTY or CALLBACK: the caller left the line. */
    public static QueueLogEntry left(Instant time, String queue, String callerId, QueueEventType how,
                                     long waitSeconds, int position, String detail) {
        return left(time, queue, callerId, how, waitSeconds, position, detail, 0);
    }

    /** As app_queue logs a caller leaving: with the position it joined at too. */
    public static QueueLogEntry left(Instant time, String queue, String callerId, QueueEventType how,
                                     long waitSeconds, int position, String detail, int originalPosition) {
        return new QueueLogEntry(time, queue, callerId, null, how, waitSeconds, 0, 0, 0, position, detail,
                originalPosition);
    }

    /** COMPLETECALLER, COMPLETEAGENT or TRANSFER: the agent's part of the call is over. */
    public static QueueLogEntry completed(Instant time, String queue, String callerId, String agent,
                                          QueueEventType how, long talkSeconds, String detail) {
        return new QueueLogEntry(time, queue, callerId, agent, how, 0, talkSeconds, 0, 0, 0, detail);
    }

    /**
     * TRANSFER as app_queue logs it: the caller was taken from {@code agent} to {@code target} after waiting and
     * talking, with the position it had joined at.
     */
    public static QueueLogEntry transferred(Instant time, String queue, String callerId, String agent, String target,
                                            long waitSeconds, long talkSeconds, int originalPosition) {
        return new QueueLogEntry(time, queue, callerId, agent, QueueEventType.TRANSFER, waitSeconds, talkSeconds, 0, 0,
                0, target, originalPosition);
    }

    public static QueueLogEntry wrapUpEnded(Instant time, String queue, String callerId, String agent,
                                            long wrapUpSeconds) {
        return new QueueLogEntry(time, queue, callerId, agent, QueueEventType.WRAPUPEND, 0, 0, wrapUpSeconds, 0, 0, null);
    }

    /** RINGNOANSWER, RINGCANCELED, ADDMEMBER, REMOVEMEMBER, PAUSE, UNPAUSE. */
    public static QueueLogEntry member(Instant time, String queue, String callerId, String agent, QueueEventType what,
                                       String detail) {
        return new QueueLogEntry(time, queue, callerId, agent, what, 0, 0, 0, 0, 0, detail);
    }

    /** The agent was offered the caller and rang for {@code ringSeconds} without answering (detail = reason). */
    public static QueueLogEntry ringNoAnswer(Instant time, String queue, String callerId, String agent,
                                             long ringSeconds, String reason) {
        return new QueueLogEntry(time, queue, callerId, agent, QueueEventType.RINGNOANSWER, 0, 0, 0, ringSeconds, 0,
                reason);
    }
}
