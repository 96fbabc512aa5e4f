package io.switchboard.examples.roulette;

import io.switchboard.ari.events.ChannelEnteredBridge;
import io.switchboard.examples.support.SimulatedCallCenter;
import java.time.Duration;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/** What the roulette tests ask of the simulated call center and of the matchmaker. */
final class RouletteCalls {
    private final SimulatedCallCenter center;
    private final ActorRef<Matchmaker.Command> matchmaker;

    RouletteCalls(SimulatedCallCenter center, ActorRef<Matchmaker.Command> matchmaker) {
        this.center = center;
        this.matchmaker = matchmaker;
    }

    /** The channel the matchmaker holds waiting for a partner, or null. */
    String waiting() {
        return AskPattern.<Matchmaker.Command, Matchmaker.Waiting>ask(matchmaker, Matchmaker.GetWaiting::new,
                Duration.ofSeconds(3), center.node().scheduler()).toCompletableFuture().join().channelId();
    }

    /** A caller rings in; returns once it is answered and hears music while it waits (or is paired). */
    String arrive(String callerId) {
        String caller = center.sim().calls().inbound("roulette", "answer", callerId).channelId();
        center.awaitValue(() -> Optional.ofNullable(center.sim().media(caller).mohClass())
                .or(() -> Optional.ofNullable(bridgeOrNull(caller))), Duration.ZERO, caller + " on hold or paired");
        return caller;
    }

    String bridgeOf(String channelId) {
        return center.awaitEvent(ChannelEnteredBridge.class, e -> e.channel().id().equals(channelId), Duration.ZERO)
                .bridge().id();
    }

    String bridgeOrNull(String channelId) {
        return center.events().stream().filter(e -> e instanceof ChannelEnteredBridge entered
                        && entered.channel().id().equals(channelId))
                .map(e -> ((ChannelEnteredBridge) e).bridge().id()).findFirst().orElse(null);
    }
}
