package io.switchboard.queues.agent;

import io.switchboard.actors.serialization.CborSerializable;
import io.switchboard.actors.serialization.LocalOnly;
import io.switchboard.actors.settings.ActorsSettings;
import io.switchboard.actors.time.Timers;
import io.switchboard.queues.agent.AgentEvent.CallAnswered;
import io.switchboard.queues.agent.AgentEvent.CallFinished;
import io.switchboard.queues.agent.AgentEvent.LoggedIn;
import io.switchboard.queues.agent.AgentEvent.LoggedOut;
import io.switchboard.queues.agent.AgentEvent.OfferUnanswered;
import io.switchboard.queues.agent.AgentEvent.PauseDeferred;
import io.switchboard.queues.agent.AgentEvent.Paused;
import io.switchboard.queues.agent.AgentEvent.QueuesSet;
import io.switchboard.queues.agent.AgentEvent.Released;
import io.switchboard.queues.agent.AgentEvent.Reserved;
import io.switchboard.queues.agent.AgentEvent.RingStarted;
import io.switchboard.queues.agent.AgentEvent.Unpaused;
import io.switchboard.queues.agent.AgentEvent.WrapUpEnded;
import io.switchboard.queues.persistence.JournalFailures;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * The single writer of one agent's state (entity id = agent id, e.g. {@code agent1}). Queues reserve an
 * agent for a caller, then report ringing, answer, no answer and the end of the call; the entity keeps the
 * lease and wrap-up deadlines in its journal and re-arms their timers after a restart.
 *
 * <p>Rules: a reservation is granted only to an AVAILABLE agent (ringinuse off). Call-progress commands
 * naming another caller than the one the agent is busy with are stale and ignored. A pause asked for while
 * reserved, ringing or on a call is accepted and applies when that caller is done with (the status then
 * shows the busy state with the pending {@code pauseReason}); a pause during wrap-up applies at once.
 */
public final class AgentEntity extends EventSourcedBehavior<AgentEntity.Command, AgentEvent, AgentData> {

    public static final EntityTypeKey<Command> TYPE_KEY = EntityTypeKey.create(Command.class, "Agent");

    public interface Command extends CborSerializable {
    }

    public record Login(String asteriskId, String endpoint, Map<String, Integer> queuePenalties,
                        Map<String, Integer> skills, ActorRef<StatusReply> replyTo) implements Command {
        public Login {
            queuePenalties = Map.copyOf(queuePenalties);
            skills = Map.copyOf(skills);
        }
    }

    public record Logout(ActorRef<StatusReply> replyTo) implements Command {
    }

    public record Pause(String reason, ActorRef<StatusReply> replyTo) implements Command {
    }

    public record Unpause(ActorRef<StatusReply> replyTo) implements Command {
    }

    public record SetQueues(Map<String, Integer> queuePenalties, ActorRef<StatusReply> replyTo) implements Command {
        public SetQueues {
            queuePenalties = Map.copyOf(queuePenalties);
        }
    }

    public record GetStatus(ActorRef<AgentStatus> replyTo) implements Command {
    }

    /**
     * Asterisk's device state of the agent's phone says it is busy with a call (or free again); while busy, an
     * available agent shows {@link AgentState#IN_USE} and is not reserved. Kept in memory only.
     */
    public record PhoneInUse(boolean inUse) implements Command {
    }

    /** Hold an AVAILABLE agent for one caller for {@code lease}; unused, it is available again after it. */
    public record Reserve(String queue, String callerId, Duration lease, ActorRef<ReserveReply> replyTo)
            implements Command {
    }

    /** The reservation (or the ringing offer) is withdrawn unused: back to available. */
    public record Release(String queue, String callerId) implements Command {
    }

    public record Ringing(String queue, String callerId) implements Command {
    }

    public record Answered(String queue, String callerId) implements Command {
    }

    /** {@code autopauseAfter}: pause after this many unanswered offers in a row (0 = never). */
    public record NotAnswered(String queue, String callerId, String reason, int autopauseAfter) implements Command {
    }

    /** The call is over: wrap-up for {@code wrapUp} (zero: available at once). */
    public record CallEnded(String queue, String callerId, Duration wrapUp) implements Command {
    }

    private record LeaseOver(Instant leaseUntil) implements Command, LocalOnly {
    }

    private record WrapUpOver(Instant until) implements Command, LocalOnly {
    }

    public sealed interface StatusReply extends CborSerializable {
        record Accepted(AgentStatus status) implements StatusReply {
        }

        record Rejected(String reason) implements StatusReply {
        }
    }

    public sealed interface ReserveReply extends CborSerializable {
        record Reserved(AgentStatus status) implements ReserveReply {
        }

        record NotAvailable(String reason) implements ReserveReply {
        }
    }

