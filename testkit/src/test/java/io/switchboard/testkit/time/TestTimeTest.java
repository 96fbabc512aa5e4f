package io.switchboard.testkit.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.actors.time.Timers;
import io.switchboard.simulator.SimConfig;
import io.switchboard.simulator.SimulatedAsterisk;
import io.switchboard.simulator.clock.SimClock;
import java.time.Duration;
import java.time.Instant;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TestTimeTest {
    private final SimulatedAsterisk sim = SimulatedAsterisk.start(SimConfig.defaults().withClock(SimClock.manual()));
    private final TestTime time = TestTime.of(sim);
    private final ActorTestKit kit = ActorTestKit.create();
    private final TestProbe<Fired> fired = kit.createTestProbe();

    @AfterEach
    void stop() {
        kit.shutdownTestKit();
        sim.close();
    }

    record Fired(String key) {
    }

    sealed interface Command permits Start, StartPeriodic, Cancel, Tick, Stop, Started {
    }

    record Start(String key, Duration delay, ActorRef<Started> replyTo) implements Command {
    }

    record StartPeriodic(String key, Duration delay, ActorRef<Started> replyTo) implements Command {
    }

    record Cancel(String key, ActorRef<Started> replyTo) implements Command {
    }

    record Tick(String key) implements Command {
    }

    record Stop() implements Command {
    }

    record Started() implements Command {
    }

    private Behavior<Command> timed() {
        return time.timekeeper().withTimers(timers -> Behaviors.receive(Command.class)
                .onMessage(Start.class, m -> {
                    timers.startSingleTimer(m.key(), new Tick(m.key()), m.delay());
                    return acknowledge(m.replyTo());
                })
                .onMessage(StartPeriodic.class, m -> {
                    timers.startTimerWithFixedDelay(m.key(), new Tick(m.key()), m.delay());
                    return acknowledge(m.replyTo());
                })
                .onMessage(Cancel.class, m -> {
                    timers.cancel(m.key());
                    return acknowledge(m.replyTo());
                })
                .onMessage(Tick.class, m -> {
                    fired.getRef().tell(new Fired(m.key()));
                    return Behaviors.same();
                })
                .onMessage(Stop.class, m -> Behaviors.stopped())
                .build());
    }

    private static Behavior<Command> acknowledge(ActorRef<Started> replyTo) {
        replyTo.tell(new Started());
        return Behaviors.same();
    }

    private ActorRef<Command> started(Command... commands) {
        return startedOn(kit.spawn(timed()), commands);
    }

    private ActorRef<Command> startedOn(ActorRef<Command> actor, Command... commands) {
        TestProbe<Started> ack = kit.createTestProbe();
        for (Command command : commands) {
            actor.tell(command instanceof Start s ? new Start(s.key(), s.delay(), ack.getRef())
                    : command instanceof StartPeriodic p ? new StartPeriodic(p.key(), p.delay(), ack.getRef())
                    : new Cancel(((Cancel) command).key(), ack.getRef()));
            ack.expectMessageClass(Started.class);
        }
        return actor;
    }

    // Timers fire in due-time order on the clock's thread, and each tells its actor in that order, so the
    // order of Fired messages shows when each timer fired relative to the others.

    @Test
    void aTimerFiresWhenTimeReachesItAndNotBefore() {
        // one actor for both: two actors told in order may still tell their Fired out of order
        ActorRef<Command> actor = started(new Start("a", Duration.ofSeconds(10), null));
        time.advance(Duration.ofSeconds(9));
        startedOn(actor, new Start("marker at 9.5 s", Duration.ofMillis(500), null));
        time.advance(Duration.ofSeconds(1));
        assertEquals("marker at 9.5 s", fired.receiveMessage().key());
        assertEquals("a", fired.receiveMessage().key());
        assertEquals(Instant.parse("2026-01-01T09:00:10Z"), time.now());
    }

    @Test
    void restartingUnderTheSameKeyReplacesAndCancelStops() {
        started(new Start("a", Duration.ofSeconds(5), null), new Start("a", Duration.ofSeconds(8), null),
                new Start("b", Duration.ofSeconds(6), null), new Cancel("b", null),
                new Start("marker at 7 s", Duration.ofSeconds(7), null),
                new Start("marker at 9 s", Duration.ofSeconds(9), null));
        time.advance(Duration.ofSeconds(20));
        assertEquals("marker at 7 s", fired.receiveMessage().key());
        assertEquals("a", fired.receiveMessage().key());
        assertEquals("marker at 9 s", fired.receiveMessage().key());
        assertEquals(0, time.simulatorClock().pendingTimers());
    }

    @Test
    void aPeriodicTimerFiresAtEachPeriodWithinOneAdvance() {
        started(new StartPeriodic("tick", Duration.ofSeconds(2), null),
                new Start("marker at 7 s", Duration.ofSeconds(7), null));
        time.advance(Duration.ofSeconds(7));
        for (int i = 0; i < 3; i++) {
            assertEquals("tick", fired.receiveMessage().key(), "tick at " + (2 * i + 2) + " s");
        }
        assertEquals("marker at 7 s", fired.receiveMessage().key());
        assertEquals(1, time.simulatorClock().pendingTimers(), "the tick due at 8 s");
    }

    @Test
    void aStoppedActorsTimersAreCancelled() {
        ActorRef<Command> actor = started(new StartPeriodic("tick", Duration.ofSeconds(1), null));
        actor.tell(new Stop());
        TestProbe<Object> watcher = kit.createTestProbe();
        watcher.expectTerminated(actor);
        assertEquals(0, time.simulatorClock().pendingTimers());
    }
}
