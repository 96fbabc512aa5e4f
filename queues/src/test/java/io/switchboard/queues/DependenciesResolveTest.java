package io.switchboard.queues;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import org.junit.jupiter.api.Test;

class DependenciesResolveTest {
    @Test
    void persistenceJdbcIsOnTheClasspath() throws Exception {
        assertNotNull(Class.forName("org.apache.pekko.persistence.jdbc.journal.JdbcAsyncWriteJournal"));
        assertNotNull(Class.forName("io.zonky.test.db.postgres.embedded.EmbeddedPostgres"));
    }
}
