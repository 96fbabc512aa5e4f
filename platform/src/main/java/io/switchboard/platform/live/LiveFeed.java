package io.switchboard.platform.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.actors.serialization.LocalOnly;
import io.switchboard.actors.gateway.EntityIds;
import io.switchboard.actors.time.Timekeeper;
import io.switchboard.conferencing.SwitchboardConferences;
import io.switchboard.conferencing.directory.RoomDirectory;
import io.switchboard.conferencing.room.RoomChange;
import io.switchboard.conferencing.room.RoomEntity;
import io.switchboard.actors.time.Timers;
import io.switchboard.queues.log.FiguresWindow;
import io.switchboard.queues.log.QueueFigures;
import io.switchboard.queues.log.QueueStatistics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.stream.javadsl.SourceQueueWithComplete;

/**
 * Bridges one live-feed socket: pushes a JSON text ({@link LiveMessages}) for every queue figure change (from
 * {@link QueueStatistics}, over the socket's window), every agent state change and every change of a queue's
 * waiting callers (from the node's {@link LiveBoard}). A window's figures also move with no call at all (calls
 * age out of a rolling window, a day starts): at each such turn of the window ({@link FiguresWindow#nextTurn}, by
 * the clock) it reads every queue's figures again and pushes those that differ from what it last pushed. It also
 * pushes every conference room as it is on connecting, and each room change as it happens followed by the room
 * as it is then. Stops when the socket's stream ends.
 */
public final class LiveFeed extends AbstractBehavior<LiveFeed.Command> {
    static final ObjectMapper JSON = new ObjectMapper();
    /** The window the figures subscription itself carries. */
    public static final String ALL_TIME = new FiguresWindow.AllTime().name();
    /**
     * The timer counts elapsed time while the turn is a time of the clock, which can be set: a long wait (for
     * midnight) is cut into waits of at most this, each measured again from the clock.
     */
    private static final Duration LONGEST_WAIT = Duration.ofHours(1);
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(5);

    public interface Command {
    }

    private record FiguresUpdate(QueueStatistics.FiguresChanged changed) implements Command, LocalOnly {
    }

    private record WindowUpdate(QueueStatistics.WindowReply reply) implements Command, LocalOnly {
    }

    private record BoardUpdate(LiveBoard.Change change) implements Command, LocalOnly {
    }

    private record SocketClosed() implements Command, LocalOnly {
    }

    private record RoomChanged(RoomChange change) implements Command, LocalOnly {
    }

    private record RoomsListed(List<String> roomEntityIds) implements Command, LocalOnly {
    }

    /** A room as it is now; null when it did not answer in time. */
    private record RoomSeen(RoomEntity.RoomView room) implements Command, LocalOnly {
    }

    private enum WindowTurned implements Command, LocalOnly { INSTANCE }

    private final SourceQueueWithComplete<String> socket;
    private final FiguresWindow window;
    private final Clock clock;
    private final Timers<Command> timers;
    private final ActorRef<QueueStatistics.Command> statistics;
    private final ActorRef<QueueStatistics.FiguresChanged> figuresAdapter;
    private final ActorRef<QueueStatistics.WindowReply> windowAdapter;
    private final ActorRef<LiveBoard.Command> board;
    private final ActorRef<LiveBoard.Change> boardAdapter;
    private final SwitchboardConferences conferences;
    private final ActorRef<RoomChange> roomAdapter;
    /** queue → the figures last pushed for it. */
    private final Map<String, QueueFigures> pushed = new HashMap<>();

    /**
     * A bridge writing to {@code socket} the figures over {@code window} (one of {@code windows}, which the
     * first message lists for the page's selector) read from {@code statistics}; {@code clock} dates the
     * messages for the page's timers and says when the window turns ({@code time}'s clock is the one {@code statistics} reads).
     */
    public static Behavior<Command> create(SourceQueueWithComplete<String> socket, ActorRef<LiveBoard.Command> board,
                                           ActorRef<QueueStatistics.Command> statistics, FiguresWindow window,
                                           List<String> windows, Timekeeper time) {
        return time.withTimers(timers -> Behaviors.setup(context -> {
            socket.offer(LiveMessages.windows(window.name(), windows));
            return new LiveFeed(context, timers, socket, board, statistics, window, time.clock());
        }));
    }

