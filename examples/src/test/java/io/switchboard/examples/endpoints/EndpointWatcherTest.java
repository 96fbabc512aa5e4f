package io.switchboard.examples.endpoints;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.switchboard.ari.client.AriClient;
import io.switchboard.ari.client.AriSubscription;
import io.switchboard.examples.runner.AriTarget;
import io.switchboard.simulator.SimConfig;
import io.switchboard.simulator.SimulatedAsterisk;
import io.switchboard.simulator.clock.SimClock;
import io.switchboard.simulator.phones.PhoneScript;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.http.javadsl.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EndpointWatcherTest {
    private static SimulatedAsterisk sim;
    private static ActorTestKit testKit;

    @BeforeAll
    static void start() {
        sim = SimulatedAsterisk.start(SimConfig.defaults().withClock(SimClock.manual()));
        testKit = ActorTestKit.create(ConfigFactory.parseString("pekko.actor.provider = local")
                .withFallback(ConfigFactory.load()));
    }

    @AfterAll
    static void stop() throws Exception {
        Http.get(testKit.system()).shutdownAllConnectionPools().toCompletableFuture().get(5, TimeUnit.SECONDS);
        testKit.shutdownTestKit();
        sim.close();
    }

    @Test
    void printsTheEndpointsThenEachStateChange() throws Exception {
        List<String> printed = new CopyOnWriteArrayList<>();
        EndpointWatcher watcher = new EndpointWatcher(
                AriClient.create(testKit.system(), ListEndpoints.watcherSettings(AriTarget.of(sim))), printed::add);

        watcher.printEndpoints().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(List.of("4 endpoints:", "  PJSIP/agent1 online, no channels", "  PJSIP/agent2 online, no channels",
                "  PJSIP/agent3 online, no channels", "  PJSIP/caller online, no channels"), printed);

        try (AriSubscription subscription = watcher.watchChanges().toCompletableFuture().get(10, TimeUnit.SECONDS)) {
            String call = sim.calls().sipCall("PJSIP/caller", "100", "caller", PhoneScript.answer());
            TestProbe<Void> waiting = testKit.createTestProbe();
            waiting.awaitAssert(Duration.ofSeconds(10), () -> {
                assertTrue(printed.contains("changed: PJSIP/caller online, channels [" + call + "]"),
                        "printed so far: " + printed);
                return null;
            });
        }
    }
}
