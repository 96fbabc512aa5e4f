package io.switchboard.actors.gateway;

import static io.switchboard.actors.support.CallCenterHarness.APP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.actors.bridge.BridgeEntity;
import io.switchboard.actors.channel.ChannelEntity;
import io.switchboard.actors.channel.Outcome;
import io.switchboard.actors.flow.CallEndedException;
import io.switchboard.actors.flow.FlowRegistry;
import io.switchboard.actors.support.CallCenterHarness;
import io.switchboard.ari.events.PlaybackStarted;
import io.switchboard.ari.client.AriClient;
import io.switchboard.ari.client.AriSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.ShardRegion.CurrentShardRegionState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The event socket drops with 50 calls live; 10 of them end while it is down (their events are lost, as on
 * Asterisk). After the reconnect the gateway reconciles: the 10 entities stop with a clear signal, the 40
 * other calls carry on to their end, and no entity is left behind.
 */
class ReconnectAndReconcileTest {
    private CallCenterHarness harness;
    private final Map<String, CompletableFuture<Object>> outcomes = new ConcurrentHashMap<>();
    private final AtomicInteger playbacksStarted = new AtomicInteger();

    @AfterEach
    void stop() {
        harness.close();
    }

    private CompletableFuture<Object> outcome(String channelId) {
        return outcomes.computeIfAbsent(channelId, id -> new CompletableFuture<>());
    }

    @Test
    void fiftyCallsTenEndWhileDisconnectedFortyCarryOn() throws Exception {
        FlowRegistry flows = new FlowRegistry().register(APP, call -> call.answer()
                .thenCompose(x -> call.play("sound:tt-monkeys"))
                .handle((played, failure) -> outcome(call.channelId()).complete(failure != null
                        ? (failure.getCause() != null ? failure.getCause() : failure) : played)));
        harness = CallCenterHarness.start(flows);
        harness.sim().tapEvents(event -> {
            if (event instanceof PlaybackStarted) {
                playbacksStarted.incrementAndGet();
            }
        });

        List<String> callers = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            callers.add(harness.sim().calls().inbound("support", "answer", "Caller <" + (3000 + i) + ">").channelId());
        }
        awaitPlaying(callers.size());

        harness.sim().dropEventSockets();
        awaitDisconnected();
        List<String> endedMeanwhile = callers.subList(0, 10);
        endedMeanwhile.forEach(id -> harness.sim().calls().farEndHangup(id));
        // the other 40 playbacks finish while nobody hears their events
        harness.clock().advance(Duration.ofSeconds(30));
        harness.sim().restoreEventSockets();
        harness.awaitConnected();

        for (String id : endedMeanwhile) {
            assertInstanceOf(CallEndedException.class, outcome(id).get(10, TimeUnit.SECONDS), id);
        }
        for (String id : callers.subList(10, 50)) {
            Outcome.Played played = assertInstanceOf(Outcome.Played.class, outcome(id).get(10, TimeUnit.SECONDS), id);
            assertEquals(Outcome.Played.Status.FINISHED, played.status());
        }
        awaitNoChannelsInAsterisk();
        awaitNoEntities();
    }

    /** Every call answered and its prompt playing (so the drop comes mid-play for all of them). */
    private void awaitPlaying(int calls) {
        TestProbe<Object> probe = harness.testKit().createTestProbe();
        probe.awaitAssert(Duration.ofSeconds(20), Duration.ofMillis(50), () -> {
            assertTrue(outcomes.isEmpty(), "no flow ended yet");
            assertEquals(calls, playbacksStarted.get());
            return null;
        });
    }

    private void awaitDisconnected() {
        TestProbe<Object> probe = harness.testKit().createTestProbe();
        probe.awaitAssert(Duration.ofSeconds(10), Duration.ofMillis(20), () -> {
            assertTrue(!harness.gatewayStatus().connected(), "gateway still connected");
            return null;
        });
    }

    private void awaitNoChannelsInAsterisk() {
        TestProbe<Object> probe = harness.testKit().createTestProbe();
        AriClient ari = AriClient.create(harness.system(), AriSettings.of(harness.sim().ariUrl(), harness.sim().user(),
                harness.sim().password(), APP).withCommandTransport(AriSettings.CommandTransport.HTTP));
        probe.awaitAssert(Duration.ofSeconds(10), Duration.ofMillis(50), () -> {
            assertEquals(List.of(), ari.channels().list().send().toCompletableFuture().get(5, TimeUnit.SECONDS));
            return null;
        });
    }

    /**
     * An entity whose channel left the application lingers for its last events, on the node's time (here the
     * simulator's): time moves on while the calls' last events reach their entities.
     */
    private void awaitNoEntities() {
        TestProbe<CurrentShardRegionState> probe = harness.testKit().createTestProbe();
        probe.awaitAssert(Duration.ofSeconds(15), Duration.ofMillis(100), () -> {
            harness.clock().advance(Duration.ofSeconds(10));
            int entities = 0;
            for (var key : List.of(ChannelEntity.TYPE_KEY, BridgeEntity.TYPE_KEY)) {
                ClusterSharding.get(harness.system()).shardState()
                        .tell(new GetShardRegionState(key, probe.getRef()));
                entities += probe.receiveMessage().getShards().stream()
                        .mapToInt(shard -> shard.getEntityIds().size()).sum();
            }
            assertEquals(0, entities, "entities left behind");
            return null;
        });
    }
}
