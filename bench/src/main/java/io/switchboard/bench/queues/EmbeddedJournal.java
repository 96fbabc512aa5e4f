package io.switchboard.bench.queues;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An embedded PostgreSQL for a bench's journal, on 127.0.0.1: its own processes, on the same cores as the bench.
 */
final class EmbeddedJournal {
    private EmbeddedJournal() {
    }

    /** Starts one on {@code dataDirectory}, kept as it is (null: a fresh one in a temporary folder). */
    static EmbeddedPostgres start(Path dataDirectory) throws IOException {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "127.0.0.1");
        if (dataDirectory != null) {
            builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false);
        }
        return builder.start();
    }

    /** The node's journal settings for {@code database}. */
    static String settings(EmbeddedPostgres database) {
        return "switchboard.persistence { kind = postgres, url = \"jdbc:postgresql://127.0.0.1:" + database.getPort()
                + "/postgres\", user = postgres, password = \"\" }\n";
    }
}
