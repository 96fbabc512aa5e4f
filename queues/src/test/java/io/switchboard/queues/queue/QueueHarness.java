package io.switchboard.queues.queue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.switchboard.actors.SwitchboardActors;
import io.switchboard.actors.flow.FlowRegistry;
import io.switchboard.actors.gateway.AriGateway;
import io.switchboard.queues.SwitchboardQueues;
import io.switchboard.queues.agent.AgentEntity;
import io.switchboard.queues.agent.AgentStatus;
import io.switchboard.queues.log.QueueLog;
import io.switchboard.queues.log.QueueLogEntry;
import io.switchboard.queues.persistence.JournalSchema;
import io.switchboard.queues.persistence.PersistenceConfig;
import io.switchboard.simulator.SimConfig;
import io.switchboard.simulator.SimulatedAsterisk;
import io.switchboard.simulator.clock.SimClock;
import io.switchboard.testkit.cluster.EntityLoss;
import io.switchboard.testkit.time.TestTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * A simulated Asterisk on a manual clock, and one Switchboard node with queues driving it (journal on H2). One
 * {@link TestTime} moves the simulated phones and the queues' and agents' timers together.
 */
final class QueueHarness implements AutoCloseable {
    static final String ASTERISK = "pbx1";

    private final SimulatedAsterisk sim;
    private final ActorTestKit testKit;
    private final TestTime time;

    private QueueHarness(SimulatedAsterisk sim, ActorTestKit testKit, TestTime time) {
        this.sim = sim;
        this.testKit = testKit;
        this.time = time;
    }

    /** {@code definitions}: HOCON of {@code switchboard.queues.definitions}; the journal is a fresh H2. */
    static QueueHarness start(String definitions) {
        SimulatedAsterisk sim = SimulatedAsterisk.start(SimConfig.defaults().withClock(SimClock.manual()));
        return start(sim, freshJournal(), TestTime.of(sim), definitions);
    }

    /** A journal of its own: an in-memory H2 database that no other test in the JVM shares. */
    static Config freshJournal() {
        return ConfigFactory.parseString("switchboard.persistence.url = \"jdbc:h2:mem:q"
                + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1\"");
    }

    /** A node driving {@code sim}, journaling to {@code persistence}, on {@code time} (the simulator's). */
    static QueueHarness start(SimulatedAsterisk sim, Config persistence, TestTime time, String definitions) {
        Config config = PersistenceConfig.withJournal(ConfigFactory.parseString(
                        "switchboard.queues.definitions {" + definitions + "}\n"
                        + "switchboard.asterisk.servers = [{ id = \"" + ASTERISK + "\", base-url = \"" + sim.ariUrl()
                        + "\", username = \"" + sim.user() + "\", password = \"" + sim.password()
                        + "\", apps = [\"callcenter\"], reconnect { min-backoff = 20ms, max-backoff = 200ms } }]\n"
                        + "switchboard.actors.command-timeout = 5s\n")
                .withFallback(persistence)
                .withFallback(ConfigFactory.parseResources("queues-test.conf"))
                .withFallback(ConfigFactory.load()).resolve());
        ActorTestKit testKit = ActorTestKit.create("queues-test", config);
        JournalSchema.ensure(testKit.system());
        Cluster cluster = Cluster.get(testKit.system());
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
        SwitchboardQueues queues = SwitchboardQueues.get(testKit.system()).start(time.timekeeper());
        SwitchboardActors.get(testKit.system()).start(queues.addFlows(new FlowRegistry(), "callcenter"),
                time.timekeeper());
        QueueHarness harness = new QueueHarness(sim, testKit, time);
        harness.awaitConnected();
        return harness;
    }

    SimulatedAsterisk sim() {
        return sim;
    }

    /** The one time of the simulated phones, the queues and the agents. */
    TestTime time() {
        return time;
    }

    /** Moves time: phones ring and answer, waits grow, queue ticks and agents' timers fire in due-time order. */
    void advance(Duration amount) {
        time.advance(amount);
    }

    ActorTestKit testKit() {
        return testKit;
    }

    SwitchboardQueues queues() {
        return SwitchboardQueues.get(testKit.system());
    }

    private void awaitConnected() {
        TestProbe<AriGateway.Status> probe = testKit.createTestProbe();
        probe.awaitAssert(Duration.ofSeconds(20), Duration.ofMillis(50), () -> {
            SwitchboardActors.get(testKit.system()).gateway(ASTERISK).tell(new AriGateway.GetStatus(probe.getRef()));
            if (!probe.receiveMessage(Duration.ofSeconds(2)).connected()) {
                throw new AssertionError("gateway not connected");
            }
            return null;
        });
    }

