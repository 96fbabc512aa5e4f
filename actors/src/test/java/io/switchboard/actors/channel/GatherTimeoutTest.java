package io.switchboard.actors.channel;

import static io.switchboard.actors.support.CallCenterHarness.APP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.switchboard.actors.flow.FlowRegistry;
import io.switchboard.actors.support.CallCenterHarness;
import io.switchboard.ari.events.ChannelDtmfReceived;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A gather's timeouts run on the node's time (here the simulator's clock): the test moves time to just before
 * the timeout and to it. A timeout that fires tells the entity during the advance, before anything the test
 * sends next, so an answer the test gets to a later question proves that the gather had not ended yet.
 */
class GatherTimeoutTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** Longer than any wait of the test: a timeout on wall-clock time could not end a gather here. */
    private static final Duration FIRST = Duration.ofSeconds(60);
    private static final Duration BETWEEN = Duration.ofSeconds(30);
    private static CallCenterHarness harness;
    /** Calls whose flow has answered them and leaves them to the test. */
    private static final Map<String, CompletableFuture<Void>> answered = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() {
        harness = CallCenterHarness.start(new FlowRegistry().register(APP, call -> call.answer()
                .thenRun(() -> answered(call.channelId()).complete(null))
                .thenCompose(x -> new CompletableFuture<Void>())));
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static CompletableFuture<Void> answered(String channelId) {
        return answered.computeIfAbsent(channelId, id -> new CompletableFuture<>());
    }

    private static String answeredCall() throws Exception {
        String caller = harness.sim().calls().inbound("support", "answer", "Alice <2001>").channelId();
        answered(caller).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return caller;
    }

    @Test
    void aGatherWithNoDigitEndsWhenTheFirstDigitTimeoutHasPassed() throws Exception {
        String caller = answeredCall();
        EntityRef<ChannelEntity.Command> entity = harness.channel(caller);
        TestProbe<Object> probe = harness.testKit().createTestProbe();
        entity.tell(new ChannelEntity.Gather(4, "#", FIRST, BETWEEN, probe.getRef().narrow()));
        expectNothingEndedBefore(entity, probe);

        harness.clock().advance(FIRST.minusMillis(1));
        expectNothingEndedBefore(entity, probe);
        harness.clock().advance(Duration.ofMillis(1));
        assertEquals(new Outcome.Gathered("", Outcome.Gathered.Reason.TIMEOUT), probe.receiveMessage(WAIT));
    }

    @Test
    void eachDigitRestartsTheShorterTimeoutBetweenDigits() throws Exception {
        String caller = answeredCall();
        EntityRef<ChannelEntity.Command> entity = harness.channel(caller);
        TestProbe<CallEvent> events = harness.watch(caller);
        TestProbe<Object> probe = harness.testKit().createTestProbe();
        entity.tell(new ChannelEntity.Gather(4, "#", FIRST, BETWEEN, probe.getRef().narrow()));
        expectNothingEndedBefore(entity, probe);

        harness.clock().advance(FIRST.minusSeconds(1));
        pressAndAwait(caller, events, "7");
        expectNothingEndedBefore(entity, probe);
        harness.clock().advance(BETWEEN.minusMillis(1));
        pressAndAwait(caller, events, "8");
        expectNothingEndedBefore(entity, probe);
        harness.clock().advance(BETWEEN.minusMillis(1));
        expectNothingEndedBefore(entity, probe);
        harness.clock().advance(Duration.ofMillis(1));
        assertEquals(new Outcome.Gathered("78", Outcome.Gathered.Reason.TIMEOUT), probe.receiveMessage(WAIT));
    }

    @Test
    void theNextGatherOnACallGetsItsOwnFullTimeout() throws Exception {
        String caller = answeredCall();
        EntityRef<ChannelEntity.Command> entity = harness.channel(caller);
        TestProbe<CallEvent> events = harness.watch(caller);
        TestProbe<Object> probe = harness.testKit().createTestProbe();
        entity.tell(new ChannelEntity.Gather(4, "#", FIRST, BETWEEN, probe.getRef().narrow()));
        expectNothingEndedBefore(entity, probe);
        pressAndAwait(caller, events, "5");
        pressAndAwait(caller, events, "#");
        assertEquals(new Outcome.Gathered("5", Outcome.Gathered.Reason.TERMINATOR), probe.receiveMessage(WAIT));

        // the first gather's timeout would run out BETWEEN after its digit: the second one waits its own FIRST
        entity.tell(new ChannelEntity.Gather(2, "#", FIRST, BETWEEN, probe.getRef().narrow()));
        expectNothingEndedBefore(entity, probe);
        harness.clock().advance(FIRST.minusMillis(1));
        expectNothingEndedBefore(entity, probe);
        harness.clock().advance(Duration.ofMillis(1));
        assertEquals(new Outcome.Gathered("", Outcome.Gathered.Reason.TIMEOUT), probe.receiveMessage(WAIT));
    }

    /** The far end presses a digit now; returns once the entity has taken it. */
    private static void pressAndAwait(String caller, TestProbe<CallEvent> events, String digit) {
        harness.sim().calls().pressDigits(caller, digit, Duration.ZERO);
        assertEquals(digit, CallCenterHarness.expectEvent(events, ChannelDtmfReceived.class, WAIT).digit());
    }

    /** The entity answers a later question first: whatever it had been told before did not end the gather. */
    private static void expectNothingEndedBefore(EntityRef<ChannelEntity.Command> entity, TestProbe<Object> probe) {
        entity.tell(new ChannelEntity.GetSnapshot(probe.getRef().narrow()));
        assertInstanceOf(ChannelEntity.Snapshot.class, probe.receiveMessage(WAIT));
    }
}
