package io.switchboard.actors.channel;

import io.switchboard.actors.flow.FlowRegistry;
import io.switchboard.actors.gateway.AriCommand;
import io.switchboard.actors.gateway.EntityIds;
import io.switchboard.actors.serialization.LocalOnly;
import io.switchboard.ari.events.Dial;
import io.switchboard.ari.model.Channel;
import io.switchboard.ari.rest.ChannelsApi;
import io.switchboard.ari.rest.ClientIds;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * Both ends of a dial, as a {@link ChannelEntity} takes part in them. As the caller, it creates a leg (a new
 * channel) per dial and asks the leg's own entity to dial it; the result passes back through here so that the
 * caller knows which legs it still dials ({@link DialledLegs}). As a leg, it dials its channel and reports the
 * one result ({@link DialTracker}).
 */
final class Dialling {
    /** A leg's dial result, on its way back to whoever asked the caller to dial. */
    record Relayed(String legId, ActorRef<Outcome> replyTo, Outcome outcome)
            implements ChannelEntity.Command, LocalOnly {
    }

    /** How long the caller waits for a leg's result when the dial itself has no timeout. */
    private static final Duration NO_TIMEOUT_BOUND = Duration.ofMinutes(5);

    private final ActorContext<ChannelEntity.Command> context;
    private final CommandsInFlight commands;
    private final String asteriskId;
    private final String channelId;
    /** Builds requests only: the gateway sends them. */
    private static final ChannelsApi CHANNELS = new ChannelsApi(null);
    /** This channel's own dial, when a call created it to dial it. */
    private final DialTracker ownDial;
    /** The legs this call is dialling. */
    private final DialledLegs legs;

    Dialling(ActorContext<ChannelEntity.Command> context, CommandsInFlight commands, String asteriskId,
             String channelId) {
        this.context = context;
        this.commands = commands;
        this.asteriskId = asteriskId;
        this.channelId = channelId;
        this.ownDial = new DialTracker(channelId);
        this.legs = new DialledLegs((legId, reason) -> leg(legId).tell(
                new ChannelEntity.Perform(new ChannelAction.Hangup(reason), context.getSystem().ignoreRef())));
    }

    // ---- as the caller ----

    /** Creates a leg in {@code app}; once it exists, its entity dials it. */
    void dialOut(ChannelEntity.DialOut dial, String app) {
        String legId = ClientIds.next();
        legs.dialling(legId, dial.endpoint());
        commands.execute(AriCommand.of(CHANNELS.create(dial.endpoint(), app).channelId(legId)
                        .appArgs(FlowRegistry.PEER_ARG)),
                new PendingCommand.PeerCreated(legId, dial.timeout(), dial.replyTo()));
    }

    private void legCreated(PendingCommand.PeerCreated created) {
        Duration bound = (created.timeout() == null ? NO_TIMEOUT_BOUND : created.timeout()).plusSeconds(30);
        String legId = created.peerId();
        context.ask(Outcome.class, leg(legId), bound,
                relay -> new ChannelEntity.DialFrom(channelId, created.timeout(), relay),
                (outcome, failure) -> new Relayed(legId, created.replyTo(), outcome != null ? outcome
                        : new Outcome.Failed(Outcome.Failed.Reason.COMMAND_FAILED, null,
                        "no dial result from " + legId)));
    }

    void relayed(Relayed relayed) {
        legs.done(relayed.legId());
        relayed.replyTo().tell(relayed.outcome());
    }

    void cancelAllExcept(ChannelEntity.CancelDialsExcept cancel) {
        legs.hangUpAllExcept(cancel.keepPeerId());
    }

    void cancelDialsTo(ChannelEntity.CancelDialsTo cancel) {
        legs.hangUpDialsTo(cancel.endpoint());
    }

    /** The caller is gone: the legs still ringing are hung up. */
    void callEnded() {
        legs.hangUpAll();
    }

    // ---- as a leg ----

    void dialFrom(ChannelEntity.DialFrom dial) {
        ownDial.started(dial.replyTo());
        commands.execute(AriCommand.of(CHANNELS.dial(channelId).caller(dial.callerChannelId())
                        .timeout(dial.timeout() == null ? null : (int) Math.max(1, dial.timeout().toSeconds()))),
                new PendingCommand.DialStarted(dial.replyTo()));
    }

    void onDial(Dial dial) {
        if (ownDial.onDial(dial)) {
            commands.execute(new ChannelAction.Hangup(null).command(CHANNELS, channelId), new PendingCommand.Ignore());
        }
    }

    void resynced(Channel snapshot) {
        ownDial.resynced(snapshot);
    }

    void destroyed(Integer cause) {
        ownDial.destroyed(cause);
    }

    /** The leg is gone, or forgotten, without a dial result. */
    void cancelled() {
        ownDial.cancel();
    }

    /** Handles the gateway's answer to one of its commands; false when the command was not one of these. */
    boolean answered(PendingCommand pending, Outcome failure) {
        if (pending instanceof PendingCommand.PeerCreated created) {
            if (failure != null) {
                legs.done(created.peerId());
                created.replyTo().tell(failure);
            } else {
                legCreated(created);
            }
        } else if (pending instanceof PendingCommand.DialStarted started) {
            if (failure != null) {
                ownDial.refused(started.replyTo(), failure);
            }
        } else {
            return false;
        }
        return true;
    }

    private EntityRef<ChannelEntity.Command> leg(String legId) {
        return ClusterSharding.get(context.getSystem()).entityRefFor(ChannelEntity.TYPE_KEY,
                EntityIds.of(asteriskId, legId));
    }
}
