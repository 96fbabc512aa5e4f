package io.switchboard.queues.persistence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the journal, tag, snapshot and durable-state tables when they are missing, from the DDL that
 * pekko-persistence-jdbc ships, and the read side's {@link CheckpointTable}. Safe to run on every start.
 */
public final class JournalSchema {
    private static final Logger log = LoggerFactory.getLogger(JournalSchema.class);
    private static final Pattern CREATE_INDEX =
            Pattern.compile("(?is)^CREATE\\s+(UNIQUE\\s+)?INDEX\\s+(CONCURRENTLY\\s+)?(?!IF\\s+NOT\\s+EXISTS)");

    private JournalSchema() {
    }

    public static void ensure(ActorSystem<?> system) {
        PersistenceSettings settings = PersistenceSettings.fromConfig(system.settings().config());
        if (!PersistenceConfig.matches(system.settings().config(), settings)) {
            throw new IllegalStateException("the actor system's journal is not the one of switchboard.persistence ("
                    + settings + "): create the system from PersistenceConfig.withJournal(config)");
        }
        ensure(settings);
    }

    public static void ensure(PersistenceSettings settings) {
        // One statement at a time with auto-commit: Postgres refuses CREATE INDEX CONCURRENTLY in a transaction.
        try (Connection connection = DriverManager.getConnection(settings.url(), settings.user(), settings.password())) {
            connection.setAutoCommit(true);
            for (String sql : statements(settings.kind())) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(sql);
                }
            }
            CheckpointTable.ensure(connection, settings.kind());
        } catch (SQLException e) {
            throw new IllegalStateException("could not create the journal tables in " + settings.safeUrl(), e);
        }
        log.info("journal tables ready in {} {}", settings.kind(), settings.safeUrl());
    }

    static List<String> statements(DatabaseKind kind) {
        return Arrays.stream(ddl(kind).split(";"))
                .map(JournalSchema::withoutComments)
                .map(String::strip)
                .filter(sql -> !sql.isEmpty())
                .map(JournalSchema::idempotent)
                .toList();
    }

    /** The shipped DDL creates tables "if not exists" but not every index: make those re-runnable too. */
    static String idempotent(String sql) {
        var matcher = CREATE_INDEX.matcher(sql);
        if (!matcher.find()) {
            return sql;
        }
        String unique = matcher.group(1) == null ? "" : "UNIQUE ";
        String concurrently = matcher.group(2) == null ? "" : "CONCURRENTLY ";
        return "CREATE " + unique + "INDEX " + concurrently + "IF NOT EXISTS " + sql.substring(matcher.end());
    }

    private static String withoutComments(String sql) {
        return sql.lines().filter(line -> !line.strip().startsWith("--")).reduce("", (a, b) -> a + b + "\n");
    }

    private static String ddl(DatabaseKind kind) {
        try (InputStream in = JournalSchema.class.getClassLoader().getResourceAsStream(kind.schemaResource())) {
            if (in == null) {
                throw new IllegalStateException(kind.schemaResource() + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("could not read " + kind.schemaResource(), e);
        }
    }
}
