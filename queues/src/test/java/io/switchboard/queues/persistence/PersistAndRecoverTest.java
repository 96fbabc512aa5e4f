package io.switchboard.queues.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import java.nio.file.Path;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class PersistAndRecoverTest {
    @RegisterExtension
    static final EmbeddedPostgresExtension postgres = new EmbeddedPostgresExtension();

    @Test
    void anEntityRecoversFromAnH2File(@TempDir Path dir) {
        persistThenRecoverInANewSystem(PersistenceTestConfig.localNode(PersistenceTestConfig.h2File(dir.resolve("journal"))));
    }

    @Test
    void anEntityRecoversFromPostgres() {
        persistThenRecoverInANewSystem(PersistenceTestConfig.localNode(postgres.database("recover")));
    }

    private static void persistThenRecoverInANewSystem(Config config) {
        ActorTestKit first = ActorTestKit.create("persist", config);
        try {
            JournalSchema.ensure(first.system());
            ActorRef<Tally.Command> tally = first.spawn(Tally.create("t1"));
            TestProbe<Tally.Total> probe = first.createTestProbe();
            tally.tell(new Tally.Add(2, probe.ref()));
            tally.tell(new Tally.Add(5, probe.ref()));
            probe.expectMessage(new Tally.Total(2));
            probe.expectMessage(new Tally.Total(7));
        } finally {
            first.shutdownTestKit();
        }

        ActorTestKit second = ActorTestKit.create("recover", config);
        try {
            JournalSchema.ensure(second.system()); // a second run finds the tables and changes nothing
            ActorRef<Tally.Command> tally = second.spawn(Tally.create("t1"));
            TestProbe<Tally.Total> probe = second.createTestProbe();
            tally.tell(new Tally.Get(probe.ref()));
            probe.expectMessage(new Tally.Total(7));
        } finally {
            second.shutdownTestKit();
        }
    }
}
