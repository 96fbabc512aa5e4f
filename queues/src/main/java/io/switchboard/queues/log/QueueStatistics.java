package io.switchboard.queues.log;

import io.switchboard.actors.serialization.CborSerializable;
import io.switchboard.actors.serialization.LocalOnly;
import io.switchboard.queues.log.JournalFeed.Tagged;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Live figures of every queue ({@link QueueFigures}), computed from the queue log as the journal delivers it
 * ({@link QueueLog}: the journaled events are the log). It reads the journal from the start when it starts,
 * so the figures cover everything ever journaled, then follows new events (the read journal polls, every
 * {@code jdbc-read-journal.refresh-interval}).
 *
 * <p>One runs on every node, local to it: each node reads the same journal and so holds the same figures, a
 * wallboard asks the node it is connected to, and no node's loss takes the statistics away. (A cluster
 * singleton would save the other nodes' reading at the price of a hand-over and cross-node asks.)
 *
 * <p>If the journal cannot be read, it tries again with a back-off from where it stopped.
 */
public final class QueueStatistics extends AbstractBehavior<QueueStatistics.Command> {

    public interface Command extends CborSerializable {
    }

    /** Replies with the queue's figures now (all zero for a queue nothing was logged for). */
    public record GetFigures(String queue, ActorRef<QueueFigures> replyTo) implements Command {
    }

    public record GetAllFigures(ActorRef<AllFigures> replyTo) implements Command {
    }

    /**
     * Replies with the queue's figures over the window named {@code window} ({@link FiguresWindow#name}: all,
     * today or a configured rolling window), or with the names there are if it is none of them.
     */
    public record GetWindowFigures(String queue, String window, ActorRef<WindowReply> replyTo) implements Command {
    }

    public sealed interface WindowReply extends CborSerializable {
    }

    /** Replies with every queue's figures over every window ({@code all} included). */
    public record GetFiguresByWindow(ActorRef<FiguresByWindow> replyTo) implements Command {
    }

    /** window name → queue → figures. */
    public record FiguresByWindow(Map<String, Map<String, QueueFigures>> byWindow) implements CborSerializable {
    }

    public record WindowFigures(String queue, String window, QueueFigures figures) implements WindowReply {
    }

    public record UnknownWindow(String window, List<String> windows) implements WindowReply {
    }

    /**
     * The subscriber gets every queue's figures now, then a queue's figures each time its log moves them,
     * and every {@code figures-publish-every} for queues with callers waiting.
     */
    public record Subscribe(ActorRef<FiguresChanged> subscriber) implements Command {
    }

    public record Unsubscribe(ActorRef<FiguresChanged> subscriber) implements Command {
    }

    /** queue → figures, by queue name. */
    public record AllFigures(Map<String, QueueFigures> byQueue) implements CborSerializable {
    }

    public record FiguresChanged(String queue, QueueFigures figures) implements CborSerializable {
    }

    private record Followed(JournalFollower.Feed feed) implements Command, LocalOnly {
    }

    /** The figures' checkpoint ({@link CheckpointStore}): the queue log's reading and each queue's metrics. */
    public record Checkpoint(Map<String, Long> offsets, QueueLog.Memo log, Map<String, QueueMetrics.Memo> metrics)
            implements CborSerializable {
    }

    /** Its name in the checkpoint store. */
    public static final String VIEW_ID = "queue-statistics";

    private enum Publish implements Command, LocalOnly { INSTANCE }

    private static final JournalFollower.Recovery RECOVERY =
            new JournalFollower.Recovery("queue log feed", Duration.ofSeconds(1), Duration.ofSeconds(30));

    private final Clock clock;
    private final StatisticsSettings settings;
    private final QueueLog log = new QueueLog();
    private final Map<String, QueueMetrics> metrics = new HashMap<>();
    private final JournalFollower<Command, FiguresChanged> follower;

