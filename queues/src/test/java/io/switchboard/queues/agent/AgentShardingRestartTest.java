package io.switchboard.queues.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.typesafe.config.Config;
import io.switchboard.queues.agent.AgentEntity.StatusReply;
import io.switchboard.queues.persistence.EmbeddedPostgresExtension;
import io.switchboard.queues.persistence.JournalSchema;
import io.switchboard.queues.persistence.PersistenceTestConfig;
import io.switchboard.testkit.time.TestTime;
import java.time.Duration;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sharded agents on a real PostgreSQL journal: stop the whole node with an agent in wrap-up, start a new
 * one on the same database, and the agent comes back by itself (remembered) and ends its wrap-up on time.
 */
class AgentShardingRestartTest {
    @RegisterExtension
    static final EmbeddedPostgresExtension postgres = new EmbeddedPostgresExtension();

    @Test
    void anAgentInWrapUpComesBackAfterAFullRestartAndBecomesAvailable() {
        Config config = PersistenceTestConfig.clusterNode(postgres.database("agents_restart"));
        try (TestTime time = TestTime.standalone()) {
            restartInWrapUp(config, time);
        }
    }

    private void restartInWrapUp(Config config, TestTime time) {
        ActorTestKit first = startNode(config);
        try {
            TestProbe<AgentStatus> changes = first.createTestProbe();
            AgentEntity.init(first.system(), new AgentSettings(100, time.timekeeper()), changes.ref()::tell);
            EntityRef<AgentEntity.Command> agent = ClusterSharding.get(first.system())
                    .entityRefFor(AgentEntity.TYPE_KEY, "agent7");
            TestProbe<StatusReply> replies = first.createTestProbe();
            agent.tell(new AgentEntity.Login("pbx1", "PJSIP/agent7", Map.of("sales", 0), Map.of(), replies.ref()));
            assertInstanceOf(StatusReply.Accepted.class, replies.receiveMessage(Duration.ofSeconds(20)));
            TestProbe<AgentEntity.ReserveReply> reserved = first.createTestProbe();
            agent.tell(new AgentEntity.Reserve("sales", "c1", Duration.ofSeconds(15), reserved.ref()));
            assertInstanceOf(AgentEntity.ReserveReply.Reserved.class, reserved.receiveMessage());
            agent.tell(new AgentEntity.Answered("sales", "c1"));
            agent.tell(new AgentEntity.CallEnded("sales", "c1", Duration.ofMinutes(1)));
            changes.fishForMessage(Duration.ofSeconds(10), status -> status.state() == AgentState.WRAP_UP
                    ? FishingOutcomes.complete()
                    : FishingOutcomes.continueAndIgnore());
        } finally {
            first.shutdownTestKit();
        }

        time.advance(Duration.ofSeconds(59)); // one second of wrap-up left when the new node starts
        ActorTestKit second = startNode(config);
        try {
            TestProbe<AgentStatus> changes = second.createTestProbe();
            AgentEntity.init(second.system(), new AgentSettings(100, time.timekeeper()), changes.ref()::tell);
            AgentStatus recovered = changes.receiveMessage(Duration.ofSeconds(30));
            assertEquals(AgentState.WRAP_UP, recovered.state(), "started again without being asked");
            assertEquals(1, recovered.callsTaken());
            time.advance(Duration.ofSeconds(1));
            AgentStatus available = changes.receiveMessage(Duration.ofSeconds(10));
            assertEquals(AgentState.AVAILABLE, available.state());
            assertEquals("agent7", available.agentId());
        } finally {
            second.shutdownTestKit();
        }
    }

    private static ActorTestKit startNode(Config config) {
        ActorTestKit testKit = ActorTestKit.create("agents", config);
        JournalSchema.ensure(testKit.system());
        Cluster cluster = Cluster.get(testKit.system());
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
        return testKit;
    }
}
