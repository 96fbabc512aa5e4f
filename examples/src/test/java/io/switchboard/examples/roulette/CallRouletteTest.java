package io.switchboard.examples.roulette;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.actors.flow.FlowRegistry;
import io.switchboard.ari.events.ChannelEnteredBridge;
import io.switchboard.ari.events.StasisEnd;
import io.switchboard.examples.support.SimulatedCallCenter;
import java.time.Duration;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CallRouletteTest {
    private static SimulatedCallCenter center;
    private static ActorRef<Matchmaker.Command> matchmaker;

    @BeforeAll
    static void start() throws InterruptedException {
        center = SimulatedCallCenter.start((system, app) -> {
            matchmaker = Matchmaker.initSingleton(system);
            return new FlowRegistry().register(app, new CallRoulette(system, matchmaker));
        });
    }

    @AfterAll
    static void stop() {
        center.close();
    }

    @Test
    void pairsCallersTwoByTwoAndHangsUpThePartnerOfWhoeverLeaves() {
        String first = arrive("Alice <2001>");
        String second = arrive("Bob <2002>");
        String bridge = bridgeOf(first);
        assertEquals(bridge, bridgeOf(second));

        String third = arrive("Carol <2003>");
        center.clock().advance(Duration.ofMinutes(1));
        assertEquals(null, bridgeOrNull(third), "the third caller waits alone");
        assertEquals("default", center.sim().media(third).mohClass(), "and hears music meanwhile");

        String fourth = arrive("Dave <2004>");
        assertEquals(bridgeOf(third), bridgeOf(fourth));
        assertNotEquals(bridge, bridgeOf(third));

        center.sim().calls().farEndHangup(first);
        center.awaitEvent(StasisEnd.class, e -> e.channel().id().equals(second), Duration.ZERO);
        assertTrue(center.sim().media(third).mohClass() == null, "the third caller's music stopped once paired");
    }

    @Test
    void aCallerWhoHangsUpWhileWaitingIsNoOnesPartner() {
        String impatient = arrive("Erin <2005>");
        center.sim().calls().farEndHangup(impatient);
        // Asterisk has sent the hang-up; the flow tells the matchmaker when its entity has seen it
        center.awaitValue(() -> waiting() == null ? Optional.of(true) : Optional.empty(), Duration.ZERO,
                "the matchmaker forgets " + impatient);

        String next = arrive("Frank <2006>");
        center.awaitValue(() -> next.equals(waiting()) ? Optional.of(true) : Optional.empty(), Duration.ZERO,
                "the next caller waits for someone else");
        center.clock().advance(Duration.ofMinutes(1));
        assertEquals(null, bridgeOrNull(next));
        assertEquals("default", center.sim().media(next).mohClass());

        center.sim().calls().farEndHangup(next);
        center.awaitEvent(StasisEnd.class, e -> e.channel().id().equals(next), Duration.ZERO);
    }

    private static String waiting() {
        return AskPattern.<Matchmaker.Command, Matchmaker.Waiting>ask(matchmaker, Matchmaker.GetWaiting::new,
                Duration.ofSeconds(3), center.node().scheduler()).toCompletableFuture().join().channelId();
    }

    /** A caller rings in; returns once it is answered and hears music while it waits (or is paired). */
    private static String arrive(String callerId) {
        String caller = center.sim().calls().inbound("roulette", "answer", callerId).channelId();
        center.awaitValue(() -> Optional.ofNullable(center.sim().media(caller).mohClass())
                .or(() -> Optional.ofNullable(bridgeOrNull(caller))), Duration.ZERO, caller + " on hold or paired");
        return caller;
    }

    private static String bridgeOf(String channelId) {
        return center.awaitEvent(ChannelEnteredBridge.class, e -> e.channel().id().equals(channelId), Duration.ZERO)
                .bridge().id();
    }

    private static String bridgeOrNull(String channelId) {
        return center.events().stream().filter(e -> e instanceof ChannelEnteredBridge entered
                        && entered.channel().id().equals(channelId))
                .map(e -> ((ChannelEnteredBridge) e).bridge().id()).findFirst().orElse(null);
    }
}
