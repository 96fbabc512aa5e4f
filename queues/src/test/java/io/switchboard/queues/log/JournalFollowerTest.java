package io.switchboard.queues.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.queues.log.JournalFeed.Tagged;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The journal-following base of the read-side views, on a scripted feed: it reads again from the offsets it had
 * applied when the feed fails or completes, forgets a subscriber that stops, and stops its feed with the actor.
 */
class JournalFollowerTest {
    private static final ActorTestKit testKit = ActorTestKit.create("journal-follower");
    private static final String TAG = "queue";
    private static final JournalFollower.Recovery SOON =
            new JournalFollower.Recovery("test feed", Duration.ofMillis(10), Duration.ofMillis(40));

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    /** A view that tells {@code applied} each event it applies and answers whether it has subscribers. */
    private static final class View extends AbstractBehavior<View.Command> {
        interface Command {
        }

        record Followed(JournalFollower.Feed feed) implements Command {
        }

        record Subscribe(ActorRef<String> subscriber) implements Command {
        }

        record Unsubscribe(ActorRef<String> subscriber) implements Command {
        }

        record Publish(String change) implements Command {
        }

        record HasSubscribers(ActorRef<Boolean> replyTo) implements Command {
        }

        private final JournalFollower<Command, String> follower;

        static Behavior<Command> create(ActorRef<Long> applied,
                                        Function<Map<String, Offset>, Source<Tagged, NotUsed>> eventsAfter) {
            return Behaviors.setup(context -> Behaviors.withTimers(timers -> new View(context,
                    JournalFollower.start(context, timers, Followed::new, SOON,
                            events -> events.forEach(e -> applied.tell(e.envelope().sequenceNr())), eventsAfter))));
        }

        private View(ActorContext<Command> context, JournalFollower<Command, String> follower) {
            super(context);
            this.follower = follower;
        }

        @Override
        public Receive<Command> createReceive() {
            return follower.addHandlers(newReceiveBuilder(), Followed.class, Followed::feed)
                    .onMessage(Subscribe.class, subscribe -> {
                        follower.subscribe(subscribe.subscriber());
                        return this;
                    })
                    .onMessage(Unsubscribe.class, unsubscribe -> follower.unsubscribe(unsubscribe.subscriber()))
                    .onMessage(Publish.class, publish -> {
                        follower.publish(publish.change());
                        return this;
                    })
                    .onMessage(HasSubscribers.class, has -> {
                        has.replyTo().tell(follower.hasSubscribers());
                        return this;
                    })
                    .build();
        }
    }

    private static Tagged event(long sequenceNr) {
        return new Tagged(TAG, EventEnvelope.apply(Offset.sequence(sequenceNr), "Queue|support", sequenceNr,
                "event " + sequenceNr, 0L));
    }

    /** The feeds in turn, each telling {@code readFrom} the offsets it starts after. */
    private static Function<Map<String, Offset>, Source<Tagged, NotUsed>> feeds(
            TestProbe<Map<String, Offset>> readFrom, List<Source<Tagged, NotUsed>> feeds) {
        List<Source<Tagged, NotUsed>> left = new ArrayList<>(feeds);
        return offsets -> {
            readFrom.ref().tell(new HashMap<>(offsets));
            return left.remove(0);
        };
    }

    @Test
    void readsAgainFromWhereItStoppedWhenTheFeedFailsOrCompletes() {
        CompletableFuture<Tagged> failure = new CompletableFuture<>();
        CompletableFuture<Tagged> completion = new CompletableFuture<>();
        TestProbe<Map<String, Offset>> readFrom = testKit.createTestProbe();
        TestProbe<Long> applied = testKit.createTestProbe();
        testKit.spawn(View.create(applied.ref(), feeds(readFrom, List.of(
                Source.from(List.of(event(1), event(2))).concat(Source.completionStage(failure)),
                Source.single(event(3)).concat(Source.completionStage(completion).filter(never -> false)),
                Source.never()))));

        assertEquals(Map.of(), readFrom.receiveMessage());
        assertEquals(1L, applied.receiveMessage());
        assertEquals(2L, applied.receiveMessage());
        failure.completeExceptionally(new IllegalStateException("journal unreachable"));
        assertEquals(Map.of(TAG, Offset.sequence(2)), readFrom.receiveMessage());
        assertEquals(3L, applied.receiveMessage());
        completion.complete(event(4));
        assertEquals(Map.of(TAG, Offset.sequence(3)), readFrom.receiveMessage());
    }

    @Test
    void forgetsASubscriberThatStopsOrUnsubscribes() {
        TestProbe<Map<String, Offset>> readFrom = testKit.createTestProbe();
        TestProbe<Long> applied = testKit.createTestProbe();
        ActorRef<View.Command> view = testKit.spawn(View.create(applied.ref(), feeds(readFrom,
                List.of(Source.never()))));
        TestProbe<String> staying = testKit.createTestProbe();
        TestProbe<String> leaving = testKit.createTestProbe();
        TestProbe<Boolean> has = testKit.createTestProbe();

        view.tell(new View.Subscribe(staying.ref()));
        view.tell(new View.Subscribe(leaving.ref()));
        view.tell(new View.Publish("first"));
        assertEquals("first", staying.receiveMessage());
        assertEquals("first", leaving.receiveMessage());

        view.tell(new View.Unsubscribe(staying.ref()));
        view.tell(new View.HasSubscribers(has.ref()));
        assertTrue(has.receiveMessage());
        leaving.stop();
        has.awaitAssert(() -> {
            view.tell(new View.HasSubscribers(has.ref()));
            assertFalse(has.receiveMessage());
            return null;
        });
    }

    @Test
    void stopsItsFeedWhenTheViewStops() throws Exception {
        CompletableFuture<Boolean> feedStopped = new CompletableFuture<>();
        TestProbe<Map<String, Offset>> readFrom = testKit.createTestProbe();
        TestProbe<Long> applied = testKit.createTestProbe();
        Source<Tagged, NotUsed> endless = Source.<Tagged>never().watchTermination((notUsed, done) -> {
            done.whenComplete((ok, failed) -> feedStopped.complete(true));
            return notUsed;
        });
        ActorRef<View.Command> view = testKit.spawn(View.create(applied.ref(), feeds(readFrom, List.of(endless))));
        readFrom.receiveMessage();

        testKit.stop(view);
        assertTrue(feedStopped.get(10, TimeUnit.SECONDS));
    }
}
