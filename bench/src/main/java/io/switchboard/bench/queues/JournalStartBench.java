package io.switchboard.bench.queues;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.switchboard.actors.time.Timekeeper;
import io.switchboard.queues.SwitchboardQueues;
import io.switchboard.queues.agent.AgentData;
import io.switchboard.queues.agent.AgentEvent;
import io.switchboard.queues.agent.AgentState;
import io.switchboard.queues.log.QueueFigures;
import io.switchboard.queues.log.QueueLog;
import io.switchboard.queues.log.QueueLogEntry;
import io.switchboard.queues.log.QueueMetrics;
import io.switchboard.queues.log.QueueStatistics;
import io.switchboard.queues.log.StatisticsSettings;
import io.switchboard.queues.persistence.CheckpointTable;
import io.switchboard.queues.persistence.JournalSchema;
import io.switchboard.queues.persistence.PersistenceConfig;
import io.switchboard.queues.persistence.PersistenceSettings;
import io.switchboard.queues.queue.QueueEntity;
import io.switchboard.queues.queue.QueueState;
import io.switchboard.queues.queue.WaitingCaller;
import io.switchboard.queues.settings.QueuesSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;

/**
 * How long a node takes to serve with a big journal behind it (issue 13). {@code generate} writes a year of
 * traffic into an H2 file journal: {@code queues} queues served by {@code agents} agents, a call every few minutes,
 * each call journaled as the entities journal it (CallerJoined, CallerConnected, ConversationEnded for the queue;
 * Reserved, RingStarted, CallAnswered, CallFinished, WrapUpEnded for the agent) until {@code events} events, with
 * each entity's snapshot at its last event as the entities keep them (every 200 events). {@code start} then starts
 * the queues of a node on that journal, in this JVM, and reports when every queue answers and when the queue
 * figures are right (every queue offered and answered all its calls). The queue figures' checkpoint is written too,
 * {@value #BEHIND_CHECKPOINT} events before the end, folded as the figures fold the journal; {@code start <dir>
 * fresh} deletes it first, to measure a start that reads the whole journal. Agent presence, which follows the agents'
 * phones on an Asterisk, is not started (there is no Asterisk here). {@code -Dbench.db=postgres} at {@code generate}
 * puts the journal in an embedded PostgreSQL whose data folder is in {@code <dir>}; {@code start} then starts that
 * database first.
 *
 * <p>Arguments: {@code generate <dir> [events] [queues] [agents]} (defaults 1000000 10 20), {@code start <dir> [fresh]}.
 */
public final class JournalStartBench {
    private static final Instant YEAR_START = Instant.parse("2025-01-01T00:00:00Z");
    private static final Duration TALK = Duration.ofSeconds(60);
    private static final Duration WRAP_UP = Duration.ofSeconds(5);
    /**
     * The queue figures' checkpoint is written this many events before the journal's end, as a node that ran
     * through the year would have left it (it writes one every 1,000 events or 10 s): the start reads these.
     */
    private static final int BEHIND_CHECKPOINT = 5_000;

    private JournalStartBench() {
    }

    public static void main(String[] args) throws Exception {
        // as the node does: on two CPUs the common pool would otherwise start a thread for every ask's reply
        io.switchboard.actors.runtime.CommonPool.ensureParallel();
        if (args.length < 2) {
            throw new IllegalArgumentException("usage: generate <dir> [events] [queues] [agents] | start <dir> [fresh]");
        }
        Path dir = Path.of(args[1]).toAbsolutePath();
        if (args[0].equals("generate")) {
            generate(dir, arg(args, 2, 1_000_000), arg(args, 3, 10), arg(args, 4, 20));
        } else {
            start(dir, args.length > 2 && args[2].equals("fresh"));
        }
    }