    private LiveFeed(ActorContext<Command> context, Timers<Command> timers,
                     SourceQueueWithComplete<String> socket, ActorRef<LiveBoard.Command> board,
                     ActorRef<QueueStatistics.Command> statistics, FiguresWindow window, Clock clock) {
        super(context);
        this.socket = socket;
        this.window = window;
        this.clock = clock;
        this.timers = timers;
        this.board = board;
        this.statistics = statistics;
        this.figuresAdapter = context.messageAdapter(QueueStatistics.FiguresChanged.class, FiguresUpdate::new);
        this.windowAdapter = context.messageAdapter(QueueStatistics.WindowReply.class, WindowUpdate::new);
        this.boardAdapter = context.messageAdapter(LiveBoard.Change.class, BoardUpdate::new);
        statistics.tell(new QueueStatistics.Subscribe(figuresAdapter));
        board.tell(new LiveBoard.Subscribe(boardAdapter));
        // a node runs rooms beside its queues; a feed on a node without them shows the queues alone
        SwitchboardConferences rooms = SwitchboardConferences.get(context.getSystem());
        this.conferences = rooms.started() ? rooms : null;
        this.roomAdapter = context.messageAdapter(RoomChange.class, RoomChanged::new);
        if (conferences != null) {
            conferences.changes().tell(Topic.subscribe(roomAdapter));
            context.ask(RoomDirectory.Rooms.class, conferences.directory(), ASK_TIMEOUT, RoomDirectory.GetRooms::new,
                    (listed, failure) -> new RoomsListed(listed == null ? List.of() : listed.entityIds()));
        }
        context.pipeToSelf(socket.watchCompletion(), (done, failure) -> new SocketClosed());
        awaitNextTurn();
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(FiguresUpdate.class, this::onFigures)
                .onMessage(WindowUpdate.class, this::onWindowFigures)
                .onMessageEquals(WindowTurned.INSTANCE, this::onWindowTurned)
                .onMessage(BoardUpdate.class, this::onBoard)
                .onMessage(RoomsListed.class, listed -> {
                    listed.roomEntityIds().forEach(this::askRoom);
                    return this;
                })
                .onMessage(RoomChanged.class, this::onRoomChanged)
                .onMessage(RoomSeen.class, seen -> {
                    if (seen.room() != null) {
                        push(LiveMessages.conference(seen.room(), clock.instant()));
                    }
                    return this;
                })
                .onMessage(SocketClosed.class, closed -> Behaviors.stopped())
                .onSignal(PostStop.class, stop -> {
                    statistics.tell(new QueueStatistics.Unsubscribe(figuresAdapter));
                    board.tell(new LiveBoard.Unsubscribe(boardAdapter));
                    if (conferences != null) {
                        conferences.changes().tell(Topic.unsubscribe(roomAdapter));
                    }
                    return this;
                })
                .build();
    }

    private Behavior<Command> onFigures(FiguresUpdate update) {
        if (window instanceof FiguresWindow.AllTime) {
            show(update.changed().queue(), update.changed().figures());
        } else {
            // the subscription carries all-time figures: the socket's window is asked for on each change
            askWindowFigures(update.changed().queue());
        }
        return this;
    }

    private Behavior<Command> onWindowFigures(WindowUpdate update) {
        if (update.reply() instanceof QueueStatistics.WindowFigures figures) {
            show(figures.queue(), figures.figures());
        } else if (update.reply() instanceof QueueStatistics.UnknownWindow unknown) {
            getContext().getLog().error("the queue statistics keep no window {} (only {}): no figures pushed",
                    unknown.window(), unknown.windows());
        }
        return this;
    }

    private Behavior<Command> onWindowTurned() {
        awaitNextTurn();
        pushed.keySet().forEach(this::askWindowFigures);
        return this;
    }

    private void awaitNextTurn() {
        Instant now = clock.instant();
        window.nextTurn(now).ifPresent(turn -> {
            Duration wait = Duration.between(now, turn);
            timers.startSingleTimer(WindowTurned.INSTANCE, wait.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : wait);
        });
    }

    private void askWindowFigures(String queue) {
        statistics.tell(new QueueStatistics.GetWindowFigures(queue, window.name(), windowAdapter));
    }

    private void show(String queue, QueueFigures figures) {
        if (!figures.equals(pushed.put(queue, figures))) {
            push(LiveMessages.queue(queue, window.name(), figures));
        }
    }

    private Behavior<Command> onBoard(BoardUpdate update) {
        if (update.change() instanceof LiveBoard.AgentShown agent) {
            push(LiveMessages.agent(agent, clock.instant()));
        } else if (update.change() instanceof LiveBoard.CallersWaiting callers) {
            push(LiveMessages.callers(callers, clock.instant()));
        }
        return this;
    }

    /** A room changed: the change as it happened, then the room as it is now (members, who talks, mute). */
    private Behavior<Command> onRoomChanged(RoomChanged changed) {
        RoomChange change = changed.change();
        push(LiveMessages.conferenceEvent(change, clock.instant()));
        askRoom(RoomEntity.entityId(change.asteriskId(), change.room()));
        return this;
    }

    private void askRoom(String roomEntityId) {
        getContext().ask(RoomEntity.RoomView.class,
                conferences.room(EntityIds.asteriskId(roomEntityId), EntityIds.ariId(roomEntityId)), ASK_TIMEOUT,
                RoomEntity.GetView::new, (room, failure) -> new RoomSeen(room));
    }

    private void push(String message) {
        socket.offer(message);
    }
}
