package io.switchboard.actors.settings;

import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.ShardingEnvelope;
import org.apache.pekko.cluster.sharding.typed.HashCodeMessageExtractor;
import org.apache.pekko.cluster.sharding.typed.ShardingMessageExtractor;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * Starts sharding for a call entity type on the nodes of the configured entity role, with
 * {@code switchboard.actors.number-of-shards} shards.
 */
public final class ShardedEntities {
    private ShardedEntities() {
    }

    public static <M> void init(ActorSystem<?> system, ActorsSettings settings, EntityTypeKey<M> typeKey,
                                Function<String, Behavior<M>> create) {
        ShardingMessageExtractor<ShardingEnvelope<M>, M> extractor =
                new HashCodeMessageExtractor<M>(settings.numberOfShards());
        Entity<M, ShardingEnvelope<M>> entity = Entity.of(typeKey, ctx -> create.apply(ctx.getEntityId()))
                .withMessageExtractor(extractor);
        if (settings.entityRole().isPresent()) {
            entity = entity.withRole(settings.entityRole().get());
        }
        ClusterSharding.get(system).init(entity);
    }
}
