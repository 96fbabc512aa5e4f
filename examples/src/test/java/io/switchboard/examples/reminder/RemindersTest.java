package io.switchboard.examples.reminder;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.actors.gateway.AriCommand;
import io.switchboard.actors.gateway.AriGateway;
import io.switchboard.actors.gateway.CommandResult;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The reminder timer alone, on Pekko's manual time: the callback is placed exactly when due. */
class RemindersTest {
    private static final ActorTestKit testKit = ActorTestKit.create(ManualTime.config());
    private static final ManualTime time = ManualTime.get(testKit.system());

    @AfterAll
    static void stop() {
        testKit.shutdownTestKit();
    }

    @Test
    void callsBackThroughTheGatewayOnceTheDelayIsOver() {
        TestProbe<AriGateway.Command> gateway = testKit.createTestProbe();
        ActorRef<Reminders.Command> reminders = testKit.spawn(Reminders.create("callcenter", id -> gateway.getRef()));

        reminders.tell(new Reminders.Schedule("pbx1", "PJSIP/caller", "reminder-caller-1", Duration.ofSeconds(30)));
        // the timer is set once the reminder is pending: only then may time pass
        assertEquals(Set.of("reminder-caller-1"), pending(reminders));
        time.timePasses(Duration.ofSeconds(29));
        // a timer that had fired would have queued its Due ahead of this question, and the reminder would be gone
        assertEquals(Set.of("reminder-caller-1"), pending(reminders), "not due at 29 s");

        time.timePasses(Duration.ofSeconds(1));
        AriGateway.Execute originate = gateway.expectMessageClass(AriGateway.Execute.class);
        assertEquals(Set.of(), pending(reminders), "due at 30 s");
        AriCommand command = originate.command();
        assertEquals("POST /channels", command.method() + " " + command.path());
        Map<String, String> query = command.query().stream()
                .collect(Collectors.toMap(AriCommand.QueryParam::name, AriCommand.QueryParam::value));
        assertEquals("PJSIP/caller", query.get("endpoint"));
        assertEquals("callcenter", query.get("app"));
        assertEquals(PlayReminder.CALLBACK_ARG + ",reminder-caller-1", query.get("appArgs"));
        originate.replyTo().tell(new CommandResult.Succeeded("{}"));
    }

    private static Set<String> pending(ActorRef<Reminders.Command> reminders) {
        TestProbe<Reminders.Pending> probe = testKit.createTestProbe();
        reminders.tell(new Reminders.GetPending(probe.getRef()));
        return probe.receiveMessage().recordingNames();
    }
}
