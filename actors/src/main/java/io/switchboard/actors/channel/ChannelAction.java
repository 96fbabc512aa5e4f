package io.switchboard.actors.channel;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.switchboard.actors.gateway.AriCommand;
import io.switchboard.actors.serialization.CborSerializable;
import io.switchboard.ari.rest.ChannelsApi;

/** A one-shot command on a channel: one REST call, done when Asterisk answers it. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "action")
@JsonSubTypes({
        @JsonSubTypes.Type(ChannelAction.Answer.class), @JsonSubTypes.Type(ChannelAction.Ring.class),
        @JsonSubTypes.Type(ChannelAction.StopRinging.class), @JsonSubTypes.Type(ChannelAction.Hold.class),
        @JsonSubTypes.Type(ChannelAction.Unhold.class), @JsonSubTypes.Type(ChannelAction.StartMoh.class),
        @JsonSubTypes.Type(ChannelAction.StopMoh.class), @JsonSubTypes.Type(ChannelAction.StartSilence.class),
        @JsonSubTypes.Type(ChannelAction.StopSilence.class), @JsonSubTypes.Type(ChannelAction.Mute.class),
        @JsonSubTypes.Type(ChannelAction.Unmute.class), @JsonSubTypes.Type(ChannelAction.SendDtmf.class),
        @JsonSubTypes.Type(ChannelAction.SetVariable.class), @JsonSubTypes.Type(ChannelAction.Hangup.class),
        @JsonSubTypes.Type(ChannelAction.ContinueInDialplan.class), @JsonSubTypes.Type(ChannelAction.Move.class),
        @JsonSubTypes.Type(ChannelAction.Redirect.class)})
public sealed interface ChannelAction extends CborSerializable {

    /** The REST call that carries the action out on {@code channelId}. */
    AriCommand command(ChannelsApi channels, String channelId);

    record Answer() implements ChannelAction {
        public AriCommand command(ChannelsApi channels, String id) {
            return AriCommand.of(channels.answer(id));
        }
    }

    record Ring() implements ChannelAction {
        public AriCommand command(ChannelsApi channels, String id) {
            return AriCommand.of(channels.ring(id));
        }
    }

    record StopRinging() implements ChannelAction {
        public AriCommand command(ChannelsApi channels, String id) {
            return AriCommand.of(channels.ringStop(id));
        }
    }

    record Hold() implements ChannelAction {
        public AriCommand command(ChannelsApi channels, String id) {
            return AriCommand.of(channels.hold(id));
        }
    }

    record Unhold() implements ChannelAction {
        public AriCommand command(ChannelsApi channels, String id) {
            return AriCommand.of(channels.unhold(id));
        }
    }

    /** Music on hold; {@code mohClass} null for the default class. */
    record StartMoh(String mohClass) implements ChannelAction {
        public AriCommand command(ChannelsApi channels, String id) {
            return AriCommand.of(channels.startMoh(id).mohClass(mohClass));
        }
    }

    record StopMoh() implements ChannelAction {
        public AriCommand command(ChannelsApi channels, String id) {
            return AriCommand.of(channels.stopMoh(id));
        }
    }

    record StartSilence() implements ChannelAction {
        public AriCommand command(ChannelsApi channels, String id) {
            return AriCommand.of(channels.startSilence(id));
        }
    }

    record StopSilence() implements ChannelAction {
        public AriCommand command(ChannelsApi channels, String id) {
            return AriCommand.of(channels.stopSilence(id));
        }
    }

    /** {@code direction}: in, out or both. */
    record Mute(String direction) implements ChannelAction {
        public AriCommand command(ChannelsApi channels, String id) {
            return AriCommand.of(channels.mute(id).direction(direction));
        }
    }

    record Unmute(String direction) implements ChannelAction {
        public AriCommand command(ChannelsApi channels, String id) {
            return AriCommand.of(channels.unmute(id).direction(direction));
        }
    }

    record SendDtmf(String digits) implements ChannelAction {
        public AriCommand command(ChannelsApi channels, String id) {
            return AriCommand.of(channels.sendDTMF(id).dtmf(digits));
        }
    }

    record SetVariable(String variable, String value) implements ChannelAction {
        public AriCommand command(ChannelsApi channels, String id) {
            return AriCommand.of(channels.setChannelVar(id, variable).value(value));
        }
    }

    /** {@code reason}: normal, busy, congestion, no_answer... (null for normal). */
    record Hangup(String reason) implements ChannelAction {
        public AriCommand command(ChannelsApi channels, String id) {
            return AriCommand.of(channels.hangup(id).reason(reason));
        }
    }

    record ContinueInDialplan(String context, String extension, Integer priority) implements ChannelAction {
        public AriCommand command(ChannelsApi channels, String id) {
            return AriCommand.of(channels.continueInDialplan(id).context(context).extension(extension)
                    .priority(priority));
        }
    }

    record Move(String app, String appArgs) implements ChannelAction {
        public AriCommand command(ChannelsApi channels, String id) {
            return AriCommand.of(channels.move(id, app).appArgs(appArgs));
        }
    }

    record Redirect(String endpoint) implements ChannelAction {
        public AriCommand command(ChannelsApi channels, String id) {
            return AriCommand.of(channels.redirect(id, endpoint));
        }
    }
}
