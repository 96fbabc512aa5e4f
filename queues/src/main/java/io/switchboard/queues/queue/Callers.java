package io.switchboard.queues.queue;

import io.switchboard.actors.gateway.EntityIds;
import io.switchboard.queues.queue.QueueEntity.Abandon;
import io.switchboard.queues.queue.QueueEntity.CallbackCollecting;
import io.switchboard.queues.queue.QueueEntity.CallerJoined;
import io.switchboard.queues.queue.QueueEntity.CallerLeft;
import io.switchboard.queues.queue.QueueEntity.CallerRefused;
import io.switchboard.queues.queue.QueueEntity.Enter;
import io.switchboard.queues.queue.QueueEntity.EnterResult;
import io.switchboard.queues.queue.QueueEntity.Event;
import io.switchboard.queues.queue.QueueEntity.Exited;
import io.switchboard.queues.queue.QueueEntity.KeyPressed;
import io.switchboard.queues.queue.QueueEntity.Locate;
import io.switchboard.queues.queue.QueueEntity.Location;
import io.switchboard.queues.queue.QueueEntity.NotHere;
import io.switchboard.queues.queue.QueueEntity.NotWaiting;
import io.switchboard.queues.queue.QueueEntity.PriorityChanged;
import io.switchboard.queues.queue.QueueEntity.Refused;
import io.switchboard.queues.queue.QueueEntity.SetPriority;
import io.switchboard.queues.queue.QueueEntity.StillWaiting;
import io.switchboard.queues.queue.QueueEntity.TalkingHere;
import io.switchboard.queues.queue.QueueEntity.WaitingHere;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.typed.javadsl.Effect;

/**
 * Callers joining (or refused: FULL, JOINEMPTY), coming back after a restart, changing priority and leaving
 * without an agent: hung up, pressed the exit key, waited too long, or the queue emptied. The queue's tick
 * checks the waits and has the due announcements played.
 */
final class Callers {
    private final QueueContext queue;
    private final Offers offers;
    private final QueueAgents agents;
    private final Callbacks callbacks;
    private final Announcer announcer;
    private final Conversations conversations;

    Callers(QueueContext queue, Offers offers, QueueAgents agents, Callbacks callbacks, Announcer announcer,
            Conversations conversations) {
        this.queue = queue;
        this.offers = offers;
        this.agents = agents;
        this.callbacks = callbacks;
        this.announcer = announcer;
        this.conversations = conversations;
    }

    Effect<Event, QueueState> onEnter(QueueState state, Enter enter) {
        QueueConfig config = state.config;
        String callerId = EntityIds.of(enter.asteriskId(), enter.channelId());
        if (state.callers.containsKey(callerId)) {
            return reattach(state, callerId, enter.replyTo());
        }
        TalkingCaller talking = conversations.talking(state, callerId);
        if (talking != null) {
            // a flow that lost track of its caller: the caller talks to an agent, they do not join again
            enter.replyTo().tell(talking.connected());
            return queue.effect().none();
        }
        if (config.maxLength() > 0 && state.callers.size() >= config.maxLength()) {
            return refuse(callerId, "FULL", enter.replyTo());
        }
        if (!config.joinEmpty() && agents.loggedIn() == 0) {
            return refuse(callerId, "JOINEMPTY", enter.replyTo());
        }
        WaitingCaller caller = new WaitingCaller(callerId, enter.asteriskId(), enter.channelId(), enter.priority(),
                enter.skills(), queue.clock.instant(), state.joined + 1, null);
        queue.flows.learn(callerId, enter.replyTo());
        return queue.effect().persist(new CallerJoined(caller))
                .thenRun(s -> watchWaiting(caller)).thenRun(offers::dispatch);
    }

