package io.switchboard.examples.endpoints;

import io.switchboard.ari.client.AriClient;
import io.switchboard.ari.client.AriSettings;
import io.switchboard.ari.client.AriSubscription;
import io.switchboard.examples.runner.AriTarget;
import io.switchboard.examples.runner.ExampleRunner;
import io.switchboard.simulator.SimulatedAsterisk;
import io.switchboard.simulator.phones.PhoneScript;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Lists the endpoints of an Asterisk and watches their state changes. It needs no call flow, so it runs
 * a plain actor system with an ARI client of its own, under an application name of its own: it must not take
 * the call-center application's event socket away from a running Switchboard.
 */
public final class ListEndpoints {
    /** The Stasis application this watcher's event socket registers, subscribed to all events. */
    public static final String WATCHER_APP = "endpoint-watcher";

    private ListEndpoints() {
    }

    public static AriSettings watcherSettings(AriTarget target) {
        return AriSettings.of(target.ariUrl(), target.user(), target.password(), WATCHER_APP).withSubscribeAll(true);
    }

    /** Against the simulator, a SIP phone calls in so that its endpoint changes. */
    public static void main(String[] args) throws Exception {
        Optional<AriTarget> real = AriTarget.fromArgs(args, System.getenv());
        SimulatedAsterisk sim = real.isPresent() ? null : ExampleRunner.startSimulator();
        AriTarget target = real.orElseGet(() -> AriTarget.of(sim));
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "list-endpoints",
                ExampleRunner.nodeConfig(target, com.typesafe.config.ConfigFactory.parseString(
                        "pekko.actor.provider = local")));
        EndpointWatcher watcher = new EndpointWatcher(AriClient.create(system, watcherSettings(target)),
                System.out::println);
        watcher.printEndpoints().toCompletableFuture().get(30, TimeUnit.SECONDS);
        AriSubscription subscription = watcher.watchChanges().toCompletableFuture().get(30, TimeUnit.SECONDS);
        if (sim == null) {
            System.out.println("watching " + target.ariUrl() + "; stop with Ctrl-C");
            system.getWhenTerminated().toCompletableFuture().join();
            return;
        }
        sim.calls().sipCall("PJSIP/caller", "100", "caller", PhoneScript.answer());
        Thread.sleep(Duration.ofSeconds(2).toMillis());
        subscription.close();
        ExampleRunner.stop(system);
        sim.close();
    }
}
