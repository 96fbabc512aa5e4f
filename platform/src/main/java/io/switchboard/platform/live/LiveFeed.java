package io.switchboard.platform.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.actors.serialization.LocalOnly;
import io.switchboard.queues.SwitchboardQueues;
import io.switchboard.queues.agent.AgentEntity;
import io.switchboard.queues.agent.AgentStatus;
import io.switchboard.queues.log.QueueFigures;
import io.switchboard.queues.log.QueueStatistics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.stream.javadsl.SourceQueueWithComplete;

/**
 * Bridges one live-feed socket: pushes a JSON text for every queue figure change (from
 * {@link QueueStatistics}) and for every change of a known agent's state (polled every second).
 * Stops when the socket's stream ends.
 */
public final class LiveFeed extends AbstractBehavior<LiveFeed.Command> {
    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration AGENT_POLL = Duration.ofSeconds(1);

    public interface Command {
    }

    private record FiguresUpdate(String queue, QueueFigures figures) implements Command, LocalOnly {
    }

    private record AllFiguresUpdate(Map<String, QueueFigures> byQueue) implements Command, LocalOnly {
    }

    private record PollAgents() implements Command, LocalOnly {
    }

    private record AgentPolled(AgentStatus status) implements Command, LocalOnly {
    }

    private record SocketClosed() implements Command, LocalOnly {
    }

    private final SourceQueueWithComplete<String> socket;
    private final List<String> agentIds;
    private final ActorRef<QueueStatistics.Command> statistics;
    private final ActorRef<QueueStatistics.FiguresChanged> figuresAdapter;
    private final Map<String, String> lastAgentMessage = new HashMap<>();

    /** A bridge writing to {@code socket}, following the agents {@code agentIds}. */
    public static Behavior<Command> create(SourceQueueWithComplete<String> socket, List<String> agentIds) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(new PollAgents(), Duration.ZERO, AGENT_POLL);
            return new LiveFeed(context, socket, agentIds);
        }));
    }

    private LiveFeed(ActorContext<Command> context, SourceQueueWithComplete<String> socket, List<String> agentIds) {
        super(context);
        this.socket = socket;
        this.agentIds = List.copyOf(agentIds);
        this.statistics = SwitchboardQueues.get(context.getSystem()).statistics();
        this.figuresAdapter = context.messageAdapter(QueueStatistics.FiguresChanged.class,
                changed -> new FiguresUpdate(changed.queue(), changed.figures()));
        statistics.tell(new QueueStatistics.Subscribe(figuresAdapter));
        context.ask(QueueStatistics.AllFigures.class, statistics, Duration.ofSeconds(3),
                QueueStatistics.GetAllFigures::new,
                (all, failure) -> all == null ? new AllFiguresUpdate(Map.of()) : new AllFiguresUpdate(all.byQueue()));
        context.pipeToSelf(socket.watchCompletion(), (done, failure) -> new SocketClosed());
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(FiguresUpdate.class, this::onFigures)
                .onMessage(AllFiguresUpdate.class, this::onAllFigures)
                .onMessage(PollAgents.class, this::onPollAgents)
                .onMessage(AgentPolled.class, this::onAgentPolled)
                .onMessage(SocketClosed.class, closed -> Behaviors.stopped())
                .onSignal(PostStop.class, stop -> {
                    statistics.tell(new QueueStatistics.Unsubscribe(figuresAdapter));
                    return this;
                })
                .build();
    }

    private Behavior<Command> onFigures(FiguresUpdate update) {
        push(LiveMessages.queue(update.queue(), update.figures()));
        return this;
    }

    private Behavior<Command> onAllFigures(AllFiguresUpdate all) {
        all.byQueue().forEach((queue, figures) -> push(LiveMessages.queue(queue, figures)));
        return this;
    }

    private Behavior<Command> onPollAgents(PollAgents poll) {
        SwitchboardQueues queues = SwitchboardQueues.get(getContext().getSystem());
        for (String agentId : agentIds) {
            CompletionStage<AgentStatus> status = queues.agent(agentId).ask(AgentEntity.GetStatus::new, AGENT_POLL);
            getContext().pipeToSelf(status, (s, failure) -> new AgentPolled(s));
        }
        return this;
    }

    private Behavior<Command> onAgentPolled(AgentPolled polled) {
        if (polled.status() == null) {
            return this;
        }
        String message = LiveMessages.agent(polled.status());
        if (!message.equals(lastAgentMessage.put(polled.status().agentId(), message))) {
            push(message);
        }
        return this;
    }

    private void push(String message) {
        socket.offer(message);
    }
}
