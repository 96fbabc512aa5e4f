package io.switchboard.bench.queues;

import com.typesafe.config.Config;
import com.sun.management.GcInfo;
import com.typesafe.config.ConfigFactory;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.switchboard.actors.channel.ChannelEntity;
import io.switchboard.actors.time.Timekeeper;
import io.switchboard.queues.agent.AgentEntity;
import io.switchboard.queues.agent.AgentSettings;
import io.switchboard.queues.agent.AgentState;
import io.switchboard.queues.log.QueueStatistics;
import io.switchboard.queues.log.StatisticsSettings;
import io.switchboard.queues.persistence.JournalSchema;
import io.switchboard.queues.persistence.PersistenceConfig;
import io.switchboard.queues.queue.QueueConfig;
import io.switchboard.queues.queue.QueueEntity;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/**
 * Queue decisions on one node: real sharded, event-sourced queues and agents on an H2 file journal, with
 * channels stubbed (agents answer and bridges are made at once). {@code callers} wait across {@code queues}
 * (kept at that number: each connected caller is replaced by a new one), {@code agents} each serve two
 * queues. It reports heap per waiting caller (heap after GC with everybody waiting minus before any
 * caller, divided), then, with every agent working, decisions/s (callers bridged to an agent) and the time
 * from an agent becoming available (its entity announcing AVAILABLE) to the bridge command for its next caller.
 *
 * <p>Arguments: callers queues agents seconds talk-ms (defaults 10000 100 1000 20 0).
 */
public final class QueuesBench {
    private static final Duration ASK = Duration.ofSeconds(60);

    private QueuesBench() {
    }

