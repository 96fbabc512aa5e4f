package io.switchboard.queues.log;

import io.switchboard.actors.serialization.LocalOnly;
import io.switchboard.queues.log.JournalFeed.Tagged;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.ReceiveBuilder;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.stream.AbruptStageTerminationException;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.typed.javadsl.ActorSink;

/**
 * Keeps an actor's read-side view current with the journal: the part every journal-following view shares
 * ({@link QueueStatistics}, the platform's live board). It follows {@link JournalFeed} and hands the actor the
 * events in batches, one at a time (the next batch comes once the actor has applied this one); when the feed
 * fails or ends it reads again from the offsets it had reached, after a back-off; when the node shuts down (its
 * materializer stops every stream) it stops without a word. It also keeps the view's subscribers, each until it
 * unsubscribes or stops.
 *
 * <p>The actor wraps this follower's messages in one command of its own ({@code wrap}) and lets the follower
 * handle that command ({@link #addHandlers}). It answers its queries from what it applied. A view given a
 * {@link Checkpointing} starts from its checkpoint and keeps one ({@link Checkpointer}).
 *
 * @param <C> the following actor's command type
 * @param <T> what the view tells its subscribers
 */
public final class JournalFollower<C, T> {

    /** A message from the feed to the actor following it, which wraps it in one of its own commands. */
    public interface Feed extends LocalOnly {
    }

    /**
     * What to do when the feed stops: warn that {@code feed} (what the view calls it) stopped and read again after
     * {@code first}, doubling the wait up to {@code longest} while it keeps stopping without delivering.
     */
    public record Recovery(String feed, Duration first, Duration longest) {
        public static Recovery every(String feed, Duration wait) {
            return new Recovery(feed, wait, wait);
        }

        Duration after(Duration last) {
            Duration doubled = last.multipliedBy(2);
            return doubled.compareTo(longest) > 0 ? longest : doubled;
        }
    }

    private enum Ack implements LocalOnly { INSTANCE }

    private record Started(ActorRef<Ack> ack) implements Feed {
    }

    private record Delivered(ActorRef<Ack> ack, List<Tagged> events) implements Feed {
    }

    /** The feed ended: {@code cause} null if it completed. */
    private record Stopped(Throwable cause) implements Feed {
    }

    private enum Restart implements Feed { INSTANCE }

    private record SubscriberGone(ActorRef<?> subscriber) implements Feed {
    }

    private final ActorContext<C> context;
    private final TimerScheduler<C> timers;
    private final Function<Feed, C> wrap;
    private final Recovery recovery;
    private final Consumer<List<Tagged>> apply;
    /** The events after the given offsets: {@link JournalFeed#follow} but in tests. */
    private final Function<Map<String, Offset>, Source<Tagged, NotUsed>> eventsAfter;
    private final Map<String, Offset> offsets = new HashMap<>();
    private final Set<ActorRef<T>> subscribers = new HashSet<>();
    private UniqueKillSwitch feed;
    private Duration nextRetry;
    /** Null for a view without a checkpoint. */
    private Checkpointer<C, ?> checkpointer;

    private JournalFollower(ActorContext<C> context, TimerScheduler<C> timers, Function<Feed, C> wrap,
                            Recovery recovery, Consumer<List<Tagged>> apply,
                            Function<Map<String, Offset>, Source<Tagged, NotUsed>> eventsAfter) {
        this.context = context;
        this.timers = timers;
        this.wrap = wrap;
        this.recovery = recovery;
        this.nextRetry = recovery.first();
        this.apply = apply;
        this.eventsAfter = eventsAfter;
    }

    /**
     * Starts following the journal from its start.
     *
     * @param wrap  wraps a message of the follower in the actor's command for it (see {@link #addHandlers})
     * @param apply applies a batch of events to the view (and tells whom it concerns), in the actor
     */
    public static <C, T> JournalFollower<C, T> start(ActorContext<C> context, TimerScheduler<C> timers,
                                                     Function<Feed, C> wrap, Recovery recovery,
                                                     Consumer<List<Tagged>> apply) {
        return start(context, timers, wrap, recovery, apply,
                offsets -> JournalFeed.follow(context.getSystem(), offsets));
    }

    static <C, T> JournalFollower<C, T> start(ActorContext<C> context, TimerScheduler<C> timers,
                                              Function<Feed, C> wrap, Recovery recovery,
                                              Consumer<List<Tagged>> apply,
                                              Function<Map<String, Offset>, Source<Tagged, NotUsed>> eventsAfter) {
        JournalFollower<C, T> follower = new JournalFollower<>(context, timers, wrap, recovery, apply, eventsAfter);
        follower.startFeed();
        return follower;
    }