    private static final String LEASE_TIMER = "lease";
    private static final String WRAP_UP_TIMER = "wrap-up";

    private final String agentId;
    private final AgentSettings settings;
    private final AgentNotifier notifier;
    private final ActorContext<Command> context;
    private final Timers<Command> timers;
    /** The phone is busy with some call, as last reported; it matters only while the agent is available. */
    private boolean phoneInUse;

    /** Starts sharding of agents; entities are remembered so that leases and wrap-ups end after a restart. */
    public static void init(ActorSystem<?> system, AgentSettings settings, AgentNotifier notifier) {
        ActorsSettings actors = ActorsSettings.fromConfig(system.settings().config());
        ClusterShardingSettings sharding = ClusterShardingSettings.create(system).withRememberEntities(true)
                .withRememberEntitiesStoreMode(ClusterShardingSettings.rememberEntitiesStoreModeEventSourced());
        Entity<Command, ?> entity = Entity.of(TYPE_KEY, ctx -> create(ctx.getEntityId(), settings, notifier))
                .withSettings(sharding);
        if (actors.entityRole().isPresent()) {
            entity = entity.withRole(actors.entityRole().get());
        }
        ClusterSharding.get(system).init(entity);
    }

    public static Behavior<Command> create(String agentId, AgentSettings settings, AgentNotifier notifier) {
        return Behaviors.setup(context -> settings.timekeeper().withTimers(timers ->
                new AgentEntity(agentId, settings, notifier, context, timers)));
    }

    private AgentEntity(String agentId, AgentSettings settings, AgentNotifier notifier, ActorContext<Command> context,
                        Timers<Command> timers) {
        super(PersistenceId.of(TYPE_KEY.name(), agentId), JournalFailures.RESTART_WITH_BACKOFF);
        this.agentId = agentId;
        this.settings = settings;
        this.notifier = notifier;
        this.context = context;
        this.timers = timers;
    }

    @Override
    public AgentData emptyState() {
        return AgentData.loggedOut(agentId);
    }

    /** Every agent event carries this tag, so the queue log can follow pauses and wrap-ups. */
    public static final String TAG = "agent";

    @Override
    public Set<String> tagsFor(AgentEvent event) {
        return Set.of(TAG);
    }

    @Override
    public RetentionCriteria retentionCriteria() {
        return RetentionCriteria.snapshotEvery(settings.snapshotEvery(), 2);
    }

    @Override
    public CommandHandler<Command, AgentEvent, AgentData> commandHandler() {
        return newCommandHandlerBuilder().forAnyState()
                .onCommand(Login.class, this::onLogin)
                .onCommand(Logout.class, this::onLogout)
                .onCommand(Pause.class, this::onPause)
                .onCommand(Unpause.class, this::onUnpause)
                .onCommand(SetQueues.class, this::onSetQueues)
                .onCommand(GetStatus.class, (agent, get) -> Effect().reply(get.replyTo(), shown(agent)))
                .onCommand(PhoneInUse.class, this::onPhoneInUse)
                .onCommand(Reserve.class, this::onReserve)
                .onCommand(Release.class, this::onRelease)
                .onCommand(Ringing.class, this::onRinging)
                .onCommand(Answered.class, this::onAnswered)
                .onCommand(NotAnswered.class, this::onNotAnswered)
                .onCommand(CallEnded.class, this::onCallEnded)
                .onCommand(LeaseOver.class, this::onLeaseOver)
                .onCommand(WrapUpOver.class, this::onWrapUpOver)
                .build();
    }

    @Override
    public EventHandler<AgentData, AgentEvent> eventHandler() {
        return newEventHandlerBuilder().forAnyState().onAnyEvent(AgentData::apply);
    }

    @Override
    public SignalHandler<AgentData> signalHandler() {
        return newSignalHandlerBuilder().onSignal(RecoveryCompleted.instance(), this::onRecovered).build();
    }

    private void onRecovered(AgentData agent) {
        if (agent.state() == AgentState.RESERVED) {
            startTimer(LEASE_TIMER, new LeaseOver(agent.deadline()), agent.deadline());
        } else if (agent.state() == AgentState.WRAP_UP) {
            startTimer(WRAP_UP_TIMER, new WrapUpOver(agent.deadline()), agent.deadline());
        }
        if (agent.loggedIn()) {
            notifier.changed(shown(agent));
        }
    }

    private Effect<AgentEvent, AgentData> onLogin(AgentData agent, Login login) {
        if (agent.loggedIn()) {
            AgentStatus s = shown(agent);
            boolean same = Objects.equals(s.asteriskId(), login.asteriskId()) && Objects.equals(s.endpoint(), login.endpoint());
            return Effect().reply(login.replyTo(), same ? new StatusReply.Accepted(s)
                    : new StatusReply.Rejected("already logged in at " + s.endpoint() + ": log out first"));
        }
        return change(new LoggedIn(login.asteriskId(), login.endpoint(), login.queuePenalties(), login.skills(), now()),
                login.replyTo());
    }