    void login(String agentId, Map<String, Integer> queuePenalties, Map<String, Integer> skills) {
        TestProbe<AgentEntity.StatusReply> probe = testKit.createTestProbe();
        queues().agent(agentId).tell(new AgentEntity.Login(ASTERISK, "PJSIP/" + agentId, queuePenalties, skills,
                probe.getRef()));
        probe.expectMessageClass(AgentEntity.StatusReply.Accepted.class, Duration.ofSeconds(10));
    }

    void logout(String agentId) {
        TestProbe<AgentEntity.StatusReply> probe = testKit.createTestProbe();
        queues().agent(agentId).tell(new AgentEntity.Logout(probe.getRef()));
        probe.expectMessageClass(AgentEntity.StatusReply.Accepted.class, Duration.ofSeconds(10));
    }

    AgentStatus agentStatus(String agentId) {
        TestProbe<AgentStatus> probe = testKit.createTestProbe();
        queues().agent(agentId).tell(new AgentEntity.GetStatus(probe.getRef()));
        return probe.receiveMessage(Duration.ofSeconds(5));
    }

    /**
     * A caller ("Caller <5551000>", talking once answered) into {@code Stasis(callcenter, queue, options...)},
     * e.g. {@code placeCaller("sales", "priority=3")}; answers the caller's channel id.
     */
    String placeCaller(String queue, String... options) {
        List<String> args = new ArrayList<>(List.of(queue));
        args.addAll(List.of(options));
        return sim.calls().inboundTo("callcenter", args, "talk", "Caller <5551000>").channelId();
    }

    /** The channel ids of the callers waiting in {@code queue}, first in line first. */
    List<String> waitingCallers(String queue) {
        return snapshot(queue).callers().stream().map(c -> c.callerId().substring(c.callerId().indexOf('/') + 1))
                .toList();
    }

    QueueEntity.QueueSnapshot snapshot(String queue) {
        TestProbe<QueueEntity.QueueSnapshot> probe = testKit.createTestProbe();
        queues().queue(queue).tell(new QueueEntity.GetSnapshot(probe.getRef()));
        return probe.receiveMessage(Duration.ofSeconds(5));
    }

    /** The queue log of {@code queue}'s callers as the journal holds it now, in journal order. */
    List<QueueLogEntry> queueLog(String queue) throws Exception {
        JdbcReadJournal journal = PersistenceQuery.get(testKit.system())
                .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
        QueueLog log = new QueueLog();
        List<QueueLogEntry> lines = new ArrayList<>();
        journal.currentEventsByTag(QueueEntity.TAG, Offset.noOffset())
                .runWith(Sink.seq(), testKit.system()).toCompletableFuture().get(10, TimeUnit.SECONDS)
                .forEach(envelope -> log.entriesFor(envelope).stream()
                        .filter(e -> e.queue().equals(queue) && e.callerId() != null).forEach(lines::add));
        return lines;
    }

    /** Waits (time standing still) until {@code done}, or fails after 20 s of real time. */
    void await(String what, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not reached: " + what);
            }
            Thread.sleep(20);
        }
    }

    /** Advances time in small steps until {@code done}, or fails after {@code max}. */
    void runUntil(String what, BooleanSupplier done, Duration step, Duration max) throws InterruptedException {
        time.advanceUntil(what, done, step, max);
    }

    /**
     * Stops one sharded entity on this node as if it were lost with its node: {@code typeName} "Queue" or
     * "Channel", {@code entityId} as sharding knows it. The actor is found under the sharding's path and stopped
     * from outside (no passivation, so sharding neither hands it its messages nor expects it back, and whatever it
     * held in memory is gone); its next message starts a fresh one (or, for a remembered queue, the shard does).
     */
    void loseEntity(String typeName, String entityId) throws Exception {
        EntityLoss.lose(testKit.system(), typeName, entityId);
    }

    /** Stops this node as a crash would not be gentler: the simulated Asterisk and its calls stay. */
    void stopNode() {
        try {
            Http.get(testKit.system()).shutdownAllConnectionPools().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // stopping anyway
        }
        ActorTestKit.shutdown(testKit.system(), Duration.ofSeconds(30), false);
    }

    @Override
    public void close() {
        try {
            Http.get(testKit.system()).shutdownAllConnectionPools().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // shutting down anyway
        }
        ActorTestKit.shutdown(testKit.system(), Duration.ofSeconds(30), false);
        sim.close();
    }
}