    /**
     * A waiting caller's flow came back (or came anew): it now waits for the outcome through {@code replyTo}.
     * Nothing is journaled: place and waited time are the caller's, and the flow's reference is memory only.
     */
    private Effect<Event, QueueState> reattach(QueueState state, String callerId, ActorRef<EnterResult> replyTo) {
        queue.flows.learn(callerId, replyTo);
        offers.reattached(callerId);
        watchWaiting(state.callers.get(callerId));
        offers.dispatch(state);
        return queue.effect().none();
    }

    /**
     * The flow of a waiting caller still waits. After a restart that is how the queue learns that the caller is
     * still there; a caller it does not know waiting is told how things stand instead.
     */
    Effect<Event, QueueState> onStillWaiting(QueueState state, StillWaiting still) {
        String callerId = still.callerId();
        WaitingCaller caller = state.callers.get(callerId);
        if (caller == null) {
            TalkingCaller talking = conversations.talking(state, callerId);
            // the flow missed its outcome (gone while the queue restarted, or the answer crossed this one): told again
            still.replyTo().tell(talking != null ? talking.connected()
                    : queue.flows.takeUnheard(callerId).orElseGet(() -> new NotWaiting(callerId)));
            return queue.effect().none();
        }
        if (callbacks.awaitsCallBack(state, callerId)) {
            still.replyTo().tell(new Exited("CALLBACK", null, caller.waitedSeconds(queue.clock.instant())));
            return queue.effect().none();
        }
        if (!queue.flows.isCurrent(callerId, still.replyTo())) {
            return reattach(state, callerId, still.replyTo());
        }
        if (offers.reattached(callerId)) {
            watchWaiting(caller);
            offers.dispatch(state);
        }
        return queue.effect().none();
    }

    Effect<Event, QueueState> onLocate(QueueState state, Locate locate) {
        String callerId = locate.callerId();
        TalkingCaller talking = conversations.talking(state, callerId);
        Location where = state.callers.containsKey(callerId) && !callbacks.awaitsCallBack(state, callerId)
                ? new WaitingHere(callerId)
                : talking != null ? new TalkingHere(talking.connected()) : new NotHere(callerId);
        return queue.effect().reply(locate.replyTo(), where);
    }

    /**
     * The queue hears of a waiting caller's hang-up from the caller's channel entity, which answers at once if
     * the call ended before the caller entered: the caller's flow cannot send it ahead of the Enter. Told again
     * whenever the caller's flow comes back (its entity may be a new one) and every renewal while the caller waits.
     */
    private void watchWaiting(WaitingCaller caller) {
        if (caller != null) {
            queue.watchWaiting(caller);
        }
    }

    /** Whether the end of {@code channelEntityId} still means that a caller waiting here hung up. */
    boolean stillWaitsOn(QueueState state, String channelEntityId, Abandon abandon) {
        WaitingCaller caller = state.callers.get(abandon.callerId());
        return caller != null && caller.channelEntityId().equals(channelEntityId)
                && !callbacks.awaitsCallBack(state, abandon.callerId());
    }

    private Effect<Event, QueueState> refuse(String callerId, String reason, ActorRef<EnterResult> replyTo) {
        return queue.effect().persist(new CallerRefused(callerId, reason, queue.clock.instant()))
                .thenRun(s -> replyTo.tell(new Refused(reason)));
    }

    Effect<Event, QueueState> onKeyPressed(QueueState state, KeyPressed key) {
        if (!state.callers.containsKey(key.callerId()) || state.callbacks.containsKey(key.callerId())) {
            return queue.effect().none();
        }
        if (key.digit().equals(state.config.exitKey())) {
            return leave(state, key.callerId(), "EXITWITHKEY", key.digit());
        }
        if (key.digit().equals(state.config.callback().key()) && !offers.has(key.callerId())) {
            return queue.effect().persist(new CallbackCollecting(key.callerId()));
        }
        return queue.effect().none();
    }