    private static Config config(Path dir, int queues, Journal journal) {
        StringBuilder definitions = new StringBuilder();
        for (int q = 0; q < queues; q++) {
            definitions.append("q").append(q).append(" { wrap-up = 5s }\n");
        }
        // -Dbench.config="..." overrides anything, the journal's settings included
        return ConfigFactory.parseString(System.getProperty("bench.config", "")).withFallback(
                PersistenceConfig.withJournal(ConfigFactory.parseString(
                journal.settings()
                        + "switchboard.queues.definitions {\n" + definitions + "}\n"
                        + "switchboard.agents.presence-check = 0s\n"
                        + "pekko.actor.provider = cluster\n"
                        + "pekko.remote.artery.canonical { hostname = 127.0.0.1, port = 0 }\n"
                        + "pekko.loglevel = INFO\n")
                .withFallback(ConfigFactory.load()).resolve())).resolve();
    }

    /**
     * Where the journal is: an H2 file in the bench's folder, or (generated with {@code -Dbench.db=postgres}) an
     * embedded PostgreSQL whose data folder is in the bench's folder, started on it for the run.
     */
    private record Journal(EmbeddedPostgres postgres, String settings) implements AutoCloseable {
        static Journal in(Path dir, boolean postgres) throws Exception {
            if (!postgres) {
                return new Journal(null, "switchboard.persistence.url = \"jdbc:h2:file:" + dir.resolve("journal")
                        + "\"\n");
            }
            EmbeddedPostgres database = EmbeddedJournal.start(dir.resolve("pg"));
            return new Journal(database, EmbeddedJournal.settings(database));
        }

        boolean isPostgres() {
            return postgres != null;
        }

