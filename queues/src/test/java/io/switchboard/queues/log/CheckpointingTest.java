package io.switchboard.queues.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.switchboard.queues.log.JournalFeed.Tagged;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.LongStream;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A journal-following view with a checkpoint, on a scripted feed and an in-memory store: it starts from the stored
 * checkpoint (its view restored, the feed asked for the events after the stored offsets), writes checkpoints that
 * always hold the view as of their offsets, reads from the start when the checkpoint cannot be used, and gets past
 * another node's write of the same checkpoint.
 */
class CheckpointingTest {
    private static final ActorTestKit testKit = ActorTestKit.create("checkpointing");
    private static final String TAG = "queue";
    private static final JournalFollower.Recovery SOON =
            new JournalFollower.Recovery("test feed", Duration.ofMillis(10), Duration.ofMillis(40));

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    /** The view: the sum of the sequence numbers of the events applied. */
    record Sum(Map<String, Long> offsets, long total) {
    }

    /** A store in memory that checks revisions as the journal's does and tells {@code written} each write. */
    static final class MemoryStore implements CheckpointStore {
        final Map<String, Stored> rows = new ConcurrentHashMap<>();
        final TestProbe<Stored> written = testKit.createTestProbe();

        @Override
        public CompletionStage<Optional<Stored>> load(String viewId) {
            return CompletableFuture.completedFuture(Optional.ofNullable(rows.get(viewId)));
        }

        @Override
        public CompletionStage<Done> save(String viewId, long revision, Object checkpoint) {
            long stored = rows.containsKey(viewId) ? rows.get(viewId).revision() : 0;
            if (revision != stored + 1) {
                return CompletableFuture.failedFuture(new IllegalStateException("revision " + revision
                        + " does not follow " + stored));
            }
            Stored row = new Stored(checkpoint, revision);
            rows.put(viewId, row);
            written.ref().tell(row);
            return CompletableFuture.completedFuture(Done.getInstance());
        }
    }

    /** Sums what it applies, telling {@code totals} the sum after each batch. */
    private static final class SumView extends AbstractBehavior<JournalFollower.Feed> {
        private final JournalFollower<JournalFollower.Feed, String> follower;
        private long total;

        SumView(ActorContext<JournalFollower.Feed> context, TimerScheduler<JournalFollower.Feed> timers,
                MemoryStore store, int everyEvents, Duration interval,
                Function<Map<String, Offset>, Source<Tagged, NotUsed>> feed, ActorRef<Long> totals) {
            super(context);
            follower = JournalFollower.start(context, timers, f -> f, SOON, events -> {
                events.forEach(e -> total += e.envelope().sequenceNr());
                totals.tell(total);
            }, new Checkpointing<>("sum", store, new Checkpointing.Settings(everyEvents, interval),
                    offsets -> new Sum(offsets, total), stored -> {
                        Sum sum = (Sum) stored;
                        total = sum.total();
                        return sum.offsets();
                    }), feed);
        }

        @Override
        public Receive<JournalFollower.Feed> createReceive() {
            return follower.addHandlers(newReceiveBuilder(), JournalFollower.Feed.class, f -> f).build();
        }
    }

