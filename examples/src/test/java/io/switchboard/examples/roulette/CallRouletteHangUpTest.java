package io.switchboard.examples.roulette;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.switchboard.actors.flow.FlowRegistry;
import io.switchboard.ari.events.AriEvent;
import io.switchboard.ari.events.ChannelEnteredBridge;
import io.switchboard.ari.events.ChannelStateChange;
import io.switchboard.ari.events.StasisEnd;
import io.switchboard.ari.events.StasisStart;
import io.switchboard.examples.support.FlowReports;
import io.switchboard.examples.support.SimulatedCallCenter;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A roulette caller hangs up at each step of the flow. Whatever the step, the matchmaker keeps nobody whose
 * call has ended, and the next two callers are paired with each other. The steps are pinned down with the
 * simulator's event tap (a hang-up requested as Asterisk sends StasisStart, or the answer's state change) and
 * with a gate that holds the flows' joins or the matchmaker's answers.
 */
class CallRouletteHangUpTest {
    private static SimulatedCallCenter center;
    private static ActorRef<Matchmaker.Command> matchmaker;
    private static RouletteCalls calls;
    private static MatchmakerGate gate;
    private static final FlowReports reports = new FlowReports();
    /** The next event of a caller's channel that makes its caller hang up. */
    private static final AtomicReference<Predicate<AriEvent>> hangUpOn = new AtomicReference<>();

    @BeforeAll
    static void start() throws InterruptedException {
        center = SimulatedCallCenter.start((system, app) -> {
            matchmaker = Matchmaker.initSingleton(system);
            gate = new MatchmakerGate(system, matchmaker);
            return new FlowRegistry().register(app, reports.reported(new CallRoulette(system, gate.ref())));
        });
        calls = new RouletteCalls(center, matchmaker);
        center.sim().tapEvents(CallRouletteHangUpTest::hangUpIfArmed);
    }

    @AfterAll
    static void stop() {
        center.close();
    }

    @AfterEach
    void nobodyIsLeftWaiting() {
        hangUpOn.set(null);
        gate.open();
        awaitWaiting(null);
    }

    @Test
    void aCallerWhoHangsUpBeforeTheAnswerIsNoOnesPartner() {
        hangUpOn.set(event -> event instanceof StasisStart);
        String gone = center.sim().calls().inbound("roulette", "answer", "Gone <2100>").channelId();
        awaitFlowStoppedByTheHangUp(gone);
        theNextTwoCallersArePairedWithEachOther();
    }

    @Test
    void aCallerWhoHangsUpAsItIsAnsweredIsNoOnesPartner() {
        // the flow is then starting the music on hold
        hangUpOn.set(event -> event instanceof ChannelStateChange change && "Up".equals(change.channel().state()));
        String gone = center.sim().calls().inbound("roulette", "answer", "Gone <2101>").channelId();
        awaitFlowStoppedByTheHangUp(gone);
        theNextTwoCallersArePairedWithEachOther();
    }

    @Test
    void aCallerWhoseJoinReachesTheMatchmakerAfterTheHangUpIsNoOnesPartner() {
        gate.holdJoins();
        String gone = center.sim().calls().inbound("roulette", "answer", "Gone <2102>").channelId();
        center.awaitValue(() -> gate.heldJoins().contains(gone) ? Optional.of(true) : Optional.empty(), Duration.ZERO,
                "the join of " + gone + ", sent once its music is on");
        center.sim().calls().farEndHangup(gone);
        awaitFlowStoppedByTheHangUp(gone);
        gate.open();
        theNextTwoCallersArePairedWithEachOther();
    }

    @Test
    void aCallerWhoHangsUpWhileWaitingIsNoOnesPartner() {
        String gone = calls.arrive("Gone <2103>");
        awaitWaiting(gone);
        center.sim().calls().farEndHangup(gone);
        awaitWaiting(null);
        awaitFlowStoppedByTheHangUp(gone);
        theNextTwoCallersArePairedWithEachOther();
    }

