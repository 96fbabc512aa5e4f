package io.switchboard.queues.agent;

import io.switchboard.actors.serialization.CborSerializable;
import io.switchboard.queues.agent.AgentEvent.CallAnswered;
import io.switchboard.queues.agent.AgentEvent.CallFinished;
import io.switchboard.queues.agent.AgentEvent.LoggedIn;
import io.switchboard.queues.agent.AgentEvent.LoggedOut;
import io.switchboard.queues.agent.AgentEvent.OfferUnanswered;
import io.switchboard.queues.agent.AgentEvent.PauseDeferred;
import io.switchboard.queues.agent.AgentEvent.Paused;
import io.switchboard.queues.agent.AgentEvent.QueuesSet;
import io.switchboard.queues.agent.AgentEvent.Released;
import io.switchboard.queues.agent.AgentEvent.Reserved;
import io.switchboard.queues.agent.AgentEvent.RingStarted;
import io.switchboard.queues.agent.AgentEvent.Unpaused;
import io.switchboard.queues.agent.AgentEvent.WrapUpEnded;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The state of one agent entity: the status queues see plus what only the entity needs.
 *
 * @param status            what queues see; while busy, a non-null {@code pauseReason} is a deferred pause
 * @param deadline          end of the reservation lease (RESERVED) or of wrap-up (WRAP_UP), else null
 * @param answeredAt        when the current call was answered (ON_CALL), else null
 * @param unansweredInARow  offers not answered since the last answer, login or pause (for autopause)
 * @param deferredPause     reason of a pause asked for while busy, applied when the caller is done with
 */
public record AgentData(AgentStatus status, Instant deadline, Instant answeredAt, int unansweredInARow,
                        String deferredPause) implements CborSerializable {

    public static final String AUTOPAUSE = "autopause";

    public static AgentData loggedOut(String agentId) {
        return new AgentData(new AgentStatus(agentId, AgentState.LOGGED_OUT, null, null, Map.of(), Map.of(), 0, 0,
                null, null, null, null, null), null, null, 0, null);
    }

    public AgentState state() {
        return status.state();
    }

    public boolean loggedIn() {
        return state() != AgentState.LOGGED_OUT;
    }

    /** Reserved for, ringing for or talking to this caller of this queue. */
    public boolean busyWith(String queue, String callerId) {
        return Objects.equals(status.busyWith(), callerId) && Objects.equals(status.busyInQueue(), queue);
    }

    public AgentData apply(AgentEvent event) {
        Instant at = event.at();
        AgentStatus s = status;
        if (event instanceof LoggedIn in) {
            return new AgentData(new AgentStatus(s.agentId(), AgentState.AVAILABLE, in.asteriskId(), in.endpoint(),
                    in.queuePenalties(), in.skills(), 0, 0, null, at, null, null, null), null, null, 0, null);
        } else if (event instanceof LoggedOut) {
            return new AgentData(new AgentStatus(s.agentId(), AgentState.LOGGED_OUT, s.asteriskId(), s.endpoint(),
                    s.queuePenalties(), s.skills(), s.callsTaken(), s.talkSeconds(), s.lastCallEnded(), null, null,
                    null, null), null, null, 0, null);
        } else if (event instanceof QueuesSet set) {
            return new AgentData(new AgentStatus(s.agentId(), s.state(), s.asteriskId(), s.endpoint(),
                    set.queuePenalties(), s.skills(), s.callsTaken(), s.talkSeconds(), s.lastCallEnded(),
                    s.availableSince(), s.pauseReason(), s.busyWith(), s.busyInQueue()),
                    deadline, answeredAt, unansweredInARow, deferredPause);
        } else if (event instanceof Paused paused) {
            return paused(paused.reason());
        } else if (event instanceof PauseDeferred deferred) {
            return new AgentData(withState(s.state(), null, deferred.reason(), s.busyWith(), s.busyInQueue()),
                    deadline, answeredAt, unansweredInARow, deferred.reason());
        } else if (event instanceof Unpaused) {
            return state() == AgentState.PAUSED ? available(at)
                    : new AgentData(withState(s.state(), s.availableSince(), null, s.busyWith(), s.busyInQueue()),
                            deadline, answeredAt, unansweredInARow, null);
        } else if (event instanceof Reserved reserved) {
            return new AgentData(withState(AgentState.RESERVED, null, null, reserved.callerId(), reserved.queue()),
                    reserved.leaseUntil(), null, unansweredInARow, deferredPause);
        } else if (event instanceof Released) {
            return free(at);
        } else if (event instanceof RingStarted) {
            return new AgentData(withState(AgentState.RINGING, null, s.pauseReason(), s.busyWith(), s.busyInQueue()),
                    null, null, unansweredInARow, deferredPause);
        } else if (event instanceof CallAnswered) {
            AgentStatus onCall = new AgentStatus(s.agentId(), AgentState.ON_CALL, s.asteriskId(), s.endpoint(),
                    s.queuePenalties(), s.skills(), s.callsTaken() + 1, s.talkSeconds(), s.lastCallEnded(), null,
                    s.pauseReason(), s.busyWith(), s.busyInQueue());
            return new AgentData(onCall, null, at, 0, deferredPause);
        } else if (event instanceof OfferUnanswered unanswered) {
            int inARow = unansweredInARow + 1;
            return unanswered.autopause() ? paused(AUTOPAUSE) : free(at).withUnansweredInARow(inARow);
        } else if (event instanceof CallFinished finished) {
            return callFinished(finished);
        } else if (event instanceof WrapUpEnded) {
            return free(at);
        }
        throw new IllegalArgumentException("unknown agent event " + event);
    }

    private AgentData callFinished(CallFinished finished) {
        Instant at = finished.at();
        long talk = answeredAt == null ? 0 : Math.max(0, Duration.between(answeredAt, at).toSeconds());
        AgentStatus s = status;
        AgentStatus ended = new AgentStatus(s.agentId(), s.state(), s.asteriskId(), s.endpoint(), s.queuePenalties(),
                s.skills(), s.callsTaken(), s.talkSeconds() + talk, at, null, s.pauseReason(), null, null);
        AgentData afterCall = new AgentData(ended, null, null, unansweredInARow, deferredPause);
        if (deferredPause != null || !finished.wrapUpUntil().isAfter(at)) {
            return afterCall.free(at);
        }
        return new AgentData(afterCall.withState(AgentState.WRAP_UP, null, null, null, null),
                finished.wrapUpUntil(), null, unansweredInARow, null);
    }

    /** Available again, unless a pause was asked for meanwhile. */
    private AgentData free(Instant at) {
        return deferredPause != null ? paused(deferredPause) : available(at);
    }

    private AgentData available(Instant at) {
        return new AgentData(withState(AgentState.AVAILABLE, at, null, null, null), null, null, unansweredInARow,
                null);
    }

    private AgentData paused(String reason) {
        return new AgentData(withState(AgentState.PAUSED, null, reason, null, null), null, null, 0, null);
    }

    private AgentData withUnansweredInARow(int count) {
        return new AgentData(status, deadline, answeredAt, count, deferredPause);
    }

    private AgentStatus withState(AgentState state, Instant availableSince, String pauseReason, String busyWith,
                                  String busyInQueue) {
        AgentStatus s = status;
        return new AgentStatus(s.agentId(), state, s.asteriskId(), s.endpoint(), s.queuePenalties(), s.skills(),
                s.callsTaken(), s.talkSeconds(), s.lastCallEnded(), availableSince, pauseReason, busyWith, busyInQueue);
    }
}
