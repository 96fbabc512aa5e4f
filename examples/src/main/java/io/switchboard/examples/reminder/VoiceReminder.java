package io.switchboard.examples.reminder;

import io.switchboard.actors.flow.Call;
import io.switchboard.actors.flow.CallFlow;
import io.switchboard.actors.flow.FlowRegistry;
import io.switchboard.actors.flow.Gather;
import io.switchboard.actors.flow.Recording;
import io.switchboard.examples.runner.Example;
import io.switchboard.examples.runner.ExampleRunner;
import io.switchboard.simulator.SimulatedAsterisk;
import io.switchboard.simulator.phones.PhoneScript;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Voice reminders: the caller types a number of seconds and '#', records a message after the tone (ended by
 * '#'), and is hung up; that many seconds later {@link Reminders} calls the caller back and
 * {@link PlayReminder} plays the message. The stage completes with the recording's name (empty when the
 * caller typed no delay or cannot be called back).
 */
public final class VoiceReminder implements CallFlow {
    private static final Logger log = LoggerFactory.getLogger(VoiceReminder.class);

    static final Gather DELAY_DIGITS = Gather.digits(6).terminator("#")
            .timeouts(Duration.ofSeconds(10), Duration.ofSeconds(5));

    private final ActorRef<Reminders.Command> reminders;
    private final Duration secondLength;

    /** {@code secondLength}: how long one second typed by the caller lasts (shorter in tests). */
    public VoiceReminder(ActorRef<Reminders.Command> reminders, Duration secondLength) {
        this.reminders = reminders;
        this.secondLength = secondLength;
    }

    /** Both flows of the example, the callback's first since the reminder's own takes any call. */
    public static FlowRegistry register(FlowRegistry flows, String app, ActorRef<Reminders.Command> reminders,
                                        Duration secondLength) {
        return flows.register(app, PlayReminder.CALLBACK_ARG, new PlayReminder())
                .register(app, new VoiceReminder(reminders, secondLength));
    }

    @Override
    public CompletionStage<String> run(Call call) {
        return call.answer()
                .thenCompose(x -> call.play("sound:beep"))
                .thenCompose(x -> call.gather(DELAY_DIGITS))
                .thenCompose(typed -> {
                    Optional<String> callback = callbackEndpoint(call);
                    if (!typed.matches("[0-9]{1,6}") || callback.isEmpty()) {
                        log.info("{}: no reminder (typed '{}', call back at {})", call.channelId(), typed, callback);
                        return goodbye(call, "");
                    }
                    return recordAndSchedule(call, callback.get(), secondLength.multipliedBy(Long.parseLong(typed)));
                });
    }

    private CompletionStage<String> recordAndSchedule(Call call, String callback, Duration delay) {
        Recording message = Recording.named("reminder-" + call.channelId()).maxDuration(Duration.ofMinutes(2))
                .terminateOn("#");
        return call.play("sound:vm-intro")
                .thenCompose(x -> call.record(message))
                .thenCompose(recorded -> {
                    reminders.tell(new Reminders.Schedule(call.asteriskId(), callback, recorded.name(), delay));
                    return goodbye(call, recorded.name());
                });
    }

    private static CompletionStage<String> goodbye(Call call, String result) {
        return call.play("sound:vm-goodbye").thenCompose(x -> call.hangup()).thenApply(x -> result);
    }

    /**
     * Where to call the caller back: the SIP endpoint the call came from ({@code PJSIP/alice-00000012} →
     * {@code PJSIP/alice}), else the PJSIP endpoint named like the caller's number.
     */
    static Optional<String> callbackEndpoint(Call call) {
        String name = call.channel() == null || call.channel().name() == null ? "" : call.channel().name();
        int suffix = name.lastIndexOf('-');
        if (name.startsWith("PJSIP/") && suffix > "PJSIP/".length()) {
            return Optional.of(name.substring(0, suffix));
        }
        return call.callerNumber().isEmpty() ? Optional.empty() : Optional.of("PJSIP/" + call.callerNumber());
    }

    /** Runs against the simulator (PJSIP/caller asks for a reminder in 5 s), or a real Asterisk given by options. */
    public static void main(String[] args) throws InterruptedException {
        ExampleRunner.run(args, new Example() {
            @Override
            public FlowRegistry flows(ActorSystem<?> system, String app) {
                return register(new FlowRegistry(), app, Reminders.initSingleton(system, app), Duration.ofSeconds(1));
            }

            @Override
            public void placeDemoCalls(SimulatedAsterisk sim) {
                String caller = sim.calls().sipCall("PJSIP/caller", "reminder", "caller", PhoneScript.answer());
                sim.calls().pressDigits(caller, "5#", Duration.ofMillis(300));
                // '#' ends the recording: pressed once the prompt and the tone are over
                CompletableFuture.runAsync(() -> sim.calls().pressDigits(caller, "#", Duration.ZERO),
                        CompletableFuture.delayedExecutor(7, TimeUnit.SECONDS));
            }
        }, Duration.ofSeconds(25));
    }
}
