package io.switchboard.actors.channel;

import java.time.Duration;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The digits a caller types, collected for one {@link ChannelEntity.Gather} at a time. A gather ends at its
 * maximum number of digits, on one of its terminators (not included), or when its timeout runs out; digits
 * pressed while no gather listens are kept (a few) and used first by the next one. The entity owns the
 * timer: after every step it restarts it as {@link #deadline()} says, and reports it with {@link #timedOut}.
 */
final class DigitCollector {
    /** How many digits typed ahead are kept for a gather that has not started yet. */
    private static final int TYPE_AHEAD_LIMIT = 32;

    /** When the gather in progress times out unless a digit comes first; {@code gather} tells gathers apart. */
    record Deadline(long gather, Duration in) {
    }

    private record Gathering(long number, ChannelEntity.Gather request, StringBuilder digits) {
    }

    private final StringBuilder typeAhead = new StringBuilder();
    private Gathering gathering;
    private long gathers;

    /** Starts {@code request}, replacing (and refusing) the one in progress; digits typed ahead count first. */
    void start(ChannelEntity.Gather request) {
        if (gathering != null) {
            gathering.request().replyTo().tell(new Outcome.Failed(Outcome.Failed.Reason.BUSY, null,
                    "replaced by a newer gather"));
        }
        gathering = new Gathering(++gathers, request, new StringBuilder());
        String early = typeAhead.toString();
        typeAhead.setLength(0);
        for (char digit : early.toCharArray()) {
            if (gathering == null) {
                typeAhead.append(digit);
            } else {
                collect(String.valueOf(digit));
            }
        }
    }

    /** A digit the caller pressed. */
    void press(String digit) {
        if (gathering == null) {
            if (typeAhead.length() < TYPE_AHEAD_LIMIT) {
                typeAhead.append(digit);
            }
            return;
        }
        collect(digit);
    }

    /** The timeout of gather {@code number} ran out: it ends with the digits it has, if it is still going. */
    void timedOut(long number) {
        if (gathering != null && gathering.number() == number) {
            finish(Outcome.Gathered.Reason.TIMEOUT);
        }
    }

    /** The timeout to run now: the first-digit timeout until a digit comes, then the one between digits. */
    Optional<Deadline> deadline() {
        if (gathering == null) {
            return Optional.empty();
        }
        ChannelEntity.Gather request = gathering.request();
        return Optional.of(new Deadline(gathering.number(), gathering.digits().length() == 0
                ? request.firstDigitTimeout() : request.interDigitTimeout()));
    }

    /** The gather in progress, if any, will not end normally: it is answered {@code outcome}. */
    void abandon(Outcome outcome) {
        if (gathering != null) {
            gathering.request().replyTo().tell(outcome);
            gathering = null;
        }
    }

    private void collect(String digit) {
        ChannelEntity.Gather request = gathering.request();
        if (request.terminators() != null && request.terminators().contains(digit)) {
            finish(Outcome.Gathered.Reason.TERMINATOR);
            return;
        }
        gathering.digits().append(digit);
        if (gathering.digits().length() >= request.maxDigits()) {
            finish(Outcome.Gathered.Reason.MAX_DIGITS);
        }
    }

    private void finish(Outcome.Gathered.Reason reason) {
        ActorRef<Outcome> replyTo = gathering.request().replyTo();
        replyTo.tell(new Outcome.Gathered(gathering.digits().toString(), reason));
        gathering = null;
    }
}
