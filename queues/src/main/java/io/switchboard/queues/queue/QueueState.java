package io.switchboard.queues.queue;

import io.switchboard.actors.serialization.CborSerializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a queue persists: its configuration, its callers in order, the conversations in progress, its members'
 * order and where its round robin stopped. Changed only by the queue's events, in {@link #apply}, in place (a
 * queue applies thousands of events a second to thousands of callers); so it is never shared: the queue never
 * mutates the empty state Pekko hands it, and snapshots a {@link #copy}.
 */
public final class QueueState implements CborSerializable {
    private static final Comparator<WaitingCaller> ORDER =
            Comparator.comparingInt(WaitingCaller::priority).reversed().thenComparingLong(WaitingCaller::sequence);

    public QueueConfig config;
    public final Map<String, WaitingCaller> callers = new LinkedHashMap<>();
    public final List<String> memberOrder = new ArrayList<>();
    public String roundRobinAt;
    public long joined;
    /** Recent average handle time (talk + wrap-up) in seconds, for wait estimates; 0 until a call is done. */
    public double ahtSeconds;
    /** Callers who left a number and hung up, keeping their place: caller id → number. */
    public final Map<String, String> callbacks = new LinkedHashMap<>();
    /** Callback attempts made per caller. */
    public final Map<String, Integer> callbackAttempts = new LinkedHashMap<>();
    /** Callers typing their callback number: not offered meanwhile. */
    public final java.util.Set<String> collectingNumber = new java.util.HashSet<>();
    /** Callers talking to an agent of the queue: caller id → conversation. */
    public final Map<String, TalkingCaller> conversations = new LinkedHashMap<>();

    public QueueState() {
    }

    public QueueState(QueueConfig config) {
        this.config = config;
    }

    /** A deep copy: the same callers, conversations and bookkeeping in collections of its own. */
    public QueueState copy() {
        QueueState copy = new QueueState(config);
        copy.callers.putAll(callers);
        copy.memberOrder.addAll(memberOrder);
        copy.roundRobinAt = roundRobinAt;
        copy.joined = joined;
        copy.ahtSeconds = ahtSeconds;
        copy.callbacks.putAll(callbacks);
        copy.callbackAttempts.putAll(callbackAttempts);
        copy.collectingNumber.addAll(collectingNumber);
        copy.conversations.putAll(conversations);
        return copy;
    }

    /** The queue's event handler: applies one event (the only way the state changes) and returns the state. */
    QueueState apply(QueueEntity.Event event) {
        if (event instanceof QueueEntity.CallerJoined e) {
            callers.put(e.caller().callerId(), e.caller());
            joined = Math.max(joined, e.caller().sequence());
        } else if (event instanceof QueueEntity.CallerLeft e) {
            remove(e.callerId());
        } else if (event instanceof QueueEntity.CallerConnected e) {
            remove(e.callerId());
            if (e.agentChannelId() != null) {
                // events journaled before the channels were recorded leave no conversation to watch
                conversations.put(e.callerId(), new TalkingCaller(e.callerId(),
                        e.callerChannel() != null ? e.callerChannel() : e.callerId(), e.agentId(), e.agentChannelId(),
                        e.bridgeId(), e.at(), e.waitedSeconds()));
            }
        } else if (event instanceof QueueEntity.CallbackCollecting e) {
            collectingNumber.add(e.callerId());
        } else if (event instanceof QueueEntity.CallbackRequested e) {
            collectingNumber.remove(e.callerId());
            callbacks.put(e.callerId(), e.number());
        } else if (event instanceof QueueEntity.CallbackCancelled e) {
            collectingNumber.remove(e.callerId());
        } else if (event instanceof QueueEntity.CallbackAttempted e) {
            callbackAttempts.put(e.callerId(), e.attempt());
        } else if (event instanceof QueueEntity.CallbackReached e) {
            callers.computeIfPresent(e.callerId(), (id, c) -> c.withChannel(e.channelId()));
        } else if (event instanceof QueueEntity.ConversationEnded e) {
            conversations.remove(e.callerId());
            ahtSeconds = WaitEstimate.nextAverage(ahtSeconds, e.talkSeconds() + config.wrapUp().toSeconds());
        } else if (event instanceof QueueEntity.CallerTransferred e) {
            conversations.remove(e.callerId());
            ahtSeconds = WaitEstimate.nextAverage(ahtSeconds, e.talkSeconds() + config.wrapUp().toSeconds());
        } else if (event instanceof QueueEntity.PriorityChanged e) {
            callers.computeIfPresent(e.callerId(), (id, c) -> c.withPriority(e.priority()));
        } else if (event instanceof QueueEntity.OfferFailed e) {
            callers.computeIfPresent(e.callerId(), (id, c) -> c.withRetryAt(e.retryAt()));
        } else if (event instanceof QueueEntity.RoundRobinMoved e) {
            roundRobinAt = e.agentId();
        } else if (event instanceof QueueEntity.MemberAdded e) {
            memberOrder.add(e.agentId());
        } else if (event instanceof QueueEntity.MemberRemoved e) {
            memberOrder.remove(e.agentId());
        } else if (event instanceof QueueEntity.ConfigChanged e) {
            config = e.config();
        } else if (!(event instanceof QueueEntity.CallerRefused || event instanceof QueueEntity.OfferCancelled
                || event instanceof QueueEntity.CallerReattached)) {
            throw new IllegalArgumentException("queue event not handled: " + event.getClass().getName());
        }
        return this;
    }

    /** Forgets a caller who left the queue, with whatever callback bookkeeping they had. */
    public void remove(String callerId) {
        callers.remove(callerId);
        callbacks.remove(callerId);
        callbackAttempts.remove(callerId);
        collectingNumber.remove(callerId);
    }

    /** Waiting callers, first to be served first. */
    public List<WaitingCaller> inOrder() {
        List<WaitingCaller> out = new ArrayList<>(callers.values());
        out.sort(ORDER);
        return out;
    }

    /** 1-based position of a caller, or 0 if not waiting. */
    public int positionOf(String callerId) {
        List<WaitingCaller> ordered = inOrder();
        for (int i = 0; i < ordered.size(); i++) {
            if (ordered.get(i).callerId().equals(callerId)) {
                return i + 1;
            }
        }
        return 0;
    }
}