    public static void main(String[] args) throws Exception {
        // as the node does: on two CPUs the common pool would otherwise start a thread for every ask's reply
        io.switchboard.actors.runtime.CommonPool.ensureParallel();
        int callers = arg(args, 0, 10_000);
        int queues = arg(args, 1, 100);
        int agents = arg(args, 2, 1_000);
        int seconds = arg(args, 3, 20);
        Duration talk = Duration.ofMillis(arg(args, 4, 0));
        Path dir = Files.createTempDirectory("queues-bench");
        // -Dbench.db=postgres: an embedded PostgreSQL (its own processes, on the same cores) instead of H2 in the JVM
        boolean postgres = "postgres".equals(System.getProperty("bench.db", "h2"));
        EmbeddedPostgres database = postgres ? EmbeddedJournal.start(null) : null;
        String journal = postgres
                ? EmbeddedJournal.settings(database)
                : "switchboard.persistence.url = \"jdbc:h2:file:" + dir.resolve("journal") + ";CACHE_SIZE=1024\"\n";
        System.out.println("journal: " + (postgres ? "embedded PostgreSQL" : "H2 file, 1 MiB page cache"));
        Config config = PersistenceConfig.withJournal(ConfigFactory.parseString(
                journal
                        + "pekko.actor.provider = cluster\n"
                        + "pekko.remote.artery.canonical { hostname = 127.0.0.1, port = 0 }\n"
                        + "pekko.loglevel = WARNING\n"
                        + "pekko.cluster.sharding.passivation.strategy = none\n")
                .withFallback(ConfigFactory.load()).resolve());
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "queues-bench", config);
        try {
            run(system, config, callers, queues, agents, seconds, talk);
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
            if (database != null) {
                database.close();
            }
        }
    }

    private static void run(ActorSystem<Void> system, Config config, int callers, int queues, int agents,
                            int seconds, Duration talk) throws Exception {
        JournalSchema.ensure(system);
        Cluster cluster = Cluster.get(system);
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
        while (cluster.selfMember().status() != MemberStatus.up()) {
            Thread.sleep(50);
        }
        DecisionTimes times = new DecisionTimes();
        ClusterSharding sharding = ClusterSharding.get(system);
        sharding.init(Entity.of(ChannelEntity.TYPE_KEY, ctx -> StubChannel.create(ctx.getEntityId(), times, talk)));
        Timekeeper timekeeper = Timekeeper.system(system);
        QueueEntity.init(system, QueueConfig::named, timekeeper, Duration.ofMillis(500), Duration.ofSeconds(30));
        AgentEntity.init(system, AgentSettings.fromConfig(config, timekeeper), status -> {
            if (status.state() == AgentState.AVAILABLE) {
                times.available(status.agentId());
            }
            status.queuePenalties().keySet().forEach(q -> sharding.entityRefFor(QueueEntity.TYPE_KEY, q)
                    .tell(new QueueEntity.AgentChanged(status)));
        });
        system.systemActorOf(QueueStatistics.create(timekeeper.clock(), StatisticsSettings.fromConfig(config)),
                "statistics", Props.empty());

        List<String> names = new ArrayList<>();
        for (int q = 0; q < queues; q++) {
            names.add("queue-" + q);
        }
        names.forEach(q -> snapshot(system, q));
        List<CompletableFuture<?>> logins = new ArrayList<>();
        for (int a = 0; a < agents; a++) {
            String agentId = "agent-" + a;
            Map<String, Integer> serves = Map.of(names.get(a % queues), 0, names.get((a + 1) % queues), 1);
            logins.add(QueuesBench.<AgentEntity.Command, AgentEntity.StatusReply>ask(system, agent(system, agentId),
                    r -> new AgentEntity.Login("pbx1", "PJSIP/" + agentId, serves, Map.of(), r))
                    .thenCompose(x -> QueuesBench.<AgentEntity.Command, AgentEntity.StatusReply>ask(system,
                            agent(system, agentId), r -> new AgentEntity.Pause("bench", r))));
        }
        CompletableFuture.allOf(logins.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
        long before = heapAfterGc();

        AtomicLong callerIds = new AtomicLong();
        List<ActorRef<QueueEntity.EnterResult>> refills = new ArrayList<>();
        for (String q : names) {
            refills.add(system.systemActorOf(refill(system, q, callerIds), "refill-" + q, Props.empty()));
        }
        long enterStart = System.nanoTime();
        for (int c = 0; c < callers; c++) {
            int q = c % queues;
            enter(system, names.get(q), callerIds, refills.get(q));
        }
        while (waiting(system, names) < callers) {
            Thread.sleep(200);
        }
        double enterSeconds = (System.nanoTime() - enterStart) / 1e9;
        long after = heapAfterGc();
        System.out.printf("%d callers entered in %.1f s (%.0f joins/s); heap after GC %.1f MiB -> %.1f MiB: "
                        + "%.0f bytes per waiting caller%n", callers, enterSeconds, callers / enterSeconds,
                before / 1048576.0, after / 1048576.0, (after - before) / (double) callers);

        // agents start spread over one talk time, so that calls end evenly rather than in waves
        long gapNanos = talk.toNanos() / agents;
        for (int a = 0; a < agents; a++) {
            agent(system, "agent-" + a).tell(new AgentEntity.Unpause(system.ignoreRef()));
            if (gapNanos > 0) {
                TimeUnit.NANOSECONDS.sleep(gapNanos);
            }
        }
        Thread.sleep(5_000);
        times.start();
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long[] sorted = times.stop();
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("%d decisions in %.1f s: %.0f decisions/s, agent available -> bridge command: "
                        + "p50 %.1f ms, p99 %.1f ms, max %.1f ms (talk %d ms, %d callers waiting at the end)%n",
                sorted.length, elapsed, sorted.length / elapsed, DecisionTimes.millisAt(sorted, 0.5),
                DecisionTimes.millisAt(sorted, 0.99), DecisionTimes.millisAt(sorted, 1.0), talk.toMillis(),
                waiting(system, names));
    }

    /** Sends each connected caller's replacement into the same queue, so the waiting count stays. */
    private static Behavior<QueueEntity.EnterResult> refill(ActorSystem<?> system, String queue,
                                                           AtomicLong callerIds) {
        return Behaviors.receive((context, result) -> {
            if (result instanceof QueueEntity.Connected) {
                enter(system, queue, callerIds, context.getSelf());
            }
            return Behaviors.same();
        });
    }

    private static void enter(ActorSystem<?> system, String queue, AtomicLong callerIds,
                              ActorRef<QueueEntity.EnterResult> replyTo) {
        ClusterSharding.get(system).entityRefFor(QueueEntity.TYPE_KEY, queue).tell(new QueueEntity.Enter("pbx1",
                "caller-" + callerIds.incrementAndGet(), 0, Map.of(), replyTo));
    }

    private static int waiting(ActorSystem<?> system, List<String> names) {
        return names.stream().mapToInt(q -> snapshot(system, q).callers().size()).sum();
    }

    private static QueueEntity.QueueSnapshot snapshot(ActorSystem<?> system, String queue) {
        return ask(system, ClusterSharding.get(system).entityRefFor(QueueEntity.TYPE_KEY, queue),
                QueueEntity.GetSnapshot::new).join();
    }

    private static EntityRef<AgentEntity.Command> agent(ActorSystem<?> system, String agentId) {
        return ClusterSharding.get(system).entityRefFor(AgentEntity.TYPE_KEY, agentId);
    }

    private static <C, R> CompletableFuture<R> ask(ActorSystem<?> system, EntityRef<C> ref,
                                                   org.apache.pekko.japi.function.Function<ActorRef<R>, C> message) {
        return AskPattern.ask(ref, message::apply, ASK, system.scheduler()).toCompletableFuture();
    }

    /**
     * The live heap: what the heap pools held right after a full collection, as that collection reports it. Reading
     * the used heap a moment after a collection instead counts whatever the node allocated meanwhile (queue ticks,
     * the journal), which is more with more callers waiting and inflated the per-caller figure.
     */
    private static long heapAfterGc() throws InterruptedException {
        Map<String, MemoryType> pools = new HashMap<>();
        ManagementFactory.getMemoryPoolMXBeans().forEach(pool -> pools.put(pool.getName(), pool.getType()));
        for (int attempt = 0; attempt < 3; attempt++) {
            Map<String, Long> counts = new HashMap<>();
            List<com.sun.management.GarbageCollectorMXBean> collectors =
                    ManagementFactory.getPlatformMXBeans(com.sun.management.GarbageCollectorMXBean.class);
            collectors.forEach(gc -> counts.put(gc.getName(), gc.getCollectionCount()));
            System.gc();
            GcInfo full = null;
            for (com.sun.management.GarbageCollectorMXBean gc : collectors) {
                GcInfo info = gc.getLastGcInfo();
                boolean ranNow = gc.getCollectionCount() > counts.get(gc.getName());
                if (ranNow && info != null && (full == null || info.getEndTime() > full.getEndTime())) {
                    full = info;
                }
            }
            if (full != null) {
                long used = 0;
                for (Map.Entry<String, MemoryUsage> pool : full.getMemoryUsageAfterGc().entrySet()) {
                    if (pools.get(pool.getKey()) == MemoryType.HEAP) {
                        used += pool.getValue().getUsed();
                    }
                }
                return used;
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException("System.gc() ran no collection (-XX:+DisableExplicitGC?): no heap reading");
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }
}
