package io.switchboard.queues.queue;

import io.switchboard.queues.queue.QueueEntity.EnterResult;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Who waits on each waiting caller's outcome: the flow that entered them (or that took a call back). Kept in memory
 * only, never journaled: an actor reference means nothing once its actor or node is gone. A queue that restarts
 * learns its callers' flows again from their heartbeats ({@link QueueEntity.StillWaiting}); an outcome reached
 * before a caller's flow came back is kept for it until then, or until the reattach deadline, after which every
 * flow still alive has come back.
 */
final class WaitingFlows {
    private final Map<String, ActorRef<EnterResult>> flows = new HashMap<>();
    private final Map<String, EnterResult> unheard = new HashMap<>();
    private boolean keepUnheard;

    /** {@code flow} now waits on the caller's outcome. */
    void learn(String callerId, ActorRef<EnterResult> flow) {
        flows.put(callerId, flow);
    }

    boolean isCurrent(String callerId, ActorRef<EnterResult> flow) {
        return flow.equals(flows.get(callerId));
    }

    /** The caller's wait is over: their flow is told, or, while flows are coming back, the outcome is kept. */
    void tell(String callerId, EnterResult outcome) {
        ActorRef<EnterResult> flow = flows.remove(callerId);
        if (flow != null) {
            flow.tell(outcome);
        } else if (keepUnheard) {
            unheard.put(callerId, outcome);
        }
    }

    /** The outcome of a caller's wait that their flow, gone for a while, has not heard yet. */
    Optional<EnterResult> takeUnheard(String callerId) {
        return Optional.ofNullable(unheard.remove(callerId));
    }

    /** After a restart, until the reattach deadline: outcomes of callers whose flows have not come back are kept. */
    void keepUnheardUntilReattached() {
        keepUnheard = true;
    }

    /** The reattach deadline passed: a flow not back by now is gone with its call. */
    void reattachOver() {
        keepUnheard = false;
        unheard.clear();
    }

    /**
     * After a recovery: the flows of callers the queue does not hold are dropped. A flow learned just before a
     * write that then failed (the Enter of a caller whose CallerJoined was never journaled) would otherwise stay
     * for good; that flow's next heartbeat finds the caller not waiting and enters again.
     */
    void keepOnly(Set<String> callerIds) {
        flows.keySet().retainAll(callerIds);
    }

    /** A caller who left the queue some other way (connected, transferred, their call back taken over). */
    void forget(String callerId) {
        flows.remove(callerId);
    }
}
