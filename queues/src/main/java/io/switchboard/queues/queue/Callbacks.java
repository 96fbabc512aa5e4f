package io.switchboard.queues.queue;

import io.switchboard.actors.SwitchboardActors;
import io.switchboard.actors.gateway.AriCommand;
import io.switchboard.actors.gateway.CommandResult;
import io.switchboard.actors.gateway.GatewayCommands;
import io.switchboard.actors.time.Timers;
import io.switchboard.ari.rest.ChannelsApi;
import io.switchboard.queues.queue.QueueEntity.CallbackAnswered;
import io.switchboard.queues.queue.QueueEntity.CallbackAttempted;
import io.switchboard.queues.queue.QueueEntity.CallbackCancelled;
import io.switchboard.queues.queue.QueueEntity.CallbackOriginated;
import io.switchboard.queues.queue.QueueEntity.CallbackReached;
import io.switchboard.queues.queue.QueueEntity.CallbackRequested;
import io.switchboard.queues.queue.QueueEntity.CallbackTimedOut;
import io.switchboard.queues.queue.QueueEntity.CallerLeft;
import io.switchboard.queues.queue.QueueEntity.Command;
import io.switchboard.queues.queue.QueueEntity.Event;
import io.switchboard.queues.queue.QueueEntity.Exited;
import io.switchboard.queues.queue.QueueEntity.OfferFailed;
import io.switchboard.queues.queue.QueueEntity.RequestCallback;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.persistence.typed.javadsl.Effect;

/**
 * "Keep my place": a caller leaves a number and hangs up, keeping their place. When an agent is reserved for
 * them, the queue calls them back first (up to the configured attempts) and rings the agent once they answer.
 */
final class Callbacks {
    private final QueueContext queue;
    private final Timers<Command> timers;
    private final Offers offers;
    private final QueueAgents agents;
    /** Callback callers whose call back has been answered (their channel is live again). */
    private final Set<String> callbackLive = new HashSet<>();

    Callbacks(QueueContext queue, Timers<Command> timers, Offers offers, QueueAgents agents) {
        this.queue = queue;
        this.timers = timers;
        this.offers = offers;
        this.agents = agents;
    }

    /** True while the caller has left a number and not yet answered the call back. */
    boolean awaitsCallBack(QueueState state, String callerId) {
        return state.callbacks.containsKey(callerId) && !callbackLive.contains(callerId);
    }

    void forget(String callerId) {
        callbackLive.remove(callerId);
    }

    Effect<Event, QueueState> onRequestCallback(QueueState state, RequestCallback request) {
        WaitingCaller caller = state.callers.get(request.callerId());
        if (caller == null) {
            return queue.effect().none();
        }
        if (request.number() == null || request.number().isBlank()) {
            return queue.effect().persist(new CallbackCancelled(request.callerId())).thenRun(offers::dispatch);
        }
        long waited = caller.waitedSeconds(queue.clock.instant());
        return queue.effect()
                .persist(new CallbackRequested(request.callerId(), request.number(), queue.clock.instant()))
                .thenRun(s -> queue.flows.tell(caller.callerId(), new Exited("CALLBACK", null, waited)));
    }

    /** A reserved agent is waiting: call the caller back; the agent is rung once the caller answers. */
    void callBack(QueueState state, WaitingCaller caller) {
        int attempt = state.callbackAttempts.getOrDefault(caller.callerId(), 0) + 1;
        String app = SwitchboardActors.get(queue.context.getSystem()).settings()
                .server(caller.asteriskId()).ari().apps().get(0);
        var originate = new ChannelsApi(null)
                .originate(state.config.callback().endpointFor(state.callbacks.get(caller.callerId())))
                .app(app).appArgs(QueueEntity.CALLBACK_ARG + "," + queue.name + "," + caller.callerId())
                .timeout((int) state.config.ringTimeout().toSeconds());
        GatewayCommands.execute(queue.context, caller.asteriskId(), AriCommand.of(originate),
                result -> new CallbackOriginated(caller.callerId(), result));
        timers.startSingleTimer("callback-" + caller.callerId(), new CallbackTimedOut(caller.callerId(), attempt),
                state.config.ringTimeout().plusSeconds(10));
        queue.context.getLog().info("queue {}: calling {} back (attempt {})", queue.name, caller.callerId(), attempt);
    }

    /**
     * After a restart within the actor (a journal failure cancels its timers), a call back still in flight gets its
     * time-out again, counted from now.
     */
    void rearm(QueueState state) {
        state.callbacks.keySet().stream().filter(offers::has).filter(id -> !callbackLive.contains(id)).forEach(id ->
                timers.startSingleTimer("callback-" + id, new CallbackTimedOut(id,
                        state.callbackAttempts.getOrDefault(id, 0) + 1), state.config.ringTimeout().plusSeconds(10)));
    }

    Effect<Event, QueueState> onCallbackOriginated(QueueState state, CallbackOriginated originated) {
        if (originated.result() instanceof CommandResult.Failed failed) {
            queue.context.getLog().warn("queue {}: callback to {} failed: {}", queue.name, originated.callerId(),
                    failed);
        }
        return queue.effect().none();
    }

    Effect<Event, QueueState> onCallbackAnswered(QueueState state, CallbackAnswered answered) {
        WaitingCaller caller = state.callers.get(answered.callerId());
        Offers.InFlight offer = offers.get(answered.callerId());
        if (caller == null || offer == null || offer.agents.isEmpty()) {
            answered.replyTo().tell(new Exited("CALLBACKFAILED", null, 0));
            return queue.effect().none();
        }
        timers.cancel("callback-" + answered.callerId());
        callbackLive.add(answered.callerId());
        queue.flows.learn(answered.callerId(), answered.replyTo());
        String agentId = offer.agents.iterator().next();
        return queue.effect().persist(new CallbackReached(answered.callerId(), answered.channelId(),
                        queue.clock.instant()))
                .thenRun(s -> offers.ring(s, s.callers.get(answered.callerId()), agents.get(agentId)));
    }

    Effect<Event, QueueState> onCallbackTimedOut(QueueState state, CallbackTimedOut timedOut) {
        WaitingCaller caller = state.callers.get(timedOut.callerId());
        if (caller == null || callbackLive.contains(timedOut.callerId())) {
            return queue.effect().none();
        }
        offers.withdraw(timedOut.callerId());
        if (timedOut.attempt() >= state.config.callback().attempts()) {
            return queue.effect().persist(List.of(new CallbackAttempted(timedOut.callerId(), timedOut.attempt(),
                            queue.clock.instant()),
                    new CallerLeft(timedOut.callerId(), "CALLBACKFAILED", caller.waitedSeconds(queue.clock.instant()),
                            state.positionOf(timedOut.callerId()), queue.clock.instant())))
                    .thenRun(offers::dispatch);
        }
        return queue.effect().persist(List.of(new CallbackAttempted(timedOut.callerId(), timedOut.attempt(),
                        queue.clock.instant()),
                new OfferFailed(timedOut.callerId(), "", "CALLBACKNOANSWER", 0,
                        queue.clock.instant().plus(state.config.retryDelay()), queue.clock.instant())))
                .thenRun(offers::dispatch);
    }
}
