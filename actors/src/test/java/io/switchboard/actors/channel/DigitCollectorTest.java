package io.switchboard.actors.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.TestInbox;
import org.junit.jupiter.api.Test;

/** Collecting a gather's digits, without an actor: what ends a gather, and which timeout runs meanwhile. */
class DigitCollectorTest {
    private static final Duration FIRST = Duration.ofSeconds(5);
    private static final Duration BETWEEN = Duration.ofSeconds(3);

    private final DigitCollector collector = new DigitCollector();
    private final TestInbox<Outcome> asker = TestInbox.create();

    private ChannelEntity.Gather gather(int maxDigits, String terminators, TestInbox<Outcome> replyTo) {
        return new ChannelEntity.Gather(maxDigits, terminators, FIRST, BETWEEN, replyTo.getRef());
    }

    private void press(String digits) {
        for (char digit : digits.toCharArray()) {
            collector.press(String.valueOf(digit));
        }
    }

    @Test
    void endsAtMaxDigits() {
        collector.start(gather(3, "#", asker));
        press("12");
        assertFalse(asker.hasMessages());
        press("3");
        assertEquals(new Outcome.Gathered("123", Outcome.Gathered.Reason.MAX_DIGITS), asker.receiveMessage());
        assertEquals(Optional.empty(), collector.deadline());
    }

    @Test
    void endsOnATerminatorWhichIsNotPartOfTheDigits() {
        collector.start(gather(10, "#*", asker));
        press("42*");
        assertEquals(new Outcome.Gathered("42", Outcome.Gathered.Reason.TERMINATOR), asker.receiveMessage());
    }

    @Test
    void waitsForTheFirstDigitThenForTheShorterTimeBetweenDigits() {
        collector.start(gather(4, "#", asker));
        DigitCollector.Deadline first = collector.deadline().orElseThrow();
        assertEquals(FIRST, first.in());
        press("1");
        DigitCollector.Deadline next = collector.deadline().orElseThrow();
        assertEquals(BETWEEN, next.in());
        assertEquals(first.gather(), next.gather());
    }

    @Test
    void aTimeoutEndsTheGatherWithTheDigitsSoFar() {
        collector.start(gather(4, "#", asker));
        press("9");
        collector.timedOut(collector.deadline().orElseThrow().gather());
        assertEquals(new Outcome.Gathered("9", Outcome.Gathered.Reason.TIMEOUT), asker.receiveMessage());
    }

    @Test
    void aLateTimeoutOfAnEarlierGatherIsIgnored() {
        collector.start(gather(1, "", asker));
        long earlier = collector.deadline().orElseThrow().gather();
        press("1");
        asker.receiveMessage();
        collector.start(gather(4, "#", asker));
        collector.timedOut(earlier);
        assertFalse(asker.hasMessages());
        assertTrue(collector.deadline().isPresent());
    }

    @Test
    void digitsPressedBeforeTheGatherCountFirstAndTheRestWaitsForTheNextOne() {
        press("123");
        collector.start(gather(2, "", asker));
        assertEquals(new Outcome.Gathered("12", Outcome.Gathered.Reason.MAX_DIGITS), asker.receiveMessage());
        TestInbox<Outcome> next = TestInbox.create();
        collector.start(gather(4, "#", next));
        assertEquals(BETWEEN, collector.deadline().orElseThrow().in(), "one digit is already in");
        press("#");
        assertEquals(new Outcome.Gathered("3", Outcome.Gathered.Reason.TERMINATOR), next.receiveMessage());
    }

    @Test
    void onlyAFewDigitsAreKeptWhileNobodyListens() {
        press("1".repeat(40));
        collector.start(gather(100, "#", asker));
        press("#");
        assertEquals("1".repeat(32), ((Outcome.Gathered) asker.receiveMessage()).digits());
    }

    @Test
    void aNewerGatherReplacesTheOneInProgress() {
        collector.start(gather(4, "#", asker));
        press("5");
        TestInbox<Outcome> newer = TestInbox.create();
        collector.start(gather(4, "#", newer));
        Outcome.Failed refused = assertInstanceOf(Outcome.Failed.class, asker.receiveMessage());
        assertEquals(Outcome.Failed.Reason.BUSY, refused.reason());
        assertEquals(FIRST, collector.deadline().orElseThrow().in(), "the digit went to the replaced gather");
    }

    @Test
    void anAbandonedGatherGetsTheReasonAndNothingRuns() {
        collector.start(gather(4, "#", asker));
        Outcome ended = new Outcome.Failed(Outcome.Failed.Reason.CALL_ENDED, null, "the call ended: hung up");
        collector.abandon(ended);
        assertEquals(ended, asker.receiveMessage());
        assertEquals(Optional.empty(), collector.deadline());
    }
}
