package io.switchboard.examples.reminder;

import io.switchboard.actors.SwitchboardActors;
import io.switchboard.actors.gateway.AriCommand;
import io.switchboard.actors.gateway.AriGateway;
import io.switchboard.actors.gateway.CommandResult;
import io.switchboard.actors.serialization.CborSerializable;
import io.switchboard.actors.serialization.LocalOnly;
import io.switchboard.ari.rest.ChannelsApi;
import io.switchboard.ari.rest.ClientIds;
import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * Calls people back with their recorded reminder when it is due: a Pekko timer per reminder, then an
 * originate into the application with {@link PlayReminder#CALLBACK_ARG} and the recording's name as
 * arguments, where {@link PlayReminder} plays it. Reminders live in memory: a restart forgets them.
 */
public final class Reminders {

    public interface Command extends CborSerializable {
    }

    /** Call {@code endpoint} on {@code asteriskId} after {@code delay} and play {@code recordingName}. */
    public record Schedule(String asteriskId, String endpoint, String recordingName, Duration delay)
            implements Command {
    }

    /** The reminders scheduled and not yet due. */
    public record GetPending(ActorRef<Pending> replyTo) implements Command {
    }

    /** The recordings of the reminders not yet due. */
    public record Pending(Set<String> recordingNames) implements CborSerializable {
    }

    private record Due(Schedule reminder) implements Command, LocalOnly {
    }

    private record CallbackPlaced(Schedule reminder, CommandResult result) implements Command, LocalOnly {
    }

    /** One per cluster; callbacks go through the gateway of the reminder's Asterisk. */
    public static ActorRef<Command> initSingleton(ActorSystem<?> system, String app) {
        SwitchboardActors actors = SwitchboardActors.get(system);
        return ClusterSingleton.get(system).init(SingletonActor.of(create(app, actors::gateway), "voice-reminders"));
    }

    /** {@code gateways}: the gateway of each Asterisk, by id. */
    public static Behavior<Command> create(String app, Function<String, ActorRef<AriGateway.Command>> gateways) {
        return Behaviors.setup(context -> Behaviors.withTimers(timers ->
                new Reminders(context, timers, app, gateways).behavior()));
    }

    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

    private final ActorContext<Command> context;
    private final TimerScheduler<Command> timers;
    private final String app;
    private final Function<String, ActorRef<AriGateway.Command>> gateways;
    private final ChannelsApi channels = new ChannelsApi(null);
    private final Set<String> pending = new TreeSet<>();

    private Reminders(ActorContext<Command> context, TimerScheduler<Command> timers, String app,
                      Function<String, ActorRef<AriGateway.Command>> gateways) {
        this.context = context;
        this.timers = timers;
        this.app = app;
        this.gateways = gateways;
    }

    private Behavior<Command> behavior() {
        return Behaviors.receive(Command.class)
                .onMessage(Schedule.class, this::onSchedule)
                .onMessage(Due.class, this::onDue)
                .onMessage(CallbackPlaced.class, this::onCallbackPlaced)
                .onMessage(GetPending.class, this::onGetPending)
                .build();
    }

    private Behavior<Command> onSchedule(Schedule reminder) {
        context.getLog().info("will call {} back in {} ms with {}", reminder.endpoint(), reminder.delay().toMillis(),
                reminder.recordingName());
        timers.startSingleTimer(reminder.recordingName(), new Due(reminder), reminder.delay());
        pending.add(reminder.recordingName());
        return Behaviors.same();
    }

    private Behavior<Command> onDue(Due due) {
        Schedule reminder = due.reminder();
        pending.remove(reminder.recordingName());
        AriCommand originate = AriCommand.of(channels.originate(reminder.endpoint())
                .app(app)
                .appArgs(PlayReminder.CALLBACK_ARG + "," + reminder.recordingName())
                .callerId("Reminder")
                .channelId(ClientIds.next()));
        context.ask(CommandResult.class, gateways.apply(reminder.asteriskId()), COMMAND_TIMEOUT,
                replyTo -> new AriGateway.Execute(originate, replyTo),
                (result, failure) -> new CallbackPlaced(reminder, result != null ? result
                        : new CommandResult.Failed(originate.toString(), CommandResult.Failed.Kind.TIMEOUT, 0,
                        String.valueOf(failure))));
        return Behaviors.same();
    }

    private Behavior<Command> onGetPending(GetPending get) {
        get.replyTo().tell(new Pending(Set.copyOf(pending)));
        return Behaviors.same();
    }

    private Behavior<Command> onCallbackPlaced(CallbackPlaced placed) {
        if (placed.result() instanceof CommandResult.Failed failed) {
            context.getLog().warn("could not call {} back: {}", placed.reminder().endpoint(), failed.message());
        } else {
            context.getLog().info("calling {} back with {}", placed.reminder().endpoint(),
                    placed.reminder().recordingName());
        }
        return Behaviors.same();
    }
}
