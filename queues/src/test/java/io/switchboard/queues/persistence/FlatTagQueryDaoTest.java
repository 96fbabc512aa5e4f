package io.switchboard.queues.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.jdbc.query.javadsl.JdbcReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The read journal's events-by-tag query as {@link FlatTagQueryDao} writes it returns what the stock query returns:
 * the same events of the tag, in the same order, without deleted ones, page by page, from any offset.
 */
class FlatTagQueryDaoTest {
    private final String url = "jdbc:h2:mem:flat-tags-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    private ActorTestKit flat;
    private ActorTestKit stock;

    @AfterEach
    void stop() {
        for (ActorTestKit kit : new ActorTestKit[] {flat, stock}) {
            if (kit != null) {
                kit.shutdownTestKit();
            }
        }
    }

    @Test
    void theFlatQueryReadsWhatTheStockQueryReads() throws Exception {
        flat = ActorTestKit.create("flat", config(null));
        stock = ActorTestKit.create("stock", config("org.apache.pekko.persistence.jdbc.query.dao.DefaultReadJournalDao"));
        JournalSchema.ensure(flat.system());
        writeJournal(SerializationExtension.get(flat.system().classicSystem()));

        for (String tag : List.of("queue", "agent", "nobody")) {
            for (long from : new long[] {0, 7, 29, 60}) {
                List<String> expected = read(stock, tag, from);
                assertEquals(expected, read(flat, tag, from), tag + " after " + from);
            }
        }
        List<String> queueEvents = read(flat, "queue", 0);
        // every third row is tagged queue (some also agent), the deleted ones (every seventh) left out
        assertEquals(17, queueEvents.size(), queueEvents.toString());
        assertTrue(queueEvents.get(0).startsWith("1 Queue|q0 1 event-1"), queueEvents.get(0));
        assertTrue(queueEvents.contains("10 Queue|q0 10 event-10 10000 meta-10"), queueEvents.toString());
    }

    private Config config(String dao) {
        return ConfigFactory.parseString((dao == null ? "" : "jdbc-read-journal.dao = \"" + dao + "\"\n")
                        // small pages: the queries' limits and offsets are exercised too
                        + "jdbc-read-journal.max-buffer-size = 4\n")
                .withFallback(PersistenceConfig.withJournal(ConfigFactory.parseString(
                        "switchboard.persistence.url = \"" + url + "\"\n").withFallback(ConfigFactory.load())));
    }

    /**
     * 60 events of one entity: every third tagged queue, every second agent, every seventh deleted, every fifth with
     * metadata.
     */
    private void writeJournal(Serialization serialization) throws Exception {
        try (Connection db = DriverManager.getConnection(url, "sa", "");
             PreparedStatement journal = db.prepareStatement("INSERT INTO \"event_journal\" (\"ordering\", "
                     + "\"deleted\", \"persistence_id\", \"sequence_number\", \"writer\", \"write_timestamp\", "
                     + "\"adapter_manifest\", \"event_payload\", \"event_ser_id\", \"event_ser_manifest\", "
                     + "\"meta_payload\", \"meta_ser_id\", \"meta_ser_manifest\") "
                     + "VALUES (?, ?, 'Queue|q0', ?, 'test', ?, '', ?, ?, '', ?, ?, ?)");
             PreparedStatement tags = db.prepareStatement(
                     "INSERT INTO \"event_tag\" (\"event_id\", \"tag\") VALUES (?, ?)")) {
            for (long i = 1; i <= 60; i++) {
                String event = "event-" + i;
                journal.setLong(1, i);
                journal.setBoolean(2, i % 7 == 0);
                journal.setLong(3, i);
                journal.setLong(4, 1_000 * i);
                journal.setBytes(5, serialization.serialize(event).get());
                journal.setInt(6, serialization.findSerializerFor(event).identifier());
                String metadata = i % 5 == 0 ? "meta-" + i : null;
                journal.setBytes(7, metadata == null ? null : serialization.serialize(metadata).get());
                if (metadata == null) {
                    journal.setNull(8, java.sql.Types.INTEGER);
                    journal.setNull(9, java.sql.Types.VARCHAR);
                } else {
                    journal.setInt(8, serialization.findSerializerFor(metadata).identifier());
                    journal.setString(9, "");
                }
                journal.executeUpdate();
                for (String tag : i % 3 == 1 ? List.of("queue") : i % 2 == 0 ? List.of("agent") : List.<String>of()) {
                    tags.setLong(1, i);
                    tags.setString(2, tag);
                    tags.executeUpdate();
                }
                if (i % 6 == 4) {
                    tags.setLong(1, i);
                    tags.setString(2, "agent");
                    tags.executeUpdate();
                }
            }
        }
    }

    private static List<String> read(ActorTestKit kit, String tag, long from) throws Exception {
        JdbcReadJournal journal = PersistenceQuery.get(kit.system())
                .getReadJournalFor(JdbcReadJournal.class, JdbcReadJournal.Identifier());
        return journal.currentEventsByTag(tag, Offset.sequence(from))
                .map(FlatTagQueryDaoTest::describe)
                .runWith(Sink.seq(), kit.system())
                .toCompletableFuture().get(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS);
    }

    private static String describe(EventEnvelope e) {
        return e.offset() instanceof org.apache.pekko.persistence.query.Sequence s
                ? s.value() + " " + e.persistenceId() + " " + e.sequenceNr() + " " + e.event() + " " + e.timestamp()
                        + e.getEventMetaData().map(meta -> " " + meta).orElse("")
                : e.toString();
    }
}
