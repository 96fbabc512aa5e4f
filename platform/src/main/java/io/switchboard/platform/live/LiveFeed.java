package io.switchboard.platform.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.actors.serialization.LocalOnly;
import io.switchboard.queues.SwitchboardQueues;
import io.switchboard.queues.log.FiguresWindow;
import io.switchboard.queues.log.QueueStatistics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.stream.javadsl.SourceQueueWithComplete;

/**
 * Bridges one live-feed socket: pushes a JSON text ({@link LiveMessages}) for every queue figure change (from
 * {@link QueueStatistics}, over the socket's window), every agent state change and every change of a queue's
 * waiting callers (from the node's {@link LiveBoard}). Stops when the socket's stream ends.
 */
public final class LiveFeed extends AbstractBehavior<LiveFeed.Command> {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ASK_TIMEOUT = Duration.ofSeconds(3);
    /** The window the figures subscription itself carries. */
    public static final String ALL_TIME = new FiguresWindow.AllTime().name();

    public interface Command {
    }

    private record FiguresUpdate(QueueStatistics.FiguresChanged changed) implements Command, LocalOnly {
    }

    private record WindowUpdate(QueueStatistics.WindowFigures figures) implements Command, LocalOnly {
    }

    private record BoardUpdate(LiveBoard.Change change) implements Command, LocalOnly {
    }

    private record SocketClosed() implements Command, LocalOnly {
    }

    private final SourceQueueWithComplete<String> socket;
    private final String window;
    private final Clock clock;
    private final ActorRef<QueueStatistics.Command> statistics;
    private final ActorRef<QueueStatistics.FiguresChanged> figuresAdapter;
    private final ActorRef<LiveBoard.Command> board;
    private final ActorRef<LiveBoard.Change> boardAdapter;

    /**
     * A bridge writing to {@code socket} the figures over {@code window} (one of {@code windows}, which the
     * first message lists for the page's selector); {@code clock} dates the messages for the page's timers.
     */
    public static Behavior<Command> create(SourceQueueWithComplete<String> socket, ActorRef<LiveBoard.Command> board,
                                           String window, List<String> windows, Clock clock) {
        return Behaviors.setup(context -> {
            socket.offer(LiveMessages.windows(window, windows));
            return new LiveFeed(context, socket, board, window, clock);
        });
    }

    private LiveFeed(ActorContext<Command> context, SourceQueueWithComplete<String> socket,
                     ActorRef<LiveBoard.Command> board, String window, Clock clock) {
        super(context);
        this.socket = socket;
        this.window = window;
        this.clock = clock;
        this.board = board;
        this.statistics = SwitchboardQueues.get(context.getSystem()).statistics();
        this.figuresAdapter = context.messageAdapter(QueueStatistics.FiguresChanged.class, FiguresUpdate::new);
        this.boardAdapter = context.messageAdapter(LiveBoard.Change.class, BoardUpdate::new);
        statistics.tell(new QueueStatistics.Subscribe(figuresAdapter));
        board.tell(new LiveBoard.Subscribe(boardAdapter));
        context.pipeToSelf(socket.watchCompletion(), (done, failure) -> new SocketClosed());
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(FiguresUpdate.class, this::onFigures)
                .onMessage(WindowUpdate.class, this::onWindowFigures)
                .onMessage(BoardUpdate.class, this::onBoard)
                .onMessage(SocketClosed.class, closed -> Behaviors.stopped())
                .onSignal(PostStop.class, stop -> {
                    statistics.tell(new QueueStatistics.Unsubscribe(figuresAdapter));
                    board.tell(new LiveBoard.Unsubscribe(boardAdapter));
                    return this;
                })
                .build();
    }

    private Behavior<Command> onFigures(FiguresUpdate update) {
        String queue = update.changed().queue();
        if (ALL_TIME.equals(window)) {
            push(LiveMessages.queue(queue, window, update.changed().figures()));
            return this;
        }
        // the subscription carries all-time figures: the socket's window is asked for on each change
        getContext().ask(QueueStatistics.WindowReply.class, statistics, ASK_TIMEOUT,
                replyTo -> new QueueStatistics.GetWindowFigures(queue, window, replyTo),
                (reply, failure) -> reply instanceof QueueStatistics.WindowFigures figures
                        ? new WindowUpdate(figures) : new FiguresUpdate(update.changed()));
        return this;
    }

    private Behavior<Command> onWindowFigures(WindowUpdate update) {
        push(LiveMessages.queue(update.figures().queue(), update.figures().window(), update.figures().figures()));
        return this;
    }

    private Behavior<Command> onBoard(BoardUpdate update) {
        if (update.change() instanceof LiveBoard.AgentShown agent) {
            push(LiveMessages.agent(agent, clock.instant()));
        } else if (update.change() instanceof LiveBoard.CallersWaiting callers) {
            push(LiveMessages.callers(callers, clock.instant()));
        }
        return this;
    }

    private void push(String message) {
        socket.offer(message);
    }
}