    @Test
    void aCallerWhoHangsUpAsItIsPairedTakesItsPartnerAlong() {
        String gone = calls.arrive("Gone <2104>");
        awaitWaiting(gone);
        gate.holdAnswers();
        String partner = calls.arrive("Partner <2105>");
        center.awaitValue(() -> gate.heldAnswers().size() == 2 ? Optional.of(true) : Optional.empty(), Duration.ZERO,
                "the matchmaker pairs " + gone + " with " + partner);
        center.sim().calls().farEndHangup(gone);
        awaitFlowStoppedByTheHangUp(gone);
        gate.open();
        awaitEnded(partner);
        awaitWaiting(null);
        theNextTwoCallersArePairedWithEachOther();
    }

    @Test
    void aCallerWhoHangsUpAfterBeingBridgedTakesItsPartnerAlong() {
        String gone = calls.arrive("Gone <2106>");
        String partner = calls.arrive("Partner <2107>");
        assertEquals(calls.bridgeOf(gone), calls.bridgeOf(partner));
        center.sim().calls().farEndHangup(gone);
        awaitEnded(partner);
        awaitWaiting(null);
        theNextTwoCallersArePairedWithEachOther();
    }

    /** The first waits alone (so nobody gone was waiting), the second is bridged with it, and only with it. */
    private static void theNextTwoCallersArePairedWithEachOther() {
        String first = calls.arrive("First <2201>");
        awaitWaiting(first);
        String second = calls.arrive("Second <2202>");
        String bridge = calls.bridgeOf(first);
        assertEquals(bridge, calls.bridgeOf(second));
        assertEquals(Set.of(first, second), enteredBridge(bridge));
        assertEquals(List.of(), endedOf(first, second), "both still talking");

        center.sim().calls().farEndHangup(first);
        awaitEnded(second);
        awaitWaiting(null);
    }

    /** Runs on the simulator's thread: the hang-up is requested there, and made just after this event is sent. */
    private static void hangUpIfArmed(AriEvent event) {
        Predicate<AriEvent> armed = hangUpOn.get();
        String channelId = channelOf(event);
        if (armed == null || channelId == null || !channelId.startsWith("caller-") || !armed.test(event)
                || !hangUpOn.compareAndSet(armed, null)) {
            return;
        }
        CompletableFuture.runAsync(() -> center.sim().calls().farEndHangup(channelId));
    }

    private static String channelOf(AriEvent event) {
        if (event instanceof StasisStart start) {
            return start.channel().id();
        }
        return event instanceof ChannelStateChange change ? change.channel().id() : null;
    }

    /** The caller's flow is over, stopped by the hang-up (or by the command it refused) at whatever step it was. */
    private static void awaitFlowStoppedByTheHangUp(String channelId) {
        Object report = center.awaitReport(reports.of(channelId), Duration.ZERO);
        assertInstanceOf(Throwable.class, report, channelId + "'s flow ended with " + report);
    }

    private static void awaitWaiting(String channelId) {
        center.awaitValue(() -> Objects.equals(calls.waiting(), channelId) ? Optional.of(true) : Optional.empty(),
                Duration.ZERO, "the matchmaker's waiting caller to be " + channelId);
    }

    private static void awaitEnded(String channelId) {
        center.awaitEvent(StasisEnd.class, e -> e.channel().id().equals(channelId), Duration.ZERO);
    }

    private static List<String> endedOf(String... channelIds) {
        Set<String> ended = center.events().stream().filter(e -> e instanceof StasisEnd)
                .map(e -> ((StasisEnd) e).channel().id()).collect(Collectors.toSet());
        return List.of(channelIds).stream().filter(ended::contains).toList();
    }

    private static Set<String> enteredBridge(String bridgeId) {
        return center.events().stream().filter(e -> e instanceof ChannelEnteredBridge entered
                        && entered.bridge().id().equals(bridgeId))
                .map(e -> ((ChannelEnteredBridge) e).channel().id()).collect(Collectors.toSet());
    }
}
