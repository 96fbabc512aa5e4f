package io.switchboard.examples.roulette;

import io.switchboard.actors.channel.ChannelAction;
import io.switchboard.actors.channel.ChannelEntity;
import io.switchboard.actors.flow.Call;
import io.switchboard.actors.flow.CallEndedException;
import io.switchboard.actors.flow.CallFlow;
import io.switchboard.actors.flow.FlowRegistry;
import io.switchboard.actors.gateway.EntityIds;
import io.switchboard.examples.runner.Example;
import io.switchboard.examples.runner.ExampleRunner;
import io.switchboard.simulator.SimulatedAsterisk;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Call roulette: callers are paired two by two and talk in a mixing bridge. A caller is answered at once and
 * hears music on hold until a partner arrives. When either of a pair hangs up, the other is hung up too
 * (call again for a new partner); so is a caller whose partner left before the bridge was made. The flow
 * does not tell the {@link Matchmaker} of a hang-up: the matchmaker follows the call's channel itself.
 */
public final class CallRoulette implements CallFlow {
    private static final Logger log = LoggerFactory.getLogger(CallRoulette.class);
    /** How long a caller may wait for a partner before the flow gives up (and the call is hung up). */
    static final Duration LONGEST_WAIT = Duration.ofHours(1);

    private final ActorSystem<?> system;
    private final ActorRef<Matchmaker.Command> matchmaker;

    public CallRoulette(ActorSystem<?> system, ActorRef<Matchmaker.Command> matchmaker) {
        this.system = system;
        this.matchmaker = matchmaker;
    }

    @Override
    public CompletionStage<String> run(Call call) {
        CompletableFuture<String> partner = new CompletableFuture<>();
        // whoever leaves first takes the other along, even a partner found just as this caller hung up
        call.ended().thenCombine(partner, (reason, partnerId) -> partnerId)
                .thenAccept(partnerId -> {
                    log.info("{} left: hanging up its partner {}", call.channelId(), partnerId);
                    hangUp(call.asteriskId(), partnerId);
                });
        return call.answer()
                .thenCompose(x -> call.startMusicOnHold(null))
                .thenCompose(x -> findPartner(call, partner))
                .thenCompose(paired -> call.stopMusicOnHold().thenCompose(x -> paired.bridges()
                        ? call.bridgeWith(paired.partnerChannelId()) : CompletableFuture.completedFuture(null)))
                .thenCompose(bridged -> call.ended());
    }

    /** Completes {@code partner} once paired; a caller who hangs up while waiting stops waiting. */
    private CompletionStage<Matchmaker.Paired> findPartner(Call call, CompletableFuture<String> partner) {
        CompletionStage<Matchmaker.Paired> paired = AskPattern.ask(matchmaker,
                (ActorRef<Matchmaker.Paired> replyTo) -> new Matchmaker.Join(call.asteriskId(), call.channelId(),
                        replyTo),
                LONGEST_WAIT, system.scheduler());
        paired.thenAccept(found -> partner.complete(found.partnerChannelId()));
        CompletionStage<Matchmaker.Paired> hungUp = call.ended().thenApply(reason -> {
            throw new CallEndedException(reason);
        });
        return paired.applyToEither(hungUp, found -> found);
    }

    /** The Call API only drives its own channel: the partner is hung up through its channel entity. */
    private void hangUp(String asteriskId, String channelId) {
        ClusterSharding.get(system)
                .entityRefFor(ChannelEntity.TYPE_KEY, EntityIds.of(asteriskId, channelId))
                .tell(new ChannelEntity.Perform(new ChannelAction.Hangup(null), system.ignoreRef()));
    }

    /** Runs against the simulator (five callers, so one is left waiting), or a real Asterisk given by options. */
    public static void main(String[] args) throws InterruptedException {
        ExampleRunner.run(args, new Example() {
            @Override
            public FlowRegistry flows(ActorSystem<?> system, String app) {
                return new FlowRegistry().register(app, new CallRoulette(system, Matchmaker.initSingleton(system)));
            }

            @Override
            public void placeDemoCalls(SimulatedAsterisk sim) {
                sim.calls().inbound("roulette", "hangup-after-10", "Alice <2001>");
                sim.calls().inbound("roulette", "answer", "Bob <2002>");
                sim.calls().inbound("roulette", "answer", "Carol <2003>");
                sim.calls().inbound("roulette", "answer", "Dave <2004>");
                sim.calls().inbound("roulette", "answer", "Erin <2005>");
            }
        }, Duration.ofSeconds(15));
    }
}
