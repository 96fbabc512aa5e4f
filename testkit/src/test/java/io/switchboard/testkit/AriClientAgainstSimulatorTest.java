package io.switchboard.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import io.switchboard.ari.client.AriClient;
import io.switchboard.ari.client.AriSettings;
import io.switchboard.ari.client.AriSettings.CommandTransport;
import io.switchboard.ari.client.AriSubscription;
import io.switchboard.ari.events.AriEvent;
import io.switchboard.ari.events.PlaybackFinished;
import io.switchboard.ari.events.StasisStart;
import io.switchboard.ari.model.Channel;
import io.switchboard.ari.model.Playback;
import io.switchboard.ari.rest.AriException;
import io.switchboard.testkit.junit.SimulatedAsteriskExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The typed ARI client against the simulator, over HTTP and over REST on the event WebSocket (AUTO). */
class AriClientAgainstSimulatorTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static ActorSystem system;

    @RegisterExtension
    final SimulatedAsteriskExtension sim = SimulatedAsteriskExtension.manualClock();

    @BeforeAll
    static void startSystem() {
        system = ActorSystem.create("ari-client-test", ConfigFactory.parseString(
                "pekko.loglevel = WARNING\npekko.http.host-connection-pool.max-retries = 0"));
    }

    @AfterAll
    static void stopSystem() {
        Http.get(system).shutdownAllConnectionPools().toCompletableFuture().join();
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
    }

    @ParameterizedTest
    @EnumSource(value = CommandTransport.class, names = {"HTTP", "AUTO"})
    void originateAnswerPlayHangUp(CommandTransport transport) throws Exception {
        LinkedBlockingQueue<AriEvent> events = new LinkedBlockingQueue<>();
        AriClient ari = client(transport);
        try (AriSubscription ignored = ari.listen(events::add)) {
            awaitReady(ari, transport);
            Channel out = await(ari.channels().originate("Local/answer@sim").app("callcenter").appArgs("outbound")
                    .channelId("out-1").otherChannelId("phone-out-1").send());
            assertEquals("out-1", out.id());
            assertEquals("Up", ((StasisStart) next(events, "StasisStart")).channel().state());
            await(ari.channels().answer("out-1").send());
            Playback playback = await(ari.channels().playWithId("out-1", "pb-1", "sound:hello-world").send());
            assertEquals("channel:out-1", playback.targetUri());
            next(events, "PlaybackStarted");
            sim.advance(Duration.ofSeconds(3));
            assertEquals("done", ((PlaybackFinished) next(events, "PlaybackFinished")).playback().state());
            await(ari.channels().hangup("out-1").send());
            next(events, "ChannelDestroyed");
            assertEquals(List.of(), await(ari.channels().list().send()));
            assertEquals(transport == CommandTransport.AUTO, ari.commandsOverWebSocket());
        }
    }

    @ParameterizedTest
    @EnumSource(value = CommandTransport.class, names = {"HTTP", "AUTO"})
    void errorsArriveTyped(CommandTransport transport) throws Exception {
        LinkedBlockingQueue<AriEvent> events = new LinkedBlockingQueue<>();
        AriClient ari = client(transport);
        try (AriSubscription ignored = ari.listen(events::add)) {
            awaitReady(ari, transport);
            assertInstanceOf(AriException.NotFound.class, failure(ari.channels().get("nobody").send()));
            await(ari.channels().originate("Local/answer@sim").app("callcenter").channelId("out-2")
                    .otherChannelId("phone-out-2").send());
            next(events, "StasisStart");
            // the phone half exists but is not in Stasis
            assertInstanceOf(AriException.Conflict.class, failure(ari.channels().answer("phone-out-2").send()));
            await(ari.bridges().create().type("mixing").bridgeId("b-1").send());
            assertInstanceOf(AriException.Unprocessable.class,
                    failure(ari.bridges().addChannel("b-1", "phone-out-2").send()));
            assertInstanceOf(AriException.Conflict.class, failure(ari.bridges().create().bridgeId("b-1").send()));
            await(ari.bridges().destroy("b-1").send());
            await(ari.channels().hangup("out-2").send());
        }
    }

    @ParameterizedTest
    @EnumSource(value = CommandTransport.class, names = {"HTTP", "AUTO"})
    void soundIdsWithASlashAreFound(CommandTransport transport) throws Exception {
        AriClient ari = client(transport);
        try (AriSubscription ignored = ari.listen(e -> { })) {
            awaitReady(ari, transport);
            assertEquals("silence/1", await(ari.sounds().get("silence/1").send()).id());
        }
    }

    private AriClient client(CommandTransport transport) {
        return AriClient.create(system, AriSettings.of(sim.ariUrl(), sim.user(), sim.password(), "callcenter")
                .withCommandTransport(transport).withRequestTimeout(WAIT));
    }

    /** The app is registered; with AUTO also the switch of commands onto the socket has happened. */
    private void awaitReady(AriClient ari, CommandTransport transport) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!sim.sim().appRegistered("callcenter")
                || (transport == CommandTransport.AUTO && !ari.commandsOverWebSocket())) {
            assertTrue(System.nanoTime() < deadline, "client not ready within " + WAIT);
            Thread.sleep(10);
        }
    }

    private static AriEvent next(LinkedBlockingQueue<AriEvent> events, String type) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            AriEvent e = events.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e == null) {
                throw new AssertionError("no " + type + " within " + WAIT);
            }
            if (e.type().equals(type)) {
                return e;
            }
        }
    }

    private static <T> T await(CompletionStage<T> stage) {
        return stage.toCompletableFuture().orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
    }

    private static Throwable failure(CompletionStage<?> stage) {
        try {
            await(stage);
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure");
    }
}