    private static Behavior<JournalFollower.Feed> view(MemoryStore store, int everyEvents, Duration interval,
                                                       Function<Map<String, Offset>, Source<Tagged, NotUsed>> feed,
                                                       ActorRef<Long> totals) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers ->
                new SumView(context, timers, store, everyEvents, interval, feed, totals)));
    }

    private static Tagged event(long sequenceNr) {
        return new Tagged(TAG, EventEnvelope.apply(Offset.sequence(sequenceNr), "Queue|support", sequenceNr,
                "event " + sequenceNr, 0L));
    }

    private static Source<Tagged, NotUsed> events(long from, long to) {
        return Source.from(LongStream.rangeClosed(from, to).mapToObj(CheckpointingTest::event).toList())
                .concat(Source.never());
    }

    private static Function<Map<String, Offset>, Source<Tagged, NotUsed>> feed(TestProbe<Map<String, Offset>> readFrom,
                                                                              Function<Long, Source<Tagged, NotUsed>> after) {
        return offsets -> {
            readFrom.ref().tell(new HashMap<>(offsets));
            Offset offset = offsets.get(TAG);
            return after.apply(offset == null ? 0 : ((org.apache.pekko.persistence.query.Sequence) offset).value());
        };
    }

    @Test
    void aViewStartsFromItsCheckpointAndKeepsWritingOne() {
        MemoryStore store = new MemoryStore();
        TestProbe<Map<String, Offset>> readFrom = testKit.createTestProbe();
        TestProbe<Long> totals = testKit.createTestProbe();
        ActorRef<JournalFollower.Feed> first = testKit.spawn(view(store, 3, Duration.ofHours(1),
                feed(readFrom, after -> events(after + 1, 10)), totals.ref()));
        assertEquals(Map.of(), readFrom.receiveMessage(), "no checkpoint yet: from the start");

        // each checkpoint holds the view as of its offset: the sum of 1..offset
        CheckpointStore.Stored last = null;
        while (last == null || offsetOf(last) < 9) {
            last = store.written.receiveMessage();
            long offset = offsetOf(last);
            assertEquals(offset * (offset + 1) / 2, ((Sum) last.checkpoint()).total(), "checkpoint at " + offset);
        }
        testKit.stop(first);

        long stoppedAt = offsetOf(store.rows.get("sum"));
        testKit.spawn(view(store, 3, Duration.ofHours(1), feed(readFrom, after -> events(after + 1, 12)),
                totals.ref()));
        assertEquals(Map.of(TAG, Offset.sequence(stoppedAt)), readFrom.receiveMessage(), "from the checkpoint");
        totals.fishForMessage(Duration.ofSeconds(5), total -> total == 12 * 13 / 2
                ? FishingOutcomes.complete() : FishingOutcomes.continueAndIgnore());
    }

    @Test
    void aCheckpointItCannotReadMeansReadingFromTheStart() {
        MemoryStore store = new MemoryStore();
        store.rows.put("sum", new CheckpointStore.Stored("not a sum", 4));
        TestProbe<Map<String, Offset>> readFrom = testKit.createTestProbe();
        TestProbe<Long> totals = testKit.createTestProbe();
        testKit.spawn(view(store, 2, Duration.ofHours(1), feed(readFrom, after -> events(after + 1, 2)),
                totals.ref()));
        assertEquals(Map.of(), readFrom.receiveMessage());
        CheckpointStore.Stored written = store.written.receiveMessage();
        assertEquals(5, written.revision(), "written over the unreadable one");
        assertEquals(new Sum(Map.of(TAG, 2L), 3), written.checkpoint());
    }

    @Test
    void anotherNodesWriteOfTheSameCheckpointIsGotPast() {
        MemoryStore store = new MemoryStore();
        TestProbe<Map<String, Offset>> readFrom = testKit.createTestProbe();
        TestProbe<Long> totals = testKit.createTestProbe();
        CompletableFuture<Tagged> more = new CompletableFuture<>();
        List<Source<Tagged, NotUsed>> parts = new ArrayList<>();
        parts.add(events(1, 2).take(2).concat(Source.completionStage(more)).concat(Source.never()));
        testKit.spawn(view(store, 2, Duration.ofMillis(50), feed(readFrom, after -> parts.remove(0)), totals.ref()));
        readFrom.receiveMessage();
        assertEquals(1, store.written.receiveMessage().revision());

        // another node writes revision 2: this view's next write, as revision 2, is refused
        store.rows.put("sum", new CheckpointStore.Stored(new Sum(Map.of(TAG, 2L), 3), 2));
        more.complete(event(3));
        CheckpointStore.Stored next = store.written.receiveMessage(Duration.ofSeconds(10));
        assertEquals(3, next.revision(), "written after reading the other node's revision");
        assertInstanceOf(Sum.class, next.checkpoint());
        assertEquals(new Sum(Map.of(TAG, 3L), 6), next.checkpoint());
    }

    private static long offsetOf(CheckpointStore.Stored stored) {
        return ((Sum) stored.checkpoint()).offsets().get(TAG);
    }
}
