package io.switchboard.actors.flow;

import static io.switchboard.actors.support.CallCenterHarness.APP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.actors.channel.CallEvent;
import io.switchboard.actors.channel.Outcome;
import io.switchboard.actors.support.CallCenterHarness;
import io.switchboard.ari.events.ChannelDtmfReceived;
import io.switchboard.ari.rest.AriException;
import io.switchboard.simulator.phones.PhoneScript;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the call-flow API against the simulated Asterisk, happy and unhappy ends. Each test
 * places an inbound call whose Stasis argument picks the flow under test; flows report what they saw.
 */
class CallFlowOperationsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private static CallCenterHarness harness;
    /** What each call's flow ended with: a value, or the failure it met. */
    private static final Map<String, CompletableFuture<Object>> reports = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() {
        FlowRegistry flows = new FlowRegistry();
        flow(flows, "play", call -> call.answer().thenCompose(x -> call.play("sound:hello-world")));
        flow(flows, "interrupt", call -> call.answer().thenCompose(x ->
                call.play(Playback.of("sound:tt-monkeys").interruptibleBy("0123456789#"))));
        flow(flows, "gather", call -> call.answer().thenCompose(x -> call.gather(Gather.digits(10).terminator("#"))));
        flow(flows, "gather-two", call -> call.answer().thenCompose(x -> call.gather(Gather.digits(2))));
        flow(flows, "gather-timeout", call -> call.answer().thenCompose(x -> call.gather(Gather.digits(4)
                .timeouts(Duration.ofMillis(300), Duration.ofMillis(300)))));
        flow(flows, "record", call -> call.answer().thenCompose(x -> call.record(Recording.named("msg-" + call.channelId())
                .maxDuration(Duration.ofSeconds(4)).terminateOn("none"))));
        flow(flows, "dial", call -> call.answer().thenCompose(x -> call.dial("PJSIP/agent1", Duration.ofSeconds(10)))
                .thenCompose(dialed -> dialed.answered()
                        ? call.bridgeWith(dialed.peerChannelId()).thenApply(b -> List.of(dialed, b))
                        : CompletableFuture.completedFuture(List.of(dialed))));
        flow(flows, "hold", call -> call.answer().thenCompose(x -> call.hold()).thenCompose(x -> call.unhold())
                .thenCompose(x -> call.startMusicOnHold(null)).thenCompose(x -> call.stopMusicOnHold())
                .thenCompose(x -> call.ring()).thenCompose(x -> call.setVariable("CC_SKILL", "billing"))
                .thenApply(x -> "all done"));
        flow(flows, "continue", call -> call.answer().thenCompose(x -> call.continueInDialplan("sim", "answer", 1))
                .thenApply(x -> "continued"));
        flow(flows, "hangup", call -> call.answer().thenCompose(x -> call.hangup()).thenApply(x -> "hung up"));
        flow(flows, "bad-bridge", call -> call.answer().thenCompose(x -> call.bridgeWith("no-such-channel")));
        flow(flows, "not-in-stasis", call -> call.answer().thenCompose(x -> call.bridgeWith("phone-" + call.channelId())));
        flow(flows, "bad-dial", call -> call.answer().thenCompose(x -> call.dial("Bogus/x", Duration.ofSeconds(5))));
        flow(flows, "entered", call -> CompletableFuture.completedFuture(call.enteredAt()));
        harness = CallCenterHarness.start(flows);
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    private static void flow(FlowRegistry flows, String name, Function<Call, CompletionStage<?>> body) {
        flows.register(APP, name, call -> body.apply(call).handle((value, failure) -> {
            Throwable cause = failure instanceof java.util.concurrent.CompletionException c ? c.getCause() : failure;
            report(call.channelId()).complete(cause != null ? cause : value);
            return null;
        }));
    }

    private static CompletableFuture<Object> report(String channelId) {
        return reports.computeIfAbsent(channelId, id -> new CompletableFuture<>());
    }

    private static String call(String flow, String behaviour) {
        return harness.sim().calls().inbound(flow, behaviour, "Alice <2001>").channelId();
    }

    /** Runs the simulated clock forward while the flow works, until its report is in. */
    private static Object runUntilReported(String channelId, Duration step, int maxSteps) throws Exception {
        CompletableFuture<Object> report = report(channelId);
        for (int i = 0; i < maxSteps && !report.isDone(); i++) {
            try {
                return report.get(100, TimeUnit.MILLISECONDS);
            } catch (TimeoutException notYet) {
                harness.clock().advance(step);
            }
        }
        return report.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void theFlowKnowsWhenItsChannelEnteredTheApplicationByAsterisksClock() throws Exception {
        Instant now = harness.clock().now().truncatedTo(ChronoUnit.MILLIS);
        String caller = call("entered", "answer");
        // the simulator's clock does not move here: StasisStart carries the instant the call was placed
        assertEquals(Optional.of(now), report(caller).get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Test
    void playCompletesWhenThePlaybackFinishes() throws Exception {
        String caller = call("play", "answer");
        Outcome.Played played = assertInstanceOf(Outcome.Played.class, runUntilReported(caller, Duration.ofSeconds(1), 6));
        assertEquals(Outcome.Played.Status.FINISHED, played.status());
    }

    @Test
    void aDigitInterruptsAnInterruptiblePlayback() throws Exception {
        String caller = call("interrupt", "dtmf-1234");
        Outcome.Played played = assertInstanceOf(Outcome.Played.class,
                runUntilReported(caller, Duration.ofMillis(250), 40));
        assertEquals(Outcome.Played.Status.INTERRUPTED, played.status());
        assertEquals("1", played.digit());
    }

    @Test
    void hangingUpCompletes() throws Exception {
        String caller = call("hangup", "answer");
        assertEquals("hung up", report(caller).get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Test
    void gatherEndsOnTheTerminator() throws Exception {
        String caller = call("gather", "dtmf-1234");
        assertEquals("1234", runUntilReported(caller, Duration.ofMillis(250), 40));
    }

    @Test
    void gatherEndsAtMaxDigits() throws Exception {
        String caller = call("gather-two", "dtmf-1234");
        assertEquals("12", runUntilReported(caller, Duration.ofMillis(250), 40));
    }

    @Test
    void gatherTimesOutWithWhatItHas() throws Exception {
        String caller = call("gather-timeout", "answer");
        // the 300 ms timeout runs on the simulator's clock: nothing ends until time moves
        assertEquals("", runUntilReported(caller, Duration.ofMillis(100), 20));
    }

    @Test
    void recordCompletesWhenTheRecordingFinishes() throws Exception {
        String caller = call("record", "talk");
        Outcome.Recorded recorded = assertInstanceOf(Outcome.Recorded.class,
                runUntilReported(caller, Duration.ofSeconds(1), 10));
        assertEquals("msg-" + caller, recorded.name());
        assertEquals(4, recorded.duration());
    }

    @Test
    void dialAnsweredThenBridged() throws Exception {
        harness.sim().scriptEndpoint("PJSIP/agent1", PhoneScript.answerAfter(Duration.ofSeconds(2)));
        String caller = call("dial", "answer");
        List<?> result = assertInstanceOf(List.class, runUntilReported(caller, Duration.ofMillis(500), 20));
        Outcome.Dialed dialed = (Outcome.Dialed) result.get(0);
        assertEquals(Outcome.Dialed.DialStatus.ANSWER, dialed.status());
        assertTrue(dialed.progress().contains("RINGING"), dialed.progress().toString());
        assertInstanceOf(Outcome.Bridged.class, result.get(1));
    }

    @Test
    void dialBusy() throws Exception {
        harness.sim().scriptEndpoint("PJSIP/agent2", PhoneScript.busy());
        String caller = harness.sim().calls().inbound("dial", "answer", "Bob <2002>").channelId();
        // the flow dials agent1: script it busy for this call
        harness.sim().scriptEndpoint("PJSIP/agent1", PhoneScript.busy());
        List<?> result = assertInstanceOf(List.class, runUntilReported(caller, Duration.ofMillis(500), 20));
        assertEquals(Outcome.Dialed.DialStatus.BUSY, ((Outcome.Dialed) result.get(0)).status());
    }

    @Test
    void dialNoAnswerTimesOut() throws Exception {
        harness.sim().scriptEndpoint("PJSIP/agent1", PhoneScript.neverAnswer());
        String caller = call("dial", "answer");
        List<?> result = assertInstanceOf(List.class, runUntilReported(caller, Duration.ofSeconds(1), 20));
        assertEquals(Outcome.Dialed.DialStatus.NOANSWER, ((Outcome.Dialed) result.get(0)).status());
    }

    @Test
    void holdMusicRingAndVariables() throws Exception {
        assertEquals("all done", report(call("hold", "answer")).get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Test
    void continueInDialplanHandsTheCallBack() throws Exception {
        assertEquals("continued", report(call("continue", "answer")).get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Test
    void callerHangsUpMidPlay() throws Exception {
        String caller = call("interrupt", "hangup-after-3");
        assertInstanceOf(CallEndedException.class, runUntilReported(caller, Duration.ofSeconds(1), 10));
    }

    @Test
    void asteriskRefusalsFailTheFlowWithTypedErrors() throws Exception {
        assertInstanceOf(AriException.BadRequest.class,
                report(call("bad-bridge", "answer")).get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        AriException.Unprocessable notInStasis = assertInstanceOf(AriException.Unprocessable.class,
                report(call("not-in-stasis", "answer")).get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals("Channel not in Stasis application", notInStasis.asteriskMessage());
        assertInstanceOf(AriException.ServerError.class,
                report(call("bad-dial", "answer")).get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Test
    void aProbeOnTheEntitySeesTheCallersDigitsInOrder() throws Exception {
        String caller = call("gather", "answer");
        TestProbe<CallEvent> probe = harness.watch(caller);
        harness.sim().calls().pressDigits(caller, "42#", Duration.ofMillis(100));
        harness.clock().advance(Duration.ofSeconds(1));
        for (String digit : List.of("4", "2", "#")) {
            assertEquals(digit, CallCenterHarness.expectEvent(probe, ChannelDtmfReceived.class, WAIT).digit());
        }
        assertEquals("42", report(caller).get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        harness.clock().advance(Duration.ofSeconds(1));
        assertEquals(caller, CallCenterHarness.expectEnded(probe, WAIT).channelId());
    }
}
