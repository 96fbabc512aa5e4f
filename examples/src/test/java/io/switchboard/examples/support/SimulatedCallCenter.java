package io.switchboard.examples.support;

import com.typesafe.config.ConfigFactory;
import io.switchboard.ari.events.AriEvent;
import io.switchboard.examples.runner.AriTarget;
import io.switchboard.examples.runner.Example;
import io.switchboard.examples.runner.ExampleRunner;
import io.switchboard.simulator.SimConfig;
import io.switchboard.simulator.SimulatedAsterisk;
import io.switchboard.simulator.clock.ManualClock;
import io.switchboard.simulator.clock.SimClock;
import io.switchboard.testkit.time.TestTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * An example's node, started as {@link ExampleRunner} starts it but with every message serialized, driving a
 * simulated Asterisk on a manual clock that is the node's time too ({@link TestTime}). Records every event the
 * simulator sends.
 */
public final class SimulatedCallCenter implements AutoCloseable {
    /** The longest any wait of a test may take in real time. */
    public static final Duration REAL_TIME_LIMIT = Duration.ofSeconds(20);

    private final SimulatedAsterisk sim;
    private final ActorSystem<Void> node;
    private final List<AriEvent> events;

    private SimulatedCallCenter(SimulatedAsterisk sim, ActorSystem<Void> node, List<AriEvent> events) {
        this.sim = sim;
        this.node = node;
        this.events = events;
    }

    public static SimulatedCallCenter start(Example example) throws InterruptedException {
        SimulatedAsterisk sim = SimulatedAsterisk.start(SimConfig.defaults().withClock(SimClock.manual()));
        List<AriEvent> events = new CopyOnWriteArrayList<>();
        sim.tapEvents(events::add);
        ActorSystem<Void> node = ExampleRunner.startNode(AriTarget.of(sim), example, ConfigFactory.parseString("""
                pekko.actor.serialize-messages = on
                pekko.http.host-connection-pool.max-retries = 0
                switchboard.actors.command-timeout = 5s
                switchboard.actors.retry-backoff = 20ms
                """), system -> TestTime.of(sim).timekeeper());
        ExampleRunner.awaitConnected(node, REAL_TIME_LIMIT);
        return new SimulatedCallCenter(sim, node, events);
    }

    public SimulatedAsterisk sim() {
        return sim;
    }

    public ManualClock clock() {
        return sim.manualClock();
    }

    public ActorSystem<Void> node() {
        return node;
    }

    /** Every event sent so far, to any application. */
    public List<AriEvent> events() {
        return List.copyOf(events);
    }

    /** Waits for an event, moving simulated time on by {@code step} while none has come. */
    @SuppressWarnings("unchecked")
    public <E extends AriEvent> E awaitEvent(Class<E> type, Predicate<E> matching, Duration step) {
        return awaitValue(() -> events.stream().filter(type::isInstance).map(e -> (E) e).filter(matching).findFirst(),
                step, "a " + type.getSimpleName() + " as expected; sent so far: " + events);
    }

    /** Waits for a flow's report, moving simulated time on by {@code step} while it is not in. */
    public Object awaitReport(CompletableFuture<Object> report, Duration step) {
        return awaitValue(() -> Optional.ofNullable(report.getNow(null)), step, "the flow's report");
    }

    /**
     * Polls {@code value} until present, moving simulated time on by {@code step} (may be zero) between
     * polls; fails after {@link #REAL_TIME_LIMIT} of real time.
     */
    public <T> T awaitValue(Supplier<Optional<T>> value, Duration step, String what) {
        Instant deadline = Instant.now().plus(REAL_TIME_LIMIT);
        while (Instant.now().isBefore(deadline)) {
            Optional<T> found = value.get();
            if (found.isPresent()) {
                return found.get();
            }
            if (!step.isZero()) {
                clock().advance(step);
            }
            pause();
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    /** Lets actors and sockets work between two polls. */
    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    @Override
    public void close() {
        ExampleRunner.stop(node);
        sim.close();
    }
}
