package io.switchboard.actors.settings;

import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/** Starts sharding for a call entity type on the nodes of the configured entity role. */
public final class ShardedEntities {
    private ShardedEntities() {
    }

    public static <M> void init(ActorSystem<?> system, ActorsSettings settings, EntityTypeKey<M> typeKey,
                                Function<String, Behavior<M>> create) {
        Entity<M, ?> entity = Entity.of(typeKey, ctx -> create.apply(ctx.getEntityId()));
        if (settings.entityRole().isPresent()) {
            entity = entity.withRole(settings.entityRole().get());
        }
        ClusterSharding.get(system).init(entity);
    }
}