    private Effect<AgentEvent, AgentData> onLogout(AgentData agent, Logout logout) {
        switch (agent.state()) {
            case LOGGED_OUT:
                return Effect().reply(logout.replyTo(), new StatusReply.Accepted(agent.status()));
            case RESERVED:
            case RINGING:
            case ON_CALL:
                return Effect().reply(logout.replyTo(), new StatusReply.Rejected("busy with caller "
                        + agent.status().busyWith() + " of " + agent.status().busyInQueue()));
            default:
                timers.cancel(WRAP_UP_TIMER);
                phoneInUse = false;
                return change(new LoggedOut(now()), logout.replyTo());
        }
    }

    private Effect<AgentEvent, AgentData> onPause(AgentData agent, Pause pause) {
        switch (agent.state()) {
            case LOGGED_OUT:
                return Effect().reply(pause.replyTo(), new StatusReply.Rejected("logged out"));
            case RESERVED:
            case RINGING:
            case ON_CALL:
                return change(new PauseDeferred(pause.reason(), now()), pause.replyTo());
            default:
                timers.cancel(WRAP_UP_TIMER);
                return change(new Paused(pause.reason(), now()), pause.replyTo());
        }
    }

    private Effect<AgentEvent, AgentData> onUnpause(AgentData agent, Unpause unpause) {
        if (!agent.loggedIn()) {
            return Effect().reply(unpause.replyTo(), new StatusReply.Rejected("logged out"));
        }
        if (agent.state() == AgentState.PAUSED || agent.deferredPause() != null) {
            return change(new Unpaused(now()), unpause.replyTo());
        }
        return Effect().reply(unpause.replyTo(), new StatusReply.Accepted(shown(agent)));
    }

    private Effect<AgentEvent, AgentData> onSetQueues(AgentData agent, SetQueues set) {
        if (!agent.loggedIn()) {
            return Effect().reply(set.replyTo(), new StatusReply.Rejected("logged out"));
        }
        return change(new QueuesSet(set.queuePenalties(), now()), set.replyTo());
    }

    private Effect<AgentEvent, AgentData> onReserve(AgentData agent, Reserve reserve) {
        if (agent.state() == AgentState.RESERVED && agent.busyWith(reserve.queue(), reserve.callerId())) {
            return Effect().reply(reserve.replyTo(), new ReserveReply.Reserved(agent.status()));
        }
        if (agent.state() != AgentState.AVAILABLE || phoneInUse) {
            return Effect().reply(reserve.replyTo(), new ReserveReply.NotAvailable(shown(agent).state().name()));
        }
        Instant leaseUntil = now().plus(reserve.lease());
        return Effect().persist(new Reserved(reserve.queue(), reserve.callerId(), leaseUntil, now()))
                .thenRun(reserved -> timers.startSingleTimer(LEASE_TIMER, new LeaseOver(leaseUntil), reserve.lease()))
                .thenRun(this::announce)
                .thenReply(reserve.replyTo(), reserved -> new ReserveReply.Reserved(reserved.status()));
    }

    private Effect<AgentEvent, AgentData> onPhoneInUse(AgentData agent, PhoneInUse phone) {
        if (phone.inUse() == phoneInUse) {
            return Effect().none();
        }
        phoneInUse = phone.inUse();
        if (agent.state() != AgentState.AVAILABLE) {
            // reserved, ringing or talking: the queue's own call shows in the device state too
            return Effect().none();
        }
        context.getLog().info("agent {}: phone {} {}", agentId, agent.status().endpoint(),
                phoneInUse ? "in use on a call no queue placed" : "free again");
        return Effect().none().thenRun(this::announce);
    }

    private Effect<AgentEvent, AgentData> onRelease(AgentData agent, Release release) {
        if (!isOffering(agent) || stale(agent, release.queue(), release.callerId(), release)) {
            return Effect().none();
        }
        timers.cancel(LEASE_TIMER);
        queueCallLeftPhone(agent);
        return change(new Released(now()));
    }

    private Effect<AgentEvent, AgentData> onRinging(AgentData agent, Ringing ringing) {
        if (agent.state() != AgentState.RESERVED || stale(agent, ringing.queue(), ringing.callerId(), ringing)) {
            return Effect().none();
        }
        timers.cancel(LEASE_TIMER);
        return change(new RingStarted(now()));
    }

    private Effect<AgentEvent, AgentData> onAnswered(AgentData agent, Answered answered) {
        if (!isOffering(agent) || stale(agent, answered.queue(), answered.callerId(), answered)) {
            return Effect().none();
        }
        timers.cancel(LEASE_TIMER);
        return change(new CallAnswered(now()));
    }

