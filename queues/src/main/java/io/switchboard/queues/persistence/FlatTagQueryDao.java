package io.switchboard.queues.persistence;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.NotUsed;
import org.apache.pekko.persistence.PersistentRepr;
import org.apache.pekko.persistence.jdbc.config.EventJournalTableColumnNames;
import org.apache.pekko.persistence.jdbc.config.ReadJournalConfig;
import org.apache.pekko.persistence.jdbc.query.dao.DefaultReadJournalDao;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.scaladsl.Source;
import scala.Function1;
import scala.Option;
import scala.Tuple3;
import scala.collection.immutable.Set;
import scala.concurrent.ExecutionContext;
import scala.concurrent.Future;
import scala.jdk.javaapi.FutureConverters;
import scala.util.Failure;
import scala.util.Success;
import scala.util.Try;
import slick.dbio.DBIOAction;
import slick.jdbc.JdbcBackend;
import slick.jdbc.JdbcProfile;
import slick.jdbc.SimpleJdbcAction;

/**
 * pekko-persistence-jdbc's read journal with its events-by-tag query written as a plain join. Slick writes that
 * query as a derived table of the journal joined with the tag table, and H2 plans it as a scan of the whole tag
 * table: 2.2 s a query with a million events, whatever the offset, paid by every poll of every view that follows
 * the journal (bench/README.md, "Node start with a big journal"). Joined directly, both H2 and PostgreSQL read the
 * journal's ordering range and look each row's tag up by its key. The rows, their order and their limit are those
 * of the stock query; every other query is the stock one.
 *
 * <p>Named in {@code jdbc-read-journal.dao}; the read journal creates it with these constructor arguments. The query
 * runs as a Slick action, so it shares the journal's connection pool and executor as the stock queries do.
 */
public final class FlatTagQueryDao extends DefaultReadJournalDao {
    private final Serialization serialization;
    private final String sql;

    public FlatTagQueryDao(JdbcBackend.JdbcDatabaseDef db, JdbcProfile profile, ReadJournalConfig readJournalConfig,
                           Serialization serialization, ExecutionContext ec, Materializer mat) {
        super(db, profile, readJournalConfig, serialization, ec, mat);
        this.serialization = serialization;
        this.sql = query(profile, readJournalConfig);
    }

    static String query(JdbcProfile profile, ReadJournalConfig config) {
        var journalTable = config.eventJournalTableConfiguration();
        var tagTable = config.eventTagTableConfiguration();
        EventJournalTableColumnNames j = journalTable.columnNames();
        String journal = table(profile, journalTable.schemaName(), journalTable.tableName());
        String tags = table(profile, tagTable.schemaName(), tagTable.tableName());
        List<String> columns = List.of(j.ordering(), j.deleted(), j.persistenceId(), j.sequenceNumber(), j.writer(),
                j.writeTimestamp(), j.adapterManifest(), j.eventPayload(), j.eventSerId(), j.eventSerManifest(),
                j.metaPayload(), j.metaSerId(), j.metaSerManifest());
        StringBuilder select = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            select.append(i == 0 ? "" : ", ").append("j.").append(profile.quoteIdentifier(columns.get(i)));
        }
        String ordering = "j." + profile.quoteIdentifier(j.ordering());
        return select + " FROM " + journal + " j JOIN " + tags + " t ON t."
                + profile.quoteIdentifier(tagTable.columnNames().eventId()) + " = " + ordering
                + " WHERE t." + profile.quoteIdentifier(tagTable.columnNames().tag()) + " = ? AND " + ordering
                + " > ? AND " + ordering + " <= ? AND j." + profile.quoteIdentifier(j.deleted()) + " = FALSE"
                + " ORDER BY " + ordering + " LIMIT ?";
    }

    private static String table(JdbcProfile profile, Option<String> schema, String name) {
        return (schema.isDefined() ? profile.quoteIdentifier(schema.get()) + "." : "") + profile.quoteIdentifier(name);
    }

    @Override
    public Source<Try<Tuple3<PersistentRepr, Set<String>, Object>>, NotUsed> eventsByTag(String tag, long offset,
                                                                                          long maxOffset, long max) {
        // queried when the stream runs (each time it runs), through Slick's executor and its limit on queries at once
        return org.apache.pekko.stream.javadsl.Source.lazyCompletionStage(() -> FutureConverters.asJava(
                        this.<List<Try<Tuple3<PersistentRepr, Set<String>, Object>>>>run(
                                context -> read(context.connection(), tag, offset, maxOffset, max))))
                .<Try<Tuple3<PersistentRepr, Set<String>, Object>>>mapConcat(list -> list)
                .asScala();
    }

    /** Runs {@code work} on a connection as a Slick action (as the stock queries run). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private <R> Future<R> run(Function1<JdbcBackend.JdbcActionContext, R> work) {
        // Slick's run takes an action of any effect (a contravariant type parameter), which Java's generics cannot say
        return (Future<R>) db().run((DBIOAction) SimpleJdbcAction.apply(work));
    }

    private List<Try<Tuple3<PersistentRepr, Set<String>, Object>>> read(Connection connection, String tag,
                                                                        long offset, long maxOffset, long max) {
        List<Try<Tuple3<PersistentRepr, Set<String>, Object>>> out = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, tag);
            statement.setLong(2, offset);
            statement.setLong(3, maxOffset);
            // as the stock query: H2's driver refuses a limit beyond an int
            statement.setLong(4, Math.min(max, Integer.MAX_VALUE));
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    out.add(event(row));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("events tagged " + tag + " after " + offset + " not read", e);
        }
        return out;
    }

    private Try<Tuple3<PersistentRepr, Set<String>, Object>> event(ResultSet row) throws SQLException {
        long ordering = row.getLong(1);
        boolean deleted = row.getBoolean(2);
        String persistenceId = row.getString(3);
        long sequenceNr = row.getLong(4);
        String writer = row.getString(5);
        long writeTimestamp = row.getLong(6);
        String adapterManifest = row.getString(7);
        byte[] payload = row.getBytes(8);
        int serializerId = row.getInt(9);
        String manifest = row.getString(10);
        byte[] metaPayload = row.getBytes(11);
        int metaSerializerId = row.getInt(12);
        boolean hasMeta = metaPayload != null && !row.wasNull();
        String metaManifest = row.getString(13);
        try {
            Object event = serialization.deserialize(payload, serializerId, manifest).get();
            PersistentRepr repr = PersistentRepr.apply(event, sequenceNr, persistenceId, adapterManifest, deleted,
                    null, writer).withTimestamp(writeTimestamp);
            if (hasMeta) {
                repr = repr.withMetadata(serialization.deserialize(metaPayload, metaSerializerId,
                        metaManifest == null ? "" : metaManifest).get());
            }
            // the stock query leaves the tags empty too
            return new Success<>(new Tuple3<>(repr, scala.collection.immutable.Set$.MODULE$.<String>empty(),
                    ordering));
        } catch (Exception e) {
            return new Failure<>(e);
        }
    }
}
