package io.switchboard.actors.channel;

import io.switchboard.actors.SwitchboardActors;
import io.switchboard.actors.flow.Call;
import io.switchboard.actors.flow.CallEndedException;
import io.switchboard.actors.flow.CallFlow;
import io.switchboard.actors.flow.FlowRegistry;
import io.switchboard.ari.events.AriEvent;
import io.switchboard.ari.model.Channel;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * The call's flow as its channel entity runs it: which application and arguments the channel entered with,
 * the flow found for them in the node's {@link FlowRegistry}, and the {@link Call} it runs on. A flow starts
 * once per entity: on StasisStart, or resumed when the entity takes over a call already in the application.
 */
final class RunningFlow {
    private final ActorContext<ChannelEntity.Command> context;
    private final String entityId;
    private final String asteriskId;
    private final String channelId;
    private final Function<Throwable, ChannelEntity.Command> finished;
    private String app;
    private List<String> args = List.of();
    private Call call;

    RunningFlow(ActorContext<ChannelEntity.Command> context, String entityId, String asteriskId, String channelId,
                Function<Throwable, ChannelEntity.Command> finished) {
        this.context = context;
        this.entityId = entityId;
        this.asteriskId = asteriskId;
        this.channelId = channelId;
        this.finished = finished;
    }

    String app() {
        return app;
    }

    List<String> args() {
        return args;
    }

    /** A leg created to be dialled by another call (it runs no flow of its own). */
    boolean isDialledLeg() {
        return args.size() == 1 && FlowRegistry.PEER_ARG.equals(args.get(0));
    }

    /**
     * The channel entered {@code app} with {@code args} at {@code timestamp} (Asterisk's): its flow starts, unless
     * one runs already.
     */
    void entered(String app, List<String> args, Channel snapshot, String timestamp) {
        this.app = app;
        this.args = args == null ? List.of() : List.copyOf(args);
        start(snapshot, false, timestamp);
    }

    /** The channel is in the application already (its previous entity was lost, or events were missed). */
    void takenOver(Channel snapshot) {
        String data = snapshot.dialplan() == null || snapshot.dialplan().appData() == null ? ""
                : snapshot.dialplan().appData();
        String[] parts = data.split(",");
        app = parts[0];
        args = parts.length > 1 ? List.of(parts).subList(1, parts.length) : List.of();
        start(snapshot, true, null);
    }

    private void start(Channel snapshot, boolean resumed, String enteredAt) {
        if (call != null) {
            return;
        }
        FlowRegistry registry = SwitchboardActors.get(context.getSystem()).flows();
        CallFlow flow = registry.find(app, args).orElse(null);
        if (flow == null) {
            if (!(args.size() == 1 && FlowRegistry.PEER_ARG.equals(args.get(0)))) {
                context.getLog().warn("no flow for {} entering {} with args {}", entityId, app, args);
            }
            return;
        }
        call = new Call(context.getSystem(), asteriskId, channelId, snapshot, app, args, resumed, enteredAt,
                context.getSelf());
        CompletionStage<?> running;
        try {
            running = flow.run(call);
        } catch (RuntimeException e) {
            running = CompletableFuture.failedFuture(e);
        }
        context.pipeToSelf(running, (ok, failure) -> finished.apply(failure));
    }

    void deliver(AriEvent event) {
        if (call != null) {
            call.deliver(event);
        }
    }

    void end(String reason) {
        if (call != null) {
            call.end(reason);
        }
    }

    /** Logs how the flow ended: a flow stopped by the end of its call is no failure. */
    void logEnd(Throwable failure) {
        if (failure == null) {
            return;
        }
        Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
        if (cause instanceof CallEndedException) {
            context.getLog().debug("flow of {} stopped: {}", entityId, cause.getMessage());
        } else {
            context.getLog().warn("flow of {} failed: {}", entityId, cause.toString());
        }
    }
}