        @Override
        public void close() throws Exception {
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    // ---- generate ----

    private static void generate(Path dir, int events, int queues, int agents) throws Exception {
        boolean postgres = "postgres".equals(System.getProperty("bench.db", "h2"));
        try (Journal journal = Journal.in(dir, postgres)) {
            generate(dir, events, queues, agents, journal);
        }
    }

    private static void generate(Path dir, int events, int queues, int agents, Journal journal) throws Exception {
        Config config = config(dir, queues, journal);
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "journal-generator", config);
        long began = System.nanoTime();
        PersistenceSettings journalDb = PersistenceSettings.fromConfig(config);
        JournalSchema.ensure(journalDb);
        try (Connection db = DriverManager.getConnection(journalDb.url(), journalDb.user(), journalDb.password())) {
            db.setAutoCommit(false);
            Writer writer = new Writer(db, SerializationExtension.get(system.classicSystem()),
                    StatisticsSettings.fromConfig(config), events - BEHIND_CHECKPOINT, journal.isPostgres());
            Map<String, Integer> everyQueue = new LinkedHashMap<>();
            for (int q = 0; q < queues; q++) {
                everyQueue.put("q" + q, 0);
            }
            Map<String, AgentData> agentData = new HashMap<>();
            for (int a = 0; a < agents; a++) {
                String agent = "agent" + a;
                AgentEvent.LoggedIn in = new AgentEvent.LoggedIn("pbx1", "PJSIP/" + agent, everyQueue, Map.of(),
                        YEAR_START);
                writer.agent(agent, in);
                agentData.put(agent, AgentData.loggedOut(agent).apply(in));
                for (String queue : everyQueue.keySet()) {
                    writer.queue(queue, new QueueEntity.MemberAdded(agent, YEAR_START));
                }
            }
            int calls = (events - writer.written) / 8;
            Duration gap = Duration.ofDays(365).dividedBy(calls);
            Map<String, Long> joined = new HashMap<>();
            for (int i = 0; i < calls; i++) {
                String queue = "q" + (i % queues);
                String agent = "agent" + (i % agents);
                String channel = "c-" + i;
                String callerId = "pbx1/" + channel;
                Instant t = YEAR_START.plusSeconds(60).plus(gap.multipliedBy(i));
                long sequence = joined.merge(queue, 1L, Long::sum);
                writer.queue(queue, new QueueEntity.CallerJoined(new WaitingCaller(callerId, "pbx1", channel, 0,
                        Map.of(), t, sequence, null)));
                List<AgentEvent> agentEvents = List.of(
                        new AgentEvent.Reserved(queue, callerId, t.plusSeconds(25), t),
                        new AgentEvent.RingStarted(t),
                        new AgentEvent.CallAnswered(t.plusSeconds(5)),
                        new AgentEvent.CallFinished(t.plusSeconds(5).plus(TALK).plus(WRAP_UP), t.plusSeconds(5).plus(TALK)),
                        new AgentEvent.WrapUpEnded(t.plusSeconds(5).plus(TALK).plus(WRAP_UP)));
                for (AgentEvent event : agentEvents) {
                    writer.agent(agent, event);
                    agentData.put(agent, agentData.get(agent).apply(event));
                }
                writer.queue(queue, new QueueEntity.CallerConnected(callerId, agent, 5, t.plusSeconds(5), callerId,
                        "a-" + i, "b-" + i));
                writer.queue(queue, new QueueEntity.ConversationEnded(callerId, agent, TALK.toSeconds(), "CALLER",
                        t.plusSeconds(5).plus(TALK)));
                writer.flushIfDue();
            }
            writer.flush();
            for (String queue : everyQueue.keySet()) {
                QueueState state = new QueueState(QueuesSettings.fromConfig(config).configOf(queue));
                state.memberOrder.addAll(agentData.keySet().stream().sorted().toList());
                state.joined = joined.getOrDefault(queue, 0L);
                state.ahtSeconds = TALK.plus(WRAP_UP).toSeconds();
                writer.snapshot("Queue|" + queue, state);
            }
            agentData.forEach((agent, data) -> {
                if (data.state() != AgentState.AVAILABLE) {
                    throw new IllegalStateException(agent + " ends the year " + data.state());
                }
                writer.snapshot("Agent|" + agent, data);
            });
            writer.finish();
            CheckpointTable.of(system).save(QueueStatistics.VIEW_ID, 1, writer.checkpoint).toCompletableFuture()
                    .get(60, TimeUnit.SECONDS);
            Files.writeString(dir.resolve("bench.conf"), "queues = " + queues + "\ncalls-per-queue = "
                    + (calls / queues) + "\npostgres = " + journal.isPostgres() + "\n");
            System.out.printf("generated %,d events (%,d calls over a year, %d queues, %d agents) and %d snapshots "
                            + "in %s in %.1f s%n", writer.written, calls, queues, agents, queues + agents, dir,
                    (System.nanoTime() - began) / 1e9);
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    /** Writes rows as pekko-persistence-jdbc does, in batches. */
    private static final class Writer {
        private final Connection db;
        private final Serialization serialization;
        private final PreparedStatement journal;
        private final PreparedStatement tags;
        private final PreparedStatement snapshots;
        private final Map<String, Long> sequenceNrs = new HashMap<>();
        int written;
        private int batched;
        /** The queue figures folded as QueueStatistics folds them, up to {@code checkpointAt}. */
        private final QueueLog log = new QueueLog();
        private final Map<String, QueueMetrics> metrics = new HashMap<>();
        private final Map<String, Long> offsets = new HashMap<>();
        private final StatisticsSettings statistics;
        private final long checkpointAt;
        QueueStatistics.Checkpoint checkpoint;
        private final boolean postgres;

        Writer(Connection db, Serialization serialization, StatisticsSettings statistics, long checkpointAt,
               boolean postgres) throws Exception {
            this.db = db;
            this.postgres = postgres;
            this.serialization = serialization;
            this.statistics = statistics;
            this.checkpointAt = checkpointAt;
            journal = db.prepareStatement("INSERT INTO \"event_journal\" (\"ordering\", \"deleted\", \"persistence_id\", "
                    + "\"sequence_number\", \"writer\", \"write_timestamp\", \"adapter_manifest\", \"event_payload\", "
                    + "\"event_ser_id\", \"event_ser_manifest\") VALUES (?, FALSE, ?, ?, 'bench', ?, '', ?, ?, ?)");
            tags = db.prepareStatement("INSERT INTO \"event_tag\" (\"event_id\", \"tag\") VALUES (?, ?)");
            snapshots = db.prepareStatement("INSERT INTO \"snapshot\" (\"persistence_id\", \"sequence_number\", "
                    + "\"created\", \"snapshot_ser_id\", \"snapshot_ser_manifest\", \"snapshot_payload\") "
                    + "VALUES (?, ?, ?, ?, ?, ?)");
        }

        void queue(String queue, QueueEntity.Event event) throws Exception {
            write("Queue|" + queue, QueueEntity.TAG, event, timeOf(event));
        }

        void agent(String agent, AgentEvent event) throws Exception {
            write("Agent|" + agent, io.switchboard.queues.agent.AgentEntity.TAG, event, event.at());
        }

        private static Instant timeOf(QueueEntity.Event event) {
            if (event instanceof QueueEntity.CallerJoined joined) {
                return joined.caller().joinedAt();
            }
            if (event instanceof QueueEntity.CallerConnected connected) {
                return connected.at();
            }
            if (event instanceof QueueEntity.ConversationEnded ended) {
                return ended.at();
            }
            return YEAR_START;
        }

        private void write(String persistenceId, String tag, Object event, Instant at) throws Exception {
            long ordering = ++written;
            Serializer serializer = serialization.findSerializerFor(event);
            journal.setLong(1, ordering);
            journal.setString(2, persistenceId);
            journal.setLong(3, sequenceNrs.merge(persistenceId, 1L, Long::sum));
            journal.setLong(4, at.toEpochMilli());
            journal.setBytes(5, serialization.serialize(event).get());
            journal.setInt(6, serializer.identifier());
            journal.setString(7, Serializers.manifestFor(serializer, event));
            journal.addBatch();
            tags.setLong(1, ordering);
            tags.setString(2, tag);
            tags.addBatch();
            batched++;
            if (ordering <= checkpointAt) {
                for (QueueLogEntry entry : log.entriesFor(persistenceId, event, at)) {
                    metrics.computeIfAbsent(entry.queue(), q -> new QueueMetrics(statistics.thresholdsOf(q),
                            statistics.windows())).add(entry);
                }
                offsets.put(tag, ordering);
                if (ordering == checkpointAt) {
                    Map<String, QueueMetrics.Memo> memos = new HashMap<>();
                    metrics.forEach((queue, m) -> memos.put(queue, m.memo()));
                    checkpoint = new QueueStatistics.Checkpoint(Map.copyOf(offsets), log.memo(), memos);
                }
            }
        }

        void flushIfDue() throws Exception {
            if (batched >= 5_000) {
                flush();
            }
        }

        void flush() throws Exception {
            journal.executeBatch();
            tags.executeBatch();
            db.commit();
            batched = 0;
        }

        void snapshot(String persistenceId, Object state) {
            try {
                Serializer serializer = serialization.findSerializerFor(state);
                snapshots.setString(1, persistenceId);
                snapshots.setLong(2, sequenceNrs.getOrDefault(persistenceId, 0L));
                snapshots.setLong(3, System.currentTimeMillis());
                snapshots.setInt(4, serializer.identifier());
                snapshots.setString(5, Serializers.manifestFor(serializer, state));
                snapshots.setBytes(6, serialization.serialize(state).get());
                snapshots.executeUpdate();
            } catch (Exception e) {
                throw new IllegalStateException("snapshot of " + persistenceId, e);
            }
        }

        void finish() throws Exception {
            try (Statement s = db.createStatement()) {
                s.execute(postgres
                    ? "SELECT setval(pg_get_serial_sequence('event_journal', 'ordering'), GREATEST(" + written + ", 1), "
                            + (written > 0) + ")"
                    : "ALTER TABLE \"event_journal\" ALTER COLUMN \"ordering\" RESTART WITH " + (written + 1));
            }
            db.commit();
        }
    }

    // ---- start ----

    private static void start(Path dir, boolean fresh) throws Exception {
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        Config probe = ConfigFactory.parseFile(dir.resolve("bench.conf").toFile());
        boolean postgres = probe.hasPath("postgres") && probe.getBoolean("postgres");
        try (Journal journal = Journal.in(dir, postgres)) {
            start(dir, fresh, probe, journal, jvmStart);
        }
    }

    private static void start(Path dir, boolean fresh, Config probe, Journal journal, long jvmStart) throws Exception {
        int queues = probe.hasPath("queues") ? probe.getInt("queues") : 10;
        Config config = config(dir, queues, journal);
        long began = System.currentTimeMillis();
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "journal-start", config);
        try {
            JournalSchema.ensure(system);
            if (fresh) {
                PersistenceSettings journalDb = PersistenceSettings.fromConfig(config);
                try (Connection db = DriverManager.getConnection(journalDb.url(), journalDb.user(),
                        journalDb.password()); Statement delete = db.createStatement()) {
                    delete.execute("DELETE FROM switchboard_checkpoint");
                }
            }
            Cluster cluster = Cluster.get(system);
            cluster.manager().tell(Join.create(cluster.selfMember().address()));
            SwitchboardQueues queuesExt = SwitchboardQueues.get(system).start(Timekeeper.system(system));
            long expectedPerQueue = probe.getLong("calls-per-queue");
            double queuesAnswer = -1;
            double figuresRight = -1;
            while (figuresRight < 0) {
                if (queuesAnswer < 0 && everyQueueAnswers(system, queues)) {
                    queuesAnswer = (System.currentTimeMillis() - began) / 1e3;
                }
                Map<String, QueueFigures> figures = AskPattern.<QueueStatistics.Command, QueueStatistics.AllFigures>ask(
                                queuesExt.statistics(), QueueStatistics.GetAllFigures::new, Duration.ofSeconds(30),
                                system.scheduler()).toCompletableFuture().get(60, TimeUnit.SECONDS).byQueue();
                boolean right = figures.size() == queues && figures.values().stream()
                        .allMatch(f -> f.offered() >= expectedPerQueue && f.answered() >= expectedPerQueue);
                if (right) {
                    figuresRight = (System.currentTimeMillis() - began) / 1e3;
                } else {
                    if (Boolean.getBoolean("bench.progress")) {
                        System.out.printf("%.1f s: %d offered%n", (System.currentTimeMillis() - began) / 1e3,
                                figures.values().stream().mapToLong(QueueFigures::offered).sum());
                    }
                    Thread.sleep(Boolean.getBoolean("bench.progress") ? 1000 : 50);
                }
                if (System.currentTimeMillis() - began > 600_000) {
                    throw new IllegalStateException("figures not right after 10 minutes: " + figures);
                }
            }
            while (queuesAnswer < 0) {
                if (everyQueueAnswers(system, queues)) {
                    queuesAnswer = (System.currentTimeMillis() - began) / 1e3;
                }
            }
            System.out.printf("start on %s (%s): actor system created %.1f s after the JVM started; from then, every "
                            + "queue answers after %.1f s, the figures are right after %.1f s%n", dir,
                    journal.isPostgres() ? "embedded PostgreSQL, started first" : "H2 file",
                    (began - jvmStart) / 1e3, queuesAnswer, figuresRight);
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static boolean everyQueueAnswers(ActorSystem<Void> system, int queues) {
        List<java.util.concurrent.CompletableFuture<QueueEntity.QueueSnapshot>> asks = new ArrayList<>();
        for (int q = 0; q < queues; q++) {
            asks.add(ClusterSharding.get(system).entityRefFor(QueueEntity.TYPE_KEY, "q" + q)
                    .<QueueEntity.QueueSnapshot>ask(QueueEntity.GetSnapshot::new, Duration.ofSeconds(1))
                    .toCompletableFuture());
        }
        try {
            for (var ask : asks) {
                ask.get(2, TimeUnit.SECONDS);
            }
            return true;
        } catch (Exception notYet) {
            return false;
        }
    }

    private static int arg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }
}