    Effect<Event, QueueState> onAbandon(QueueState state, Abandon abandon) {
        if (offers.bridging(abandon.callerId())) {
            // hung up while being bridged: whether they talked first is the bridge's answer, which watches again
            return queue.effect().none();
        }
        if (callbacks.awaitsCallBack(state, abandon.callerId())) {
            // the caller hung up after leaving a number: not an abandon, they keep their place
            return queue.effect().none();
        }
        return leave(state, abandon.callerId(), "ABANDON", null);
    }

    Effect<Event, QueueState> onSetPriority(QueueState state, SetPriority set) {
        if (!state.callers.containsKey(set.callerId())) {
            return queue.effect().none();
        }
        return queue.effect().persist(new PriorityChanged(set.callerId(), set.priority())).thenRun(offers::dispatch);
    }

    /** Takes a caller out, telling whoever waits on the caller's wait why. */
    private Effect<Event, QueueState> leave(QueueState state, String callerId, String reason, String digit) {
        WaitingCaller caller = state.callers.get(callerId);
        if (caller == null) {
            return queue.effect().none();
        }
        offers.withdraw(callerId);
        long waited = caller.waitedSeconds(queue.clock.instant());
        String exit = switch (reason) {
            case "EXITWITHTIMEOUT" -> "TIMEOUT";
            case "EXITEMPTY" -> "EMPTY";
            case "EXITWITHKEY" -> "KEY";
            default -> reason;
        };
        return queue.effect().persist(new CallerLeft(callerId, reason, waited, state.positionOf(callerId),
                        queue.clock.instant(), digit))
                .thenRun(s -> queue.flows.tell(callerId, new Exited(exit, digit, waited)))
                .thenRun(offers::dispatch);
    }

    /** Callers whose calls did not come back after the restart hung up while the queue was down. */
    Effect<Event, QueueState> onReattachDeadline(QueueState state) {
        queue.flows.reattachOver();
        List<Event> events = new ArrayList<>();
        for (String callerId : offers.releaseHeld()) {
            WaitingCaller caller = state.callers.get(callerId);
            if (caller != null) {
                events.add(new CallerLeft(callerId, "ABANDON", caller.waitedSeconds(queue.clock.instant()),
                        state.positionOf(callerId), queue.clock.instant()));
            }
        }
        if (!events.isEmpty()) {
            queue.context.getLog().info("queue {}: {} callers did not come back after the restart", queue.name,
                    events.size());
        }
        return queue.effect().persist(events).thenRun(offers::dispatch);
    }

    /** Callers who waited too long, or whose queue has nobody logged in, leave; due announcements play. */
    Effect<Event, QueueState> onTick(QueueState state) {
        List<Event> events = new ArrayList<>();
        List<Runnable> replies = new ArrayList<>();
        Instant now = queue.clock.instant();
        boolean empty = state.config.leaveWhenEmpty() && agents.loggedIn() == 0;
        List<WaitingCaller> ordered = state.inOrder();
        for (int position = 1; position <= ordered.size(); position++) {
            WaitingCaller caller = ordered.get(position - 1);
            boolean timedOut = state.config.maxWait() != null && !offers.has(caller.callerId())
                    && !Duration.between(caller.joinedAt(), now).minus(state.config.maxWait()).isNegative();
            if (timedOut || empty) {
                String reason = timedOut ? "EXITWITHTIMEOUT" : "EXITEMPTY";
                long waited = caller.waitedSeconds(queue.clock.instant());
                events.add(new CallerLeft(caller.callerId(), reason, waited, position, now));
                offers.withdraw(caller.callerId());
                replies.add(() -> queue.flows.tell(caller.callerId(), new Exited(timedOut ? "TIMEOUT" : "EMPTY", null,
                        waited)));
            }
        }
        announcer.announceDue(state, now);
        if (events.isEmpty()) {
            offers.dispatch(state);
            return queue.effect().none();
        }
        return queue.effect().persist(events).thenRun(s -> replies.forEach(Runnable::run)).thenRun(offers::dispatch);
    }
}
