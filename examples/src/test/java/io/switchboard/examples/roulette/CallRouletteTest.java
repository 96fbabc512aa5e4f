package io.switchboard.examples.roulette;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.actors.flow.FlowRegistry;
import io.switchboard.ari.events.StasisEnd;
import io.switchboard.examples.support.SimulatedCallCenter;
import java.time.Duration;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CallRouletteTest {
    private static SimulatedCallCenter center;
    private static ActorRef<Matchmaker.Command> matchmaker;
    private static RouletteCalls calls;

    @BeforeAll
    static void start() throws InterruptedException {
        center = SimulatedCallCenter.start((system, app) -> {
            matchmaker = Matchmaker.initSingleton(system);
            return new FlowRegistry().register(app, new CallRoulette(system, matchmaker));
        });
        calls = new RouletteCalls(center, matchmaker);
    }

    @AfterAll
    static void stop() {
        center.close();
    }

    @Test
    void pairsCallersTwoByTwoAndHangsUpThePartnerOfWhoeverLeaves() {
        String first = calls.arrive("Alice <2001>");
        String second = calls.arrive("Bob <2002>");
        String bridge = calls.bridgeOf(first);
        assertEquals(bridge, calls.bridgeOf(second));

        String third = calls.arrive("Carol <2003>");
        center.clock().advance(Duration.ofMinutes(1));
        assertEquals(null, calls.bridgeOrNull(third), "the third caller waits alone");
        assertEquals("default", center.sim().media(third).mohClass(), "and hears music meanwhile");

        String fourth = calls.arrive("Dave <2004>");
        assertEquals(calls.bridgeOf(third), calls.bridgeOf(fourth));
        assertNotEquals(bridge, calls.bridgeOf(third));

        center.sim().calls().farEndHangup(first);
        center.awaitEvent(StasisEnd.class, e -> e.channel().id().equals(second), Duration.ZERO);
        assertTrue(center.sim().media(third).mohClass() == null, "the third caller's music stopped once paired");
    }

    @Test
    void aCallerWhoHangsUpWhileWaitingIsNoOnesPartner() {
        String impatient = calls.arrive("Erin <2005>");
        center.sim().calls().farEndHangup(impatient);
        // Asterisk has sent the hang-up; the flow tells the matchmaker when its entity has seen it
        center.awaitValue(() -> calls.waiting() == null ? Optional.of(true) : Optional.empty(), Duration.ZERO,
                "the matchmaker forgets " + impatient);

        String next = calls.arrive("Frank <2006>");
        center.awaitValue(() -> next.equals(calls.waiting()) ? Optional.of(true) : Optional.empty(), Duration.ZERO,
                "the next caller waits for someone else");
        center.clock().advance(Duration.ofMinutes(1));
        assertEquals(null, calls.bridgeOrNull(next));
        assertEquals("default", center.sim().media(next).mohClass());

        center.sim().calls().farEndHangup(next);
        center.awaitEvent(StasisEnd.class, e -> e.channel().id().equals(next), Duration.ZERO);
    }
}