    /**
     * Reads the whole journal at each start: for tests and benches that want no checkpoint.
     *
     * @param clock what "now" is for waits in progress (the queues' clock)
     */
    public static Behavior<Command> create(Clock clock, StatisticsSettings settings) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers ->
                new QueueStatistics(context, timers, clock, settings, null, null)));
    }

    /** Starts from the checkpoint in {@code store}, if any, and keeps one there. */
    public static Behavior<Command> create(Clock clock, StatisticsSettings settings, CheckpointStore store,
                                           Checkpointing.Settings checkpoints) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers ->
                new QueueStatistics(context, timers, clock, settings, store, checkpoints)));
    }

    private QueueStatistics(ActorContext<Command> context, TimerScheduler<Command> timers, Clock clock,
                            StatisticsSettings settings, CheckpointStore store, Checkpointing.Settings checkpoints) {
        super(context);
        this.clock = clock;
        this.settings = settings;
        timers.startTimerWithFixedDelay(Publish.INSTANCE, settings.publishEvery());
        follower = store == null ? JournalFollower.start(context, timers, Followed::new, RECOVERY, this::apply)
                : JournalFollower.start(context, timers, Followed::new, RECOVERY, this::apply,
                new Checkpointing<>(VIEW_ID, store, checkpoints, this::checkpoint, this::restore));
    }

    private Checkpoint checkpoint(Map<String, Long> offsets) {
        Map<String, QueueMetrics.Memo> memos = new HashMap<>();
        metrics.forEach((queue, m) -> memos.put(queue, m.memo()));
        return new Checkpoint(offsets, log.memo(), memos);
    }

    private Map<String, Long> restore(Object stored) {
        Checkpoint checkpoint = (Checkpoint) stored;
        Map<String, QueueMetrics> restored = new HashMap<>();
        checkpoint.metrics().forEach((queue, memo) -> restored.put(queue, metricsOf(queue).restore(memo)));
        java.util.Objects.requireNonNull(checkpoint.offsets(), "offsets");
        log.restore(checkpoint.log());
        metrics.clear();
        metrics.putAll(restored);
        // whoever subscribed while the checkpoint was read has seen no figures yet
        if (follower.hasSubscribers()) {
            allFigures().forEach((queue, figures) -> follower.publish(new FiguresChanged(queue, figures)));
        }
        return checkpoint.offsets();
    }

    @Override
    public Receive<Command> createReceive() {
        return follower.addHandlers(newReceiveBuilder(), Followed.class, Followed::feed)
                .onMessage(GetFigures.class, get -> {
                    get.replyTo().tell(figuresOf(get.queue()));
                    return this;
                })
                .onMessage(GetAllFigures.class, get -> {
                    get.replyTo().tell(new AllFigures(allFigures()));
                    return this;
                })
                .onMessage(GetWindowFigures.class, this::onGetWindowFigures)
                .onMessage(GetFiguresByWindow.class, get -> {
                    get.replyTo().tell(figuresByWindow());
                    return this;
                })
                .onMessage(Subscribe.class, this::onSubscribe)
                .onMessage(Unsubscribe.class, unsubscribe -> follower.unsubscribe(unsubscribe.subscriber()))
                .onMessageEquals(Publish.INSTANCE, this::publishWaiting)
                .build();
    }

    private void apply(List<Tagged> events) {
        Set<String> moved = new HashSet<>();
        for (Tagged tagged : events) {
            for (QueueLogEntry entry : log.entriesFor(tagged.envelope())) {
                metrics.computeIfAbsent(entry.queue(), this::metricsOf).add(entry);
                moved.add(entry.queue());
            }
        }
        if (follower.hasSubscribers()) {
            moved.forEach(this::publish);
        }
    }

    private Behavior<Command> onSubscribe(Subscribe subscribe) {
        follower.subscribe(subscribe.subscriber());
        allFigures().forEach((queue, figures) -> subscribe.subscriber().tell(new FiguresChanged(queue, figures)));
        return this;
    }

    private Behavior<Command> publishWaiting() {
        if (follower.hasSubscribers()) {
            allFigures().forEach((queue, figures) -> {
                if (figures.callsWaiting() > 0) {
                    follower.publish(new FiguresChanged(queue, figures));
                }
            });
        }
        return this;
    }

    private void publish(String queue) {
        follower.publish(new FiguresChanged(queue, figuresOf(queue)));
    }

    private Behavior<Command> onGetWindowFigures(GetWindowFigures get) {
        get.replyTo().tell(settings.window(get.window())
                .<WindowReply>map(window -> new WindowFigures(get.queue(), window.name(),
                        knownOrEmpty(get.queue()).figures(window, clock.instant())))
                .orElseGet(() -> new UnknownWindow(get.window(), settings.windowNames())));
        return this;
    }

    private FiguresByWindow figuresByWindow() {
        Map<String, Map<String, QueueFigures>> byWindow = new TreeMap<>();
        for (FiguresWindow window : settings.windows()) {
            Map<String, QueueFigures> byQueue = new TreeMap<>();
            metrics.forEach((queue, m) -> byQueue.put(queue, m.figures(window, clock.instant())));
            byWindow.put(window.name(), byQueue);
        }
        return new FiguresByWindow(byWindow);
    }

    private QueueMetrics metricsOf(String queue) {
        return new QueueMetrics(settings.thresholdsOf(queue), settings.windows());
    }

    private QueueMetrics knownOrEmpty(String queue) {
        QueueMetrics known = metrics.get(queue);
        return known != null ? known : metricsOf(queue);
    }

    private QueueFigures figuresOf(String queue) {
        return knownOrEmpty(queue).figures(clock.instant());
    }

    private Map<String, QueueFigures> allFigures() {
        Map<String, QueueFigures> all = new TreeMap<>();
        metrics.forEach((queue, m) -> all.put(queue, m.figures(clock.instant())));
        return all;
    }
}
