package io.switchboard.testkit.cluster;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorIdentity;
import org.apache.pekko.actor.Identify;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.ClusterSharding;
import org.apache.pekko.cluster.sharding.ShardRegion;
import org.apache.pekko.pattern.Patterns;

/** Losing one sharded entity in a test as a node's loss would lose it, without losing the node. */
public final class EntityLoss {
    private EntityLoss() {
    }

    /**
     * Stops one sharded entity on this node as if it were lost with its node: {@code typeName} as its
     * EntityTypeKey names it ("Queue", "Channel", "ConferenceRoom"), {@code entityId} as sharding knows it. The actor
     * is found under the sharding's path and stopped from outside (no passivation, so sharding neither hands it its
     * messages nor expects it back, and whatever it held in memory is gone); its next message starts a fresh one
     * (or, for a remembered entity, the shard does). Returns once the shard has seen it end.
     */
    public static void lose(ActorSystem<?> system, String typeName, String entityId) throws Exception {
        String name = URLEncoder.encode(entityId, StandardCharsets.UTF_8);
        Object identity = Patterns.ask(system.classicSystem()
                        .actorSelection("/system/sharding/" + typeName + "/*/" + name), new Identify(entityId),
                Duration.ofSeconds(5)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        org.apache.pekko.actor.ActorRef entity = ((ActorIdentity) identity).getActorRef()
                .orElseThrow(() -> new AssertionError("no " + typeName + " entity " + entityId + " on this node"));
        system.classicSystem().stop(entity);
        // once the shard has seen the end, a message starts a fresh entity instead of going to the dead one
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (activeInShard(system, typeName, entityId)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the shard did not see " + typeName + " " + entityId + " end");
            }
            Thread.sleep(20);
        }
    }

    private static boolean activeInShard(ActorSystem<?> system, String typeName, String entityId) {
        try {
            Object state = Patterns.ask(ClusterSharding.get(system.classicSystem()).shardRegion(typeName),
                    ShardRegion.getShardRegionStateInstance(), Duration.ofSeconds(5)).toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
            return ((ShardRegion.CurrentShardRegionState) state).getShards().stream()
                    .anyMatch(shard -> shard.getEntityIds().contains(entityId));
        } catch (Exception e) {
            throw new AssertionError("no shard state for " + typeName, e);
        }
    }
}
