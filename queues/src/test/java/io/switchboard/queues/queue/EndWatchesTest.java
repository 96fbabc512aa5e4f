package io.switchboard.queues.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.switchboard.queues.queue.QueueEntity.Abandon;
import io.switchboard.queues.queue.QueueEntity.PartyLeft;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The queue's watches on channel ends: told once each, told again when due while wanted, one per channel. */
class EndWatchesTest {
    private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

    private final List<String> told = new ArrayList<>();
    private final EndWatches watches = new EndWatches("queue:support", Duration.ofSeconds(10),
            (channel, watch) -> told.add(channel + " by " + watch.watcher()), null);

    @Test
    void aWatchIsToldAgainWhenDueOnlyWhileTheQueueStillWantsIt() {
        watches.watch("ast/a", new Abandon("ast/a"), T0);
        watches.watch("ast/b", new Abandon("ast/b"), T0.plusSeconds(3));
        assertEquals(List.of("ast/a by queue:support", "ast/b by queue:support"), told);

        watches.renewDue(T0.plusMillis(9_999), (channel, onEnd) -> true);
        assertEquals(2, told.size(), "nothing is due before the renewal");

        Set<String> wanted = Set.of("ast/a");
        watches.renewDue(T0.plusSeconds(13), (channel, onEnd) -> wanted.contains(channel));
        assertEquals(List.of("ast/a by queue:support", "ast/b by queue:support", "ast/a by queue:support"), told);
        assertEquals(1, watches.size(), "ast/b, no longer wanted, is dropped");

        watches.renewDue(T0.plusSeconds(22), (channel, onEnd) -> true);
        assertEquals(3, told.size(), "ast/a was renewed at 13 s: due at 23 s");
        watches.renewDue(T0.plusSeconds(23), (channel, onEnd) -> true);
        assertEquals(4, told.size());
    }

    @Test
    void watchingAChannelAgainChangesWhatItsEndMeans() {
        watches.watch("ast/a", new Abandon("ast/a"), T0);
        PartyLeft talking = new PartyLeft("ast/a", "agent1", "leg-1", "CALLER");
        watches.watch("ast/a", talking, T0.plusSeconds(5));
        assertEquals(1, watches.size());
        assertEquals(talking, watches.ended("ast/a"));
        assertNull(watches.ended("ast/a"), "an end is heard once");
    }
}
