package io.switchboard.queues.persistence;

import io.switchboard.queues.log.CheckpointStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializers;

/**
 * The read side's checkpoints in the journal's database, table {@code switchboard_checkpoint}: one row per view,
 * the checkpoint serialized as the node serializes messages (CBOR for the views' records), and a revision that each
 * write must follow. (pekko-persistence-jdbc's durable state store would do, but on H2 its statements miss the
 * table its own schema creates.) The statements are plain JDBC on Pekko's blocking-IO dispatcher; a view writes a
 * checkpoint every few seconds at most.
 */
public final class CheckpointTable implements CheckpointStore {
    static final String TABLE = "switchboard_checkpoint";
    /** A load or save not done by then fails (a database that stopped answering must not hold a view forever). */
    private static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(30);

    private final PersistenceSettings settings;
    private final Serialization serialization;
    private final Executor blocking;

    private CheckpointTable(PersistenceSettings settings, Serialization serialization, Executor blocking) {
        this.settings = settings;
        this.serialization = serialization;
        this.blocking = blocking;
    }

    /** The checkpoints of the system's journal ({@code switchboard.persistence}). */
    public static CheckpointTable of(ActorSystem<?> system) {
        return new CheckpointTable(PersistenceSettings.fromConfig(system.settings().config()),
                SerializationExtension.get(system.classicSystem()),
                system.dispatchers().lookup(DispatcherSelector.blocking()));
    }

    /** The table's DDL for {@code kind}, safe to run on every start. */
    static String createStatement(DatabaseKind kind) {
        String bytes = kind == DatabaseKind.POSTGRES ? "BYTEA" : "VARBINARY";
        return "CREATE TABLE IF NOT EXISTS " + TABLE + " (view_id VARCHAR(255) NOT NULL PRIMARY KEY, "
                + "revision BIGINT NOT NULL, serializer_id INTEGER NOT NULL, manifest VARCHAR(255) NOT NULL, "
                + "payload " + bytes + " NOT NULL, written_at BIGINT NOT NULL)";
    }

    @Override
    public CompletionStage<Optional<Stored>> load(String viewId) {
        return CompletableFuture.<Optional<Stored>>supplyAsync(() -> {
            try (Connection c = connect();
                 PreparedStatement read = c.prepareStatement("SELECT revision, serializer_id, manifest, payload FROM "
                         + TABLE + " WHERE view_id = ?")) {
                read.setString(1, viewId);
                try (ResultSet row = read.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    Object checkpoint = serialization.deserialize(row.getBytes(4), row.getInt(2), row.getString(3))
                            .get();
                    return Optional.of(new Stored(checkpoint, row.getLong(1)));
                }
            } catch (SQLException e) {
                throw new IllegalStateException("reading checkpoint " + viewId + ": " + e.getMessage(), e);
            }
        }, blocking).orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public CompletionStage<Done> save(String viewId, long revision, Object checkpoint) {
        // serialized here, on the caller's thread: the checkpoint is the view's as of now
        byte[] payload;
        int serializerId;
        String manifest;
        try {
            payload = serialization.serialize(checkpoint).get();
            serializerId = serialization.findSerializerFor(checkpoint).identifier();
            manifest = Serializers.manifestFor(serialization.findSerializerFor(checkpoint), checkpoint);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new IllegalStateException("checkpoint " + viewId
                    + " cannot be serialized: " + e, e));
        }
        return CompletableFuture.supplyAsync(() -> {
            try (Connection c = connect()) {
                String sql = revision == 1
                        ? "INSERT INTO " + TABLE + " (serializer_id, manifest, payload, written_at, revision, view_id) "
                        + "VALUES (?, ?, ?, ?, ?, ?)"
                        : "UPDATE " + TABLE + " SET serializer_id = ?, manifest = ?, payload = ?, written_at = ?, "
                        + "revision = ? WHERE view_id = ? AND revision = ?";
                try (PreparedStatement write = c.prepareStatement(sql)) {
                    write.setInt(1, serializerId);
                    write.setString(2, manifest);
                    write.setBytes(3, payload);
                    write.setLong(4, System.currentTimeMillis());
                    write.setLong(5, revision);
                    write.setString(6, viewId);
                    if (revision != 1) {
                        write.setLong(7, revision - 1);
                    }
                    if (write.executeUpdate() != 1) {
                        throw new IllegalStateException("checkpoint " + viewId + " is no longer at revision "
                                + (revision - 1));
                    }
                }
                return Done.getInstance();
            } catch (SQLException e) {
                throw new IllegalStateException("writing checkpoint " + viewId + " revision " + revision + ": "
                        + e.getMessage(), e);
            }
        }, blocking).orTimeout(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(settings.url(), settings.user(), settings.password());
    }

    /** Creates the table when missing. */
    static void ensure(Connection connection, DatabaseKind kind) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(createStatement(kind));
        }
    }
}