    private Effect<AgentEvent, AgentData> onNotAnswered(AgentData agent, NotAnswered notAnswered) {
        if (!isOffering(agent) || stale(agent, notAnswered.queue(), notAnswered.callerId(), notAnswered)) {
            return Effect().none();
        }
        timers.cancel(LEASE_TIMER);
        int limit = notAnswered.autopauseAfter();
        boolean autopause = limit > 0 && agent.unansweredInARow() + 1 >= limit;
        queueCallLeftPhone(agent);
        return change(new OfferUnanswered(notAnswered.reason(), autopause, now()));
    }

    private Effect<AgentEvent, AgentData> onCallEnded(AgentData agent, CallEnded ended) {
        if (stale(agent, ended.queue(), ended.callerId(), ended)) {
            return Effect().none();
        }
        queueCallLeftPhone(agent);
        if (isOffering(agent)) {
            // the caller left before the agent answered: the offer is simply over
            timers.cancel(LEASE_TIMER);
            return change(new Released(now()));
        }
        Instant now = now();
        Duration wrapUp = ended.wrapUp().isNegative() ? Duration.ZERO : ended.wrapUp();
        Instant until = now.plus(wrapUp);
        return Effect().persist(new CallFinished(until, now))
                .thenRun(after -> {
                    if (after.state() == AgentState.WRAP_UP) {
                        timers.startSingleTimer(WRAP_UP_TIMER, new WrapUpOver(until), wrapUp);
                    }
                })
                .thenRun(this::announce);
    }

    private Effect<AgentEvent, AgentData> onLeaseOver(AgentData agent, LeaseOver over) {
        if (agent.state() != AgentState.RESERVED || !over.leaseUntil().equals(agent.deadline())) {
            return Effect().none();
        }
        context.getLog().info("agent {}: lease for caller {} of {} ran out unused", agentId,
                agent.status().busyWith(), agent.status().busyInQueue());
        return change(new Released(now()));
    }

    private Effect<AgentEvent, AgentData> onWrapUpOver(AgentData agent, WrapUpOver over) {
        if (agent.state() != AgentState.WRAP_UP || !over.until().equals(agent.deadline())) {
            return Effect().none();
        }
        return change(new WrapUpEnded(now()));
    }

    private static boolean isOffering(AgentData agent) {
        return agent.state() == AgentState.RESERVED || agent.state() == AgentState.RINGING;
    }

    /** A message about a caller the agent is not busy with: a late or duplicate one, which must change nothing. */
    private boolean stale(AgentData agent, String queue, String callerId, Command command) {
        if (agent.busyWith(queue, callerId)) {
            return false;
        }
        context.getLog().info("agent {} ({}, busy with {} of {}) ignores {}", agentId, agent.state(),
                agent.status().busyWith(), agent.status().busyInQueue(), command);
        return true;
    }

    private Effect<AgentEvent, AgentData> change(AgentEvent event) {
        return Effect().persist(event).thenRun(this::announce);
    }

    /**
     * A call the queue rang the phone for is over, so the phone's busy state came from that call. Whatever the
     * phone does next (free, or still busy with another call) arrives as a device change after it; assuming it
     * free keeps the agent from showing IN_USE when the call ends before its device change arrives.
     */
    private void queueCallLeftPhone(AgentData agent) {
        if (agent.state() == AgentState.RINGING || agent.state() == AgentState.ON_CALL) {
            phoneInUse = false;
        }
    }

    private Effect<AgentEvent, AgentData> change(AgentEvent event, ActorRef<StatusReply> replyTo) {
        return Effect().persist(event).thenRun(this::announce)
                .thenReply(replyTo, after -> new StatusReply.Accepted(shown(after)));
    }

    private void announce(AgentData agent) {
        notifier.changed(shown(agent));
    }

    /** The status as queues and the API see it: an available agent whose phone is busy shows IN_USE. */
    private AgentStatus shown(AgentData agent) {
        AgentStatus s = agent.status();
        if (!phoneInUse || s.state() != AgentState.AVAILABLE) {
            return s;
        }
        return new AgentStatus(s.agentId(), AgentState.IN_USE, s.asteriskId(), s.endpoint(), s.queuePenalties(),
                s.skills(), s.callsTaken(), s.talkSeconds(), s.lastCallEnded(), null, null, null, null);
    }

    private void startTimer(String key, Command message, Instant deadline) {
        Duration left = Duration.between(now(), deadline);
        timers.startSingleTimer(key, message, left.isNegative() ? Duration.ZERO : left);
    }

    private Instant now() {
        return settings.timekeeper().now();
    }
}