    /**
     * Starts following the journal from the view's checkpoint (from the start if it has none), and keeps writing
     * one as it goes ({@link Checkpointing}).
     */
    public static <C, T, V> JournalFollower<C, T> start(ActorContext<C> context, TimerScheduler<C> timers,
                                                        Function<Feed, C> wrap, Recovery recovery,
                                                        Consumer<List<Tagged>> apply, Checkpointing<V> checkpointing) {
        return start(context, timers, wrap, recovery, apply, checkpointing,
                offsets -> JournalFeed.follow(context.getSystem(), offsets));
    }

    static <C, T, V> JournalFollower<C, T> start(ActorContext<C> context, TimerScheduler<C> timers,
                                                 Function<Feed, C> wrap, Recovery recovery,
                                                 Consumer<List<Tagged>> apply, Checkpointing<V> checkpointing,
                                                 Function<Map<String, Offset>, Source<Tagged, NotUsed>> eventsAfter) {
        JournalFollower<C, T> follower = new JournalFollower<>(context, timers, wrap, recovery, apply, eventsAfter);
        follower.checkpointer = new Checkpointer<>(context, timers, wrap, checkpointing);
        follower.checkpointer.load();
        return follower;
    }

    private void startFeed() {
        feed = eventsAfter.apply(offsets)
                .groupedWithin(500, Duration.ofMillis(20))
                .viaMat(KillSwitches.single(), Keep.right())
                .to(ActorSink.<List<Tagged>, C, Ack>actorRefWithBackpressure(context.getSelf(),
                        (ack, events) -> wrap.apply(new Delivered(ack, events)),
                        ack -> wrap.apply(new Started(ack)), Ack.INSTANCE, wrap.apply(new Stopped(null)),
                        cause -> wrap.apply(new Stopped(cause))))
                .run(context.getSystem());
    }

    /**
     * Adds to the actor's receive what this follower handles: its messages, wrapped in {@code wrapper}, and
     * stopping the feed when the actor stops.
     */
    public <W extends C> ReceiveBuilder<C> addHandlers(ReceiveBuilder<C> receive, Class<W> wrapper,
                                                       Function<W, Feed> unwrap) {
        return receive.onMessage(wrapper, wrapped -> onFeed(unwrap.apply(wrapped)))
                .onSignal(PostStop.class, stop -> {
                    if (feed != null) {
                        feed.shutdown();
                    }
                    return Behaviors.same();
                });
    }

    private Behavior<C> onFeed(Feed message) {
        if (message instanceof Started started) {
            started.ack().tell(Ack.INSTANCE);
        } else if (message instanceof Delivered delivered) {
            onDelivered(delivered);
        } else if (message instanceof Stopped stopped) {
            onStopped(stopped);
        } else if (message == Restart.INSTANCE) {
            startFeed();
        } else if (message instanceof SubscriberGone gone) {
            forget(gone.subscriber());
        } else if (message instanceof Checkpointer.Message checkpoint) {
            Map<String, Offset> from = checkpointer.on(checkpoint, offsets);
            if (from != null) {
                offsets.putAll(from);
                startFeed();
            }
        }
        return Behaviors.same();
    }

    private void onDelivered(Delivered delivered) {
        delivered.events().forEach(tagged -> offsets.put(tagged.tag(), tagged.envelope().offset()));
        apply.accept(delivered.events());
        if (checkpointer != null) {
            checkpointer.applied(delivered.events().size(), offsets);
        }
        nextRetry = recovery.first();
        delivered.ack().tell(Ack.INSTANCE);
    }

    private void onStopped(Stopped stopped) {
        if (stopped.cause() instanceof AbruptStageTerminationException) {
            // the node is shutting down: its materializer stops every stream
            return;
        }
        context.getLog().warn("{} stopped ({}); reading again from {} in {}", recovery.feed(),
                stopped.cause() == null ? "completed" : stopped.cause().toString(), offsets, nextRetry);
        timers.startSingleTimer(wrap.apply(Restart.INSTANCE), nextRetry);
        nextRetry = recovery.after(nextRetry);
    }

    /** Tells {@code subscriber} of every {@link #publish}ed change from now on (the actor tells it the view now). */
    public void subscribe(ActorRef<T> subscriber) {
        if (subscribers.add(subscriber)) {
            context.watchWith(subscriber, wrap.apply(new SubscriberGone(subscriber)));
        }
    }

    public Behavior<C> unsubscribe(ActorRef<T> subscriber) {
        forget(subscriber);
        return Behaviors.same();
    }

    private void forget(ActorRef<?> subscriber) {
        if (subscribers.remove(subscriber)) {
            context.unwatch(subscriber);
        }
    }

    public boolean hasSubscribers() {
        return !subscribers.isEmpty();
    }

    public void publish(T change) {
        subscribers.forEach(subscriber -> subscriber.tell(change));
    }
}
