package io.switchboard.queues.agent;

import io.switchboard.actors.SwitchboardActors;
import io.switchboard.actors.gateway.AriCommand;
import io.switchboard.actors.gateway.AriGateway;
import io.switchboard.actors.gateway.CommandResult;
import io.switchboard.actors.gateway.GatewayCommands;
import io.switchboard.actors.serialization.CborSerializable;
import io.switchboard.actors.serialization.LocalOnly;
import io.switchboard.actors.time.Timekeeper;
import io.switchboard.ari.model.DeviceState;
import io.switchboard.ari.model.Endpoint;
import io.switchboard.ari.rest.DeviceStatesApi;
import io.switchboard.ari.rest.EndpointsApi;
import io.switchboard.ari.rest.ResponseType;
import io.switchboard.queues.persistence.CheckpointTable;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/**
 * Keeps agents' states honest with Asterisk. An available agent whose phone went offline (endpoint offline, or
 * device UNAVAILABLE/INVALID) is paused ("unreachable") rather than offered calls that cannot ring, and unpaused
 * when the phone is back. An agent whose phone is busy with a call no queue placed is told so
 * ({@link AgentEntity.PhoneInUse}) and not offered calls until the phone is free again.
 *
 * <p>Runs as a cluster singleton, told of every agent change. It has the gateway follow each logged-in agent's
 * device (changes arrive at once) and checks endpoints and device states periodically, which also repairs what
 * an agent entity forgot in a restart: its phone's state is Asterisk's and is never journaled.
 *
 * <p>A new instance (the singleton moved to another node) first reads the logged-in agents from the journal
 * ({@link JournaledAgents}) and follows their phones as if they had just logged in: no agent has to change for
 * its phone to be watched again. An agent it is told of meanwhile is newer than the journal's reading, which
 * then leaves that agent alone. If the journal cannot be read, the next check tries again.
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

    private record DeviceChanged(AriGateway.DeviceStateSeen seen) implements Command, LocalOnly {
    }

    /** A periodic read of a device, made when {@code changesBefore} changes of it had been heard. */
    private record DeviceAnswered(String agentId, long changesBefore, CommandResult result)
            implements Command, LocalOnly {
    }

    /** The logged-in agents as the journal had them when read; {@code failure} non-null if it could not be read. */
    private record JournalRead(Map<String, AgentStatus> loggedIn, Throwable failure) implements Command, LocalOnly {
    }

    private enum Phone { FREE, BUSY, UNREACHABLE, UNKNOWN }

    private enum Rebuild { READING, FAILED, DONE }

    public static Behavior<Command> create(Timekeeper timekeeper, Duration every) {
        return Behaviors.setup(context -> timekeeper.withTimers(timers -> {
            timers.startTimerWithFixedDelay(Check.INSTANCE, every);
            AgentPresence presence = new AgentPresence(context);
            presence.readJournal();
            return presence.behavior();
        }));
    }

    private final ActorContext<Command> context;
    private final Map<String, AgentStatus> loggedIn = new HashMap<>();
    /** {@code <asteriskId>|<endpoint>} → agent id. */
    private final Map<String, String> agentOnPhone = new HashMap<>();
    /** Device changes heard per agent, so that a periodic read older than the last change is dropped. */
    private final Map<String, Long> changesHeard = new HashMap<>();
    private final ActorRef<AriGateway.DeviceStateSeen> deviceWatcher;
    private final EndpointsApi endpoints = new EndpointsApi(null);
    private final DeviceStatesApi deviceStates = new DeviceStatesApi(null);
    private Rebuild rebuild = Rebuild.READING;
    /** Agents told of since this instance started, until the journal's reading is applied. */
    private final Set<String> toldBeforeRebuild = new HashSet<>();

    private AgentPresence(ActorContext<Command> context) {
        this.context = context;
        this.deviceWatcher = context.messageAdapter(AriGateway.DeviceStateSeen.class, DeviceChanged::new);
    }

    private Behavior<Command> behavior() {
        return Behaviors.receive(Command.class)
                .onMessage(AgentChanged.class, this::onAgentChanged)
                .onMessage(JournalRead.class, this::onJournalRead)
                .onMessageEquals(Check.INSTANCE, this::onCheck)
                .onMessage(EndpointAnswered.class, this::onEndpointAnswered)
                .onMessage(DeviceChanged.class, this::onDeviceChanged)
                .onMessage(DeviceAnswered.class, this::onDeviceAnswered)
                .build();
    }

    private void readJournal() {
        rebuild = Rebuild.READING;
        context.pipeToSelf(JournaledAgents.loggedIn(context.getSystem(), CheckpointTable.of(
                context.getSystem())), JournalRead::new);
    }

    private Behavior<Command> onJournalRead(JournalRead read) {
        if (read.failure() != null) {
            rebuild = Rebuild.FAILED;
            context.getLog().warn("could not read the logged-in agents from the journal, trying again at the next "
                    + "check: {}", read.failure().toString());
            return Behaviors.same();
        }
        int followed = 0;
        for (AgentStatus agent : read.loggedIn().values()) {
            if (!toldBeforeRebuild.contains(agent.agentId())) {
                follow(agent);
                followed++;
            }
        }
        context.getLog().info("following {} logged-in agents read from the journal; {} told of meanwhile kept as told",
                followed, toldBeforeRebuild.size());
        rebuild = Rebuild.DONE;
        toldBeforeRebuild.clear();
        return Behaviors.same();
    }

    private Behavior<Command> onAgentChanged(AgentChanged changed) {
        if (rebuild != Rebuild.DONE) {
            toldBeforeRebuild.add(changed.status().agentId());
        }
        follow(changed.status());
        return Behaviors.same();
    }

    /** Follows the agent's phone while it is logged in, and stops following a phone it left. */
    private void follow(AgentStatus status) {
        AgentStatus before = loggedIn.get(status.agentId());
        boolean samePhone = before != null && phoneKey(before).equals(phoneKey(status));
        if (before != null && (!samePhone || status.state() == AgentState.LOGGED_OUT)) {
            agentOnPhone.remove(phoneKey(before));
            gateway(before).tell(new AriGateway.UnwatchDevice(before.endpoint()));
        }
        if (status.state() == AgentState.LOGGED_OUT) {
            loggedIn.remove(status.agentId());
            changesHeard.remove(status.agentId());
            return;
        }
        loggedIn.put(status.agentId(), status);
        if (!samePhone && status.endpoint() != null) {
            agentOnPhone.put(phoneKey(status), status.agentId());
            gateway(status).tell(new AriGateway.WatchDevice(status.endpoint(), deviceWatcher));
        }
    }

    private Behavior<Command> onCheck() {
        if (rebuild == Rebuild.FAILED) {
            readJournal();
        }
        for (AgentStatus agent : loggedIn.values()) {
            if (agent.endpoint() == null) {
                continue;
            }
            // a gateway that restarted has forgotten what it followed; for one that did not, this changes nothing
            gateway(agent).tell(new AriGateway.WatchDevice(agent.endpoint(), deviceWatcher));
            if (!watched(agent)) {
                continue;
            }
            int slash = agent.endpoint().indexOf('/');
            if (slash > 0) {
                AriCommand get = AriCommand.of(endpoints.get(agent.endpoint().substring(0, slash),
                        agent.endpoint().substring(slash + 1)));
                GatewayCommands.execute(context, agent.asteriskId(), get,
                        result -> new EndpointAnswered(agent.agentId(), result));
            }
            long heard = changesHeard.getOrDefault(agent.agentId(), 0L);
            GatewayCommands.execute(context, agent.asteriskId(), AriCommand.of(deviceStates.get(agent.endpoint())),
                    result -> new DeviceAnswered(agent.agentId(), heard, result));
        }
        return Behaviors.same();
    }

    /** Agents whose phone decides whether they can be offered calls now. */
    private static boolean watched(AgentStatus agent) {
        return agent.state() == AgentState.AVAILABLE || agent.state() == AgentState.IN_USE
                || (agent.state() == AgentState.PAUSED && UNREACHABLE.equals(agent.pauseReason()));
    }

    private Behavior<Command> onEndpointAnswered(EndpointAnswered answered) {
        AgentStatus agent = loggedIn.get(answered.agentId());
        if (agent == null) {
            return Behaviors.same();
        }
        if (answered.result() instanceof CommandResult.Succeeded ok) {
            boolean online = !"offline".equals(ok.decode(ResponseType.of(Endpoint.class)).state());
            reachable(agent, online, "offline");
        } else if (answered.result() instanceof CommandResult.Failed failed && failed.status() == 404) {
            reachable(agent, false, "unknown to Asterisk");
        }
        return Behaviors.same();
    }

    private Behavior<Command> onDeviceChanged(DeviceChanged changed) {
        AriGateway.DeviceStateSeen seen = changed.seen();
        String agentId = agentOnPhone.get(seen.asteriskId() + "|" + seen.device());
        AgentStatus agent = agentId == null ? null : loggedIn.get(agentId);
        if (agent != null) {
            changesHeard.merge(agentId, 1L, Long::sum);
            phoneIs(agent, seen.state());
        }
        return Behaviors.same();
    }

    private Behavior<Command> onDeviceAnswered(DeviceAnswered answered) {
        AgentStatus agent = loggedIn.get(answered.agentId());
        if (agent == null || changesHeard.getOrDefault(answered.agentId(), 0L) != answered.changesBefore()) {
            return Behaviors.same();
        }
        if (answered.result() instanceof CommandResult.Succeeded ok) {
            phoneIs(agent, ok.decode(ResponseType.of(DeviceState.class)).state());
        }
        return Behaviors.same();
    }

    private void phoneIs(AgentStatus agent, String deviceState) {
        Phone phone = phoneOf(deviceState);
        if (phone == Phone.UNKNOWN) {
            return;
        }
        if (phone == Phone.UNREACHABLE) {
            reachable(agent, false, "device " + deviceState);
            return;
        }
        reachable(agent, true, null);
        entity(agent).tell(new AgentEntity.PhoneInUse(phone == Phone.BUSY));
    }

    private void reachable(AgentStatus agent, boolean reachable, String why) {
        boolean offerable = agent.state() == AgentState.AVAILABLE || agent.state() == AgentState.IN_USE;
        if (!reachable && offerable) {
            context.getLog().info("agent {}: {} is {}, pausing ({})", agent.agentId(), agent.endpoint(), why,
                    UNREACHABLE);
            entity(agent).tell(new AgentEntity.Pause(UNREACHABLE, context.getSystem().ignoreRef()));
        } else if (reachable && agent.state() == AgentState.PAUSED && UNREACHABLE.equals(agent.pauseReason())) {
            context.getLog().info("agent {}: {} is back online, unpausing", agent.agentId(), agent.endpoint());
            entity(agent).tell(new AgentEntity.Unpause(context.getSystem().ignoreRef()));
        }
    }

    /** Asterisk's device states; ringinuse is off, so a ringing phone counts as busy too. */
    private static Phone phoneOf(String deviceState) {
        return switch (deviceState) {
            case "NOT_INUSE" -> Phone.FREE;
            case "INUSE", "BUSY", "RINGING", "RINGINUSE", "ONHOLD" -> Phone.BUSY;
            case "UNAVAILABLE", "INVALID" -> Phone.UNREACHABLE;
            default -> Phone.UNKNOWN;
        };
    }

    private static String phoneKey(AgentStatus agent) {
        return agent.asteriskId() + "|" + agent.endpoint();
    }

    private ActorRef<AriGateway.Command> gateway(AgentStatus agent) {
        return SwitchboardActors.get(context.getSystem()).gateway(agent.asteriskId());
    }

    private org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef<AgentEntity.Command> entity(AgentStatus agent) {
        return ClusterSharding.get(context.getSystem()).entityRefFor(AgentEntity.TYPE_KEY, agent.agentId());
    }
}
