package io.switchboard.queues.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.switchboard.actors.channel.ChannelAction;
import io.switchboard.actors.channel.ChannelEntity;
import io.switchboard.actors.channel.Outcome;
import io.switchboard.actors.time.Timekeeper;
import io.switchboard.queues.agent.AgentEntity;
import io.switchboard.queues.agent.AgentSettings;
import io.switchboard.queues.persistence.JournalSchema;
import io.switchboard.queues.persistence.PersistenceConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.FishingOutcomes;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The caller hangs up just as the queue bridges them with an agent, and the word of the end reaches the queue before
 * the bridge's answer (their paths differ: the end comes straight through the queue's watch, the answer through an
 * ask). Whether the caller talked is the bridge's answer: made, they were connected and the conversation is over at
 * once (the agent's leg is hung up); not made, they abandoned. Channels are stand-ins that answer in that order.
 */
class HangUpWhileBridgingTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private ActorTestKit testKit;
    /** Actions the agent's leg was asked to carry out. */
    private TestProbe<ChannelAction> agentLeg;

    @AfterEach
    void stop() {
        if (testKit != null) {
            // as QueueHarness does: a cluster member with sharding may take longer than the default 10 s to leave
            ActorTestKit.shutdown(testKit.system(), Duration.ofSeconds(30), false);
        }
    }

    @Test
    void aCallerWhoseBridgeWasMadeTalkedAndTheAgentsLegIsHungUp() {
        TestProbe<QueueEntity.EnterResult> flow = startAndEnter(true);

        assertInstanceOf(QueueEntity.Connected.class, flow.receiveMessage(WAIT), "not counted as abandoned");
        // the caller left the conversation the moment it began: the queue hangs up the other side
        agentLeg.fishForMessage(WAIT, action -> action instanceof ChannelAction.Hangup ? FishingOutcomes.complete()
                : FishingOutcomes.continueAndIgnore());
    }

    @Test
    void aCallerWhoseBridgeFailedAbandoned() {
        TestProbe<QueueEntity.EnterResult> flow = startAndEnter(false);

        QueueEntity.EnterResult result = flow.receiveMessage(WAIT);
        assertEquals("ABANDON", assertInstanceOf(QueueEntity.Exited.class, result).reason());
    }

    /** One queue, one agent, one caller whose channel ends as it is bridged; the bridge made or not. */
    private TestProbe<QueueEntity.EnterResult> startAndEnter(boolean bridgeMade) {
        Config config = PersistenceConfig.withJournal(QueueHarness.freshJournal()
                .withFallback(ConfigFactory.parseResources("queues-test.conf"))
                .withFallback(ConfigFactory.load()).resolve());
        testKit = ActorTestKit.create("bridging", config);
        JournalSchema.ensure(testKit.system());
        Cluster cluster = Cluster.get(testKit.system());
        cluster.manager().tell(Join.create(cluster.selfMember().address()));
        agentLeg = testKit.createTestProbe();
        ClusterSharding sharding = ClusterSharding.get(testKit.system());
        sharding.init(Entity.of(ChannelEntity.TYPE_KEY,
                ctx -> channel(ctx.getEntityId(), bridgeMade, agentLeg.getRef())));
        Timekeeper time = Timekeeper.system(testKit.system());
        QueueEntity.init(testKit.system(), QueueConfig::named, time, Duration.ofMillis(100), Duration.ofSeconds(30));
        AgentEntity.init(testKit.system(), AgentSettings.fromConfig(config, time), status ->
                status.queuePenalties().keySet().forEach(queue -> sharding.entityRefFor(QueueEntity.TYPE_KEY, queue)
                        .tell(new QueueEntity.AgentChanged(status))));

        TestProbe<AgentEntity.StatusReply> login = testKit.createTestProbe();
        sharding.entityRefFor(AgentEntity.TYPE_KEY, "agent1").tell(new AgentEntity.Login("pbx1", "PJSIP/agent1",
                Map.of("support", 0), Map.of(), login.getRef()));
        login.expectMessageClass(AgentEntity.StatusReply.Accepted.class, WAIT);
        TestProbe<QueueEntity.EnterResult> flow = testKit.createTestProbe();
        sharding.entityRefFor(QueueEntity.TYPE_KEY, "support")
                .tell(new QueueEntity.Enter("pbx1", "caller-1", 0, Map.of(), flow.getRef()));
        return flow;
    }

    /**
     * A channel that answers a dial at once; asked to bridge, it ends first (its watchers are told) and then answers
     * the bridge. The agent's leg reports what it is asked to do.
     */
    private static Behavior<ChannelEntity.Command> channel(String entityId, boolean bridgeMade,
                                                           ActorRef<ChannelAction> agentLeg) {
        boolean isAgentLeg = entityId.endsWith("/agent1-leg");
        Map<String, ActorRef<ChannelEntity.CallEnded>> watchers = new HashMap<>();
        boolean[] ended = {false};
        return Behaviors.receive(ChannelEntity.Command.class)
                .onMessage(ChannelEntity.DialOut.class, dial -> {
                    dial.replyTo().tell(new Outcome.Dialed(Outcome.Dialed.DialStatus.ANSWER, "agent1-leg", List.of()));
                    return Behaviors.same();
                })
                .onMessage(ChannelEntity.BridgeWith.class, bridge -> {
                    ended[0] = true;
                    watchers.values().forEach(w -> w.tell(new ChannelEntity.CallEnded(entityId)));
                    watchers.clear();
                    bridge.replyTo().tell(bridgeMade ? new Outcome.Bridged("bridge-1")
                            : new Outcome.Failed(Outcome.Failed.Reason.CALL_ENDED, null, "the call ended"));
                    return Behaviors.same();
                })
                .onMessage(ChannelEntity.WatchEnd.class, watch -> {
                    if (ended[0]) {
                        watch.replyTo().tell(new ChannelEntity.CallEnded(entityId));
                    } else {
                        watchers.put(watch.watcher(), watch.replyTo());
                    }
                    return Behaviors.same();
                })
                .onMessage(ChannelEntity.Perform.class, perform -> {
                    if (isAgentLeg) {
                        agentLeg.tell(perform.action());
                    }
                    perform.replyTo().tell(new Outcome.Done());
                    return Behaviors.same();
                })
                .onAnyMessage(other -> Behaviors.same())
                .build();
    }
}
