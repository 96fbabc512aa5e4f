package io.switchboard.actors.gateway;

import static io.switchboard.actors.support.CallCenterHarness.APP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.actors.SwitchboardActors;
import io.switchboard.actors.channel.ChannelEntity;
import io.switchboard.actors.channel.Outcome;
import io.switchboard.actors.flow.FlowRegistry;
import io.switchboard.actors.support.CallCenterHarness;
import io.switchboard.actors.support.ManualClockTimekeeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.sharding.ShardRegion.CurrentShardRegionState;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Down;
import org.apache.pekko.cluster.typed.Join;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes share twenty calls; the one that does not hold the event socket is lost (terminated, then downed).
 * Its calls' entities are gone with it. When the member is removed the gateway sweeps: each of those calls gets
 * a fresh entity that takes it over and resumes its flow, and a question about the end of such a call is not
 * answered until the call really ends. The calls of the surviving node are not disturbed.
 */
class LostNodeTakeoverTest {
    private CallCenterHarness harness;
    private ActorTestKit second;
    /** Per call, how many times its flow started and whether the last start was a resumption. */
    private final Map<String, List<Boolean>> starts = new ConcurrentHashMap<>();

    @AfterEach
    void stop() {
        if (second != null) {
            ActorTestKit.shutdown(second.system(), Duration.ofSeconds(10), false);
        }
        harness.close();
    }

    private FlowRegistry flows() {
        return new FlowRegistry().register(APP, call -> {
            starts.computeIfAbsent(call.channelId(), id -> new java.util.concurrent.CopyOnWriteArrayList<>())
                    .add(call.resumed());
            // answered once; a resumed flow finds the call up and waits for its end like the first one did
            CompletionStage<Void> answered = call.resumed() ? CompletableFuture.completedFuture(null) : call.answer();
            return answered.thenCompose(x -> call.ended());
        });
    }

    @Test
    void theCallsOfALostNodeAreTakenOverAndTheirEndIsStillHeard() throws Exception {
        harness = CallCenterHarness.start(flows());
        second = ActorTestKit.create("switchboard-test", CallCenterHarness.config(harness.sim(), ""));
        Cluster.get(second.system()).manager().tell(Join.create(Cluster.get(harness.system()).selfMember().address()));
        SwitchboardActors.get(second.system()).start(flows(), ManualClockTimekeeper.of(harness.sim().manualClock()));
        awaitMembersUp(2);

        List<String> callers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            callers.add(harness.sim().calls().inbound("support", "answer", "Caller <" + (4000 + i) + ">").channelId());
        }
        awaitStarted(callers);
        Set<String> onSecond = entitiesOnSecond();
        assertFalse(onSecond.isEmpty(), "some calls' entities live on the second node");
        assertTrue(onSecond.size() < callers.size(), "some live on the first");

        var lost = Cluster.get(second.system()).selfMember().address();
        ActorTestKit.shutdown(second.system(), Duration.ofSeconds(10), false);
        second = null;
        // only the sweep on the member's removal can bring them back: the node's clock (periodic sweeps) stands still
        Cluster.get(harness.system()).manager().tell(new Down(lost));

        TestProbe<Object> probe = harness.testKit().createTestProbe();
        probe.awaitAssert(Duration.ofSeconds(20), Duration.ofMillis(100), () -> {
            for (String id : onSecond) {
                assertEquals(List.of(false, true), starts.get(id), id + ": started, then resumed once");
            }
            return null;
        });
        for (String id : callers) {
            if (!onSecond.contains(id)) {
                assertEquals(List.of(false), starts.get(id), id + " kept its flow");
            }
        }
        for (String id : onSecond) {
            ChannelEntity.Snapshot snapshot = snapshot(id);
            assertTrue(snapshot.inStasis() && !snapshot.ended(), id + " is in the application again");
        }
        List<CompletionStage<Outcome>> endWatches = new ArrayList<>();
        for (String id : onSecond) {
            endWatches.add(AskPattern.ask(harness.channel(id), ChannelEntity.WhenEnded::new, Duration.ofSeconds(30),
                    harness.system().scheduler()));
        }
        endWatches.forEach(w -> assertFalse(w.toCompletableFuture().isDone(), "no end before the hang-up"));

        onSecond.forEach(id -> harness.sim().calls().farEndHangup(id));
        for (CompletionStage<Outcome> watch : endWatches) {
            assertEquals(new Outcome.Done(), watch.toCompletableFuture().get(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void askingAboutTheEndOfAChannelAsteriskDoesNotHaveAnswersDone() throws Exception {
        harness = CallCenterHarness.start(flows());
        Outcome outcome = AskPattern.<ChannelEntity.Command, Outcome>ask(harness.channel("never-existed"),
                ChannelEntity.WhenEnded::new, Duration.ofSeconds(10), harness.system().scheduler())
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(new Outcome.Done(), outcome);
    }

    private ChannelEntity.Snapshot snapshot(String id) throws Exception {
        return AskPattern.<ChannelEntity.Command, ChannelEntity.Snapshot>ask(harness.channel(id),
                ChannelEntity.GetSnapshot::new, Duration.ofSeconds(5), harness.system().scheduler())
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    private void awaitMembersUp(int members) {
        TestProbe<Object> probe = harness.testKit().createTestProbe();
        probe.awaitAssert(Duration.ofSeconds(20), Duration.ofMillis(50), () -> {
            long up = java.util.stream.StreamSupport.stream(
                            Cluster.get(harness.system()).state().getMembers().spliterator(), false)
                    .filter(m -> m.status() == MemberStatus.up()).count();
            assertEquals(members, up);
            return null;
        });
    }

    private void awaitStarted(List<String> callers) {
        TestProbe<Object> probe = harness.testKit().createTestProbe();
        probe.awaitAssert(Duration.ofSeconds(20), Duration.ofMillis(50), () -> {
            for (String id : callers) {
                assertEquals(List.of(false), starts.get(id), id);
                assertTrue(snapshot(id).channel().state().equals("Up"), id + " answered");
            }
            return null;
        });
    }

    /** The calls (channel ids) whose entities run on the second node. */
    private Set<String> entitiesOnSecond() {
        TestProbe<CurrentShardRegionState> probe = second.createTestProbe();
        ClusterSharding.get(second.system()).shardState()
                .tell(new GetShardRegionState(ChannelEntity.TYPE_KEY, probe.getRef()));
        Set<String> ids = new HashSet<>();
        probe.receiveMessage(Duration.ofSeconds(5)).getShards()
                .forEach(shard -> shard.getEntityIds().forEach(id -> ids.add(EntityIds.ariId(id))));
        ids.removeIf(id -> id.startsWith("shard-"));
        return ids;
    }
}
