package io.switchboard.examples.whoami;

import io.switchboard.actors.flow.Call;
import io.switchboard.actors.flow.CallFlow;
import io.switchboard.actors.flow.FlowRegistry;
import io.switchboard.actors.flow.Gather;
import io.switchboard.examples.runner.Example;
import io.switchboard.examples.runner.ExampleRunner;
import io.switchboard.simulator.SimulatedAsterisk;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells callers who they are: answers, says the caller's number, beeps, collects the digits they type until
 * '#', reads them back and hangs up. The stage completes with the digits typed.
 */
public final class WhoAmI implements CallFlow {
    private static final Logger log = LoggerFactory.getLogger(WhoAmI.class);

    private final Gather typedDigits;

    public WhoAmI() {
        this(Duration.ofSeconds(10));
    }

    /** {@code patience}: how long to wait for the first digit (and half of it between digits). */
    public WhoAmI(Duration patience) {
        this.typedDigits = Gather.digits(20).terminator("#").timeouts(patience, patience.dividedBy(2));
    }

    @Override
    public CompletionStage<String> run(Call call) {
        return call.answer()
                .thenCompose(x -> call.play("sound:hello-world"))
                .thenCompose(x -> sayCallerNumber(call))
                .thenCompose(x -> call.play("sound:beep"))
                .thenCompose(x -> call.gather(typedDigits))
                .thenCompose(typed -> readBack(call, typed).thenApply(x -> typed));
    }

    private static CompletionStage<?> sayCallerNumber(Call call) {
        return call.callerNumber().isEmpty() ? call.play("sound:beep") : call.sayDigits(call.callerNumber());
    }

    private static CompletionStage<?> readBack(Call call, String typed) {
        log.info("caller {} typed '{}'", call.callerNumber(), typed);
        CompletionStage<?> said = typed.isEmpty() ? call.play("sound:vm-goodbye")
                : call.play("digits:" + typed, "sound:vm-goodbye");
        return said.thenCompose(x -> call.hangup());
    }

    /** Runs against the simulator (two callers typing 1234), or a real Asterisk given by options. */
    public static void main(String[] args) throws InterruptedException {
        ExampleRunner.run(args, new Example() {
            @Override
            public FlowRegistry flows(ActorSystem<?> system, String app) {
                return new FlowRegistry().register(app, new WhoAmI());
            }

            @Override
            public void placeDemoCalls(SimulatedAsterisk sim) {
                sim.calls().inbound("whoami", "dtmf-1234", "Alice <2001>");
                sim.calls().inbound("whoami", "talk-dtmf-1234", "Bob <2002>");
            }
        }, Duration.ofSeconds(20));
    }
}
