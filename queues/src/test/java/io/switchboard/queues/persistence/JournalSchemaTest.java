package io.switchboard.queues.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class JournalSchemaTest {
    @Test
    void everyIndexIsCreatedOnlyIfMissing() {
        assertEquals("CREATE UNIQUE INDEX IF NOT EXISTS ix ON t(a)",
                JournalSchema.idempotent("CREATE UNIQUE INDEX ix ON t(a)"));
        assertEquals("CREATE INDEX CONCURRENTLY IF NOT EXISTS ix on t (b)",
                JournalSchema.idempotent("CREATE INDEX CONCURRENTLY ix on t (b)"));
        assertEquals("CREATE INDEX IF NOT EXISTS \"ix\" on t (b)",
                JournalSchema.idempotent("CREATE INDEX IF NOT EXISTS \"ix\" on t (b)"));
        for (DatabaseKind kind : DatabaseKind.values()) {
            List<String> statements = JournalSchema.statements(kind);
            assertTrue(statements.size() >= 4, kind + ": " + statements);
            statements.stream().filter(sql -> sql.toUpperCase().contains(" INDEX "))
                    .forEach(sql -> assertTrue(sql.toUpperCase().contains("IF NOT EXISTS"), sql));
        }
    }

    @Test
    void theSettingsNeverShowThePassword() {
        PersistenceSettings settings = PersistenceSettings.fromConfig(ConfigFactory.parseString("""
                switchboard.persistence { kind = postgres, url = "jdbc:postgresql://db:5432/sb?password=s3cret",
                  user = sb, password = "s3cret", pool-size = 2 }
                """));
        assertEquals(DatabaseKind.POSTGRES, settings.kind());
        assertFalse(settings.toString().contains("s3cret"), settings.toString());
    }

    @Test
    void theDefaultIsAnEmbeddedH2() {
        PersistenceSettings settings = PersistenceSettings.fromConfig(ConfigFactory.load());
        assertEquals(DatabaseKind.H2, settings.kind());
        assertTrue(PersistenceConfig.matches(ConfigFactory.load(), settings));
    }
}
