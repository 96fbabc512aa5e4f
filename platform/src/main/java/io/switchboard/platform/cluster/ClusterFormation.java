package io.switchboard.platform.cluster;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.AddressFromURIString;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.JoinSeedNodes;
import org.apache.pekko.management.cluster.bootstrap.ClusterBootstrap;
import org.apache.pekko.management.javadsl.PekkoManagement;

/**
 * Starts joining or forming the cluster the way {@link ClusterSettings} say. Returns without waiting for Up. A node
 * calls it once it has started everything else: a member is watched by the others' failure detectors from its
 * join, and the seconds of class loading and first compilation of a starting JVM (three of them at once on a
 * two-core host) can delay its heartbeats past the pause that the tuned detection tolerates, so that it would be
 * downed before it served a call.
 */
public final class ClusterFormation {
    private ClusterFormation() {
    }

    /**
     * @param system created from a config that went through {@link ClusterConfig}
     * @throws IllegalStateException when Pekko Management cannot bind its port
     */
    public static void start(ActorSystem<?> system, ClusterSettings settings) {
        switch (settings.discovery()) {
            case SINGLE -> {
                Cluster cluster = Cluster.get(system);
                cluster.manager().tell(Join.create(cluster.selfMember().address()));
            }
            case SEED_NODES -> Cluster.get(system).manager().tell(new JoinSeedNodes(settings.seedNodes().stream()
                    .map(AddressFromURIString::parse).toList()));
            case CONFIG, KUBERNETES_API -> {
                startManagement(system, settings.management());
                ClusterBootstrap.get(Adapter.toClassic(system)).start();
            }
        }
    }

    private static void startManagement(ActorSystem<?> system, ManagementSettings management) {
        try {
            PekkoManagement.get(Adapter.toClassic(system)).start().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("Pekko Management could not listen on " + management.bindHostname() + ":"
                    + management.port() + " (switchboard.cluster.management): " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting Pekko Management", e);
        }
    }
}
