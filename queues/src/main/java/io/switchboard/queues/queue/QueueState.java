package io.switchboard.queues.queue;

import io.switchboard.actors.serialization.CborSerializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a queue persists: its configuration, its callers in order, its members' order and where its round
 * robin stopped. Changed only by the queue's event handler.
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

    public QueueState() {
    }

    public QueueState(QueueConfig config) {
        this.config = config;
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
