package io.switchboard.platform.demo;

import io.switchboard.actors.channel.Outcome;
import io.switchboard.actors.flow.Call;
import io.switchboard.actors.flow.CallFlow;
import io.switchboard.actors.flow.Leg;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small front desk: greet the caller, ring the agents in turn until one answers, and connect them. If no
 * agent answers, apologise and hang up. (The queues module replaces this with real hold queues.)
 */
public final class FrontDeskFlow implements CallFlow {
    private final List<String> agents;
    private final Duration ringTimeout;
    private final CallStats stats;
    private final AtomicInteger next = new AtomicInteger();

    public FrontDeskFlow(List<String> agents, Duration ringTimeout, CallStats stats) {
        this.agents = List.copyOf(agents);
        this.ringTimeout = ringTimeout;
        this.stats = stats;
    }

    @Override
    public CompletionStage<?> run(Call call) {
        stats.started();
        call.ended().thenRun(stats::ended);
        return call.answer()
                .thenCompose(x -> call.play("sound:hello-world"))
                .thenCompose(x -> tryAgents(call, agents.size()))
                .thenCompose(agent -> agent != null ? call.untilEitherHangsUp(agent)
                        : call.play("sound:vm-nobodyavail").thenApply(played -> null));
    }

    /** Rings the next agent; on no answer, the one after, {@code left} times at most; null if none answered. */
    private CompletionStage<Leg> tryAgents(Call call, int left) {
        if (left == 0) {
            stats.unanswered();
            return CompletableFuture.completedFuture(null);
        }
        String agent = agents.get(Math.floorMod(next.getAndIncrement(), agents.size()));
        return call.dial(agent, ringTimeout).thenCompose(dialed -> dialed.answered()
                ? connect(call, dialed)
                : tryAgents(call, left - 1));
    }

    private CompletionStage<Leg> connect(Call call, Outcome.Dialed dialed) {
        Leg agent = call.leg(dialed.peerChannelId());
        return call.bridgeWith(agent.channelId()).thenApply(bridged -> {
            stats.connected();
            return agent;
        });
    }
}
