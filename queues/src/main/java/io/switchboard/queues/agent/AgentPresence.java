package io.switchboard.queues.agent;

import io.switchboard.actors.gateway.AriCommand;
import io.switchboard.actors.gateway.CommandResult;
import io.switchboard.actors.gateway.GatewayCommands;
import io.switchboard.actors.serialization.CborSerializable;
import io.switchboard.actors.serialization.LocalOnly;
import io.switchboard.ari.model.Endpoint;
import io.switchboard.ari.rest.EndpointsApi;
import io.switchboard.ari.rest.ResponseType;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Keeps agents' states honest with Asterisk: an available agent whose phone went offline is paused
 * ("unreachable") rather than offered calls that cannot ring, and unpaused when the phone is back. Runs as a
 * cluster singleton, told of every agent change, checking the logged-in agents' endpoints periodically.
 */
public final class AgentPresence {
    public static final String UNREACHABLE = "unreachable";

    public interface Command extends CborSerializable {
    }

    public record AgentChanged(AgentStatus status) implements Command {
    }

    private enum Check implements Command, LocalOnly { INSTANCE }

    private record EndpointAnswered(String agentId, CommandResult result) implements Command, LocalOnly {
    }

    public static Behavior<Command> create(Duration every) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers -> {
            timers.startTimerWithFixedDelay(Check.INSTANCE, every);
            return new AgentPresence(context).behavior();
        }));
    }

    private final ActorContext<Command> context;
    private final Map<String, AgentStatus> loggedIn = new HashMap<>();
    private final EndpointsApi endpoints = new EndpointsApi(null);

    private AgentPresence(ActorContext<Command> context) {
        this.context = context;
    }

    private Behavior<Command> behavior() {
        return Behaviors.receive(Command.class)
                .onMessage(AgentChanged.class, this::onAgentChanged)
                .onMessageEquals(Check.INSTANCE, this::onCheck)
                .onMessage(EndpointAnswered.class, this::onEndpointAnswered)
                .build();
    }

    private Behavior<Command> onAgentChanged(AgentChanged changed) {
        AgentStatus status = changed.status();
        if (status.state() == AgentState.LOGGED_OUT) {
            loggedIn.remove(status.agentId());
        } else {
            loggedIn.put(status.agentId(), status);
        }
        return Behaviors.same();
    }

    private Behavior<Command> onCheck() {
        for (AgentStatus agent : loggedIn.values()) {
            boolean watched = agent.state() == AgentState.AVAILABLE
                    || (agent.state() == AgentState.PAUSED && UNREACHABLE.equals(agent.pauseReason()));
            int slash = agent.endpoint().indexOf('/');
            if (watched && slash > 0) {
                AriCommand get = AriCommand.of(endpoints.get(agent.endpoint().substring(0, slash),
                        agent.endpoint().substring(slash + 1)));
                GatewayCommands.execute(context, agent.asteriskId(), get,
                        result -> new EndpointAnswered(agent.agentId(), result));
            }
        }
        return Behaviors.same();
    }

    private Behavior<Command> onEndpointAnswered(EndpointAnswered answered) {
        AgentStatus agent = loggedIn.get(answered.agentId());
        if (agent == null) {
            return Behaviors.same();
        }
        boolean reachable;
        if (answered.result() instanceof CommandResult.Succeeded ok) {
            reachable = !"offline".equals(ok.decode(ResponseType.of(Endpoint.class)).state());
        } else if (answered.result() instanceof CommandResult.Failed failed && failed.status() == 404) {
            reachable = false;
        } else {
            return Behaviors.same();
        }
        var entity = ClusterSharding.get(context.getSystem()).entityRefFor(AgentEntity.TYPE_KEY, agent.agentId());
        if (!reachable && agent.state() == AgentState.AVAILABLE) {
            context.getLog().info("agent {}: {} is offline, pausing ({})", agent.agentId(), agent.endpoint(),
                    UNREACHABLE);
            entity.tell(new AgentEntity.Pause(UNREACHABLE, context.getSystem().ignoreRef()));
        } else if (reachable && agent.state() == AgentState.PAUSED && UNREACHABLE.equals(agent.pauseReason())) {
            context.getLog().info("agent {}: {} is back online, unpausing", agent.agentId(), agent.endpoint());
            entity.tell(new AgentEntity.Unpause(context.getSystem().ignoreRef()));
        }
        return Behaviors.same();
    }
}
