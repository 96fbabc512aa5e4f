package io.switchboard.simulator.rest;

import io.switchboard.ari.model.Variable;
import io.switchboard.simulator.channels.ChannelMedia;
import io.switchboard.simulator.channels.OriginateRequest;
import java.util.List;
import io.switchboard.simulator.state.AriError;
import io.switchboard.simulator.state.AsteriskState;
import io.switchboard.simulator.state.SimChannel;

/** /channels. */
final class ChannelsResource {
    private ChannelsResource() {
    }

    static void register(RouteTable t, Services s) {
        AsteriskState ast = s.state();
        t.add("GET", "channels", r -> RestResponse.ok(ast.channels.values().stream().map(SimChannel::toModel).toList()));
        t.add("POST", "channels", r -> RestResponse.ok(s.calls().originate(originate(r, r.param("channelId")), false).toModel()));
        t.add("POST", "channels/create", r -> RestResponse.ok(s.calls().originate(originate(r, r.param("channelId")), true).toModel()));
        t.add("POST", "channels/externalMedia", r -> RestResponse.ok(s.calls().externalMedia(r.param("channelId"),
                r.param("app"), List.of(), r.param("external_host"),
                r.param("format"), r.variables()).toModel()));
        t.add("GET", "channels/{channelId}", r -> RestResponse.ok(ast.requireChannel(r.path("channelId")).toModel()));
        t.add("POST", "channels/{channelId}", r -> RestResponse.ok(s.calls().originate(originate(r, r.path("channelId")), false).toModel()));
        t.add("DELETE", "channels/{channelId}", r -> {
            s.channels().hangup(r.path("channelId"), r.param("reason"), r.param("reason_code"));
            return RestResponse.noContent();
        });
        t.add("POST", "channels/{channelId}/continue", r -> {
            Integer priority = r.integer("priority");
            s.channels().continueInDialplan(r.path("channelId"), r.param("context"), r.param("extension"),
                    priority == null ? null : priority.longValue(), r.param("label"));
            return RestResponse.noContent();
        });
        t.add("POST", "channels/{channelId}/move", r -> {
            s.channels().move(r.path("channelId"), r.param("app"), r.list("appArgs"));
            return RestResponse.noContent();
        });
        t.add("POST", "channels/{channelId}/redirect", r -> {
            s.channels().redirect(r.path("channelId"), r.param("endpoint"));
            return RestResponse.noContent();
        });
        t.add("POST", "channels/{channelId}/answer", r -> {
            s.channels().answer(r.path("channelId"));
            return RestResponse.noContent();
        });
        ChannelMedia media = new ChannelMedia(ast, s.channels());
        t.add("POST", "channels/{channelId}/hold", r -> done(() -> media.hold(r.path("channelId"), true)));
        t.add("DELETE", "channels/{channelId}/hold", r -> done(() -> media.hold(r.path("channelId"), false)));
        t.add("POST", "channels/{channelId}/moh", r -> done(() -> media.moh(r.path("channelId"), r.param("mohClass"), true)));
        t.add("DELETE", "channels/{channelId}/moh", r -> done(() -> media.moh(r.path("channelId"), null, false)));
        t.add("POST", "channels/{channelId}/silence", r -> done(() -> media.silence(r.path("channelId"), true)));
        t.add("DELETE", "channels/{channelId}/silence", r -> done(() -> media.silence(r.path("channelId"), false)));
        t.add("POST", "channels/{channelId}/ring", r -> done(() -> media.ring(r.path("channelId"), true)));
        t.add("DELETE", "channels/{channelId}/ring", r -> done(() -> media.ring(r.path("channelId"), false)));
        t.add("POST", "channels/{channelId}/mute", r -> done(() -> media.mute(r.path("channelId"), r.param("direction"), true)));
        t.add("DELETE", "channels/{channelId}/mute", r -> done(() -> media.mute(r.path("channelId"), r.param("direction"), false)));
        t.add("POST", "channels/{channelId}/progress", r -> stasisOnly(s, r));
        t.add("POST", "channels/{channelId}/dtmf", r -> {
            s.channels().sendDtmf(r.path("channelId"), r.param("dtmf"));
            return RestResponse.noContent();
        });
        t.add("POST", "channels/{channelId}/play", r -> play(s, r, r.param("playbackId")));
        t.add("POST", "channels/{channelId}/play/{playbackId}", r -> play(s, r, r.path("playbackId")));
        t.add("POST", "channels/{channelId}/record", r -> {
            SimChannel ch = s.channels().inStasis(r.path("channelId"));
            return RestResponse.created(s.recordings().record("channel:" + ch.id, r.param("name"), r.param("format"),
                    r.integer("maxDurationSeconds"), r.param("ifExists"), r.param("terminateOn")));
        });
        t.add("GET", "channels/{channelId}/variable", r ->
                RestResponse.ok(new Variable(s.channels().getVariable(r.path("channelId"), r.param("variable")))));
        t.add("POST", "channels/{channelId}/variable", r -> {
            s.channels().setVariable(r.path("channelId"), r.param("variable"), r.param("value"));
            return RestResponse.noContent();
        });
        t.add("POST", "channels/{channelId}/snoop", r -> snoop(s, r, r.param("snoopId")));
        t.add("POST", "channels/{channelId}/snoop/{snoopId}", r -> snoop(s, r, r.path("snoopId")));
        t.add("POST", "channels/{channelId}/dial", r -> {
            SimChannel ch = ast.requireChannel(r.path("channelId"));
            Integer timeout = r.integer("timeout");
            s.calls().dial(ch, r.param("caller"), timeout == null ? 0 : timeout);
            return RestResponse.noContent();
        });
    }

    private static RestResponse done(Runnable operation) {
        operation.run();
        return RestResponse.noContent();
    }

    private static RestResponse stasisOnly(Services s, RestRequest r) {
        s.channels().requireStasisFor(r.path("channelId"));
        return RestResponse.noContent();
    }

    private static RestResponse play(Services s, RestRequest r, String playbackId) {
        SimChannel ch = s.channels().inStasis(r.path("channelId"));
        Integer skip = r.integer("skipms");
        // the captures answer 'playing' only where the playback had started before the answer left
        boolean startsBeforeAnswer = ch.kind == SimChannel.Kind.LOCAL_1;
        return RestResponse.created(s.playbacks().play("channel:" + ch.id, r.param("media"), r.param("lang"), playbackId,
                skip == null ? null : skip.longValue(), startsBeforeAnswer));
    }

    private static RestResponse snoop(Services s, RestRequest r, String snoopId) {
        return RestResponse.ok(s.snoops().snoop(r.path("channelId"), r.param("spy"), r.param("whisper"), r.param("app"),
                r.list("appArgs"), snoopId).toModel());
    }

    private static OriginateRequest originate(RestRequest r, String channelId) {
        Integer timeout = r.integer("timeout");
        Integer priority = r.integer("priority");
        return new OriginateRequest(r.param("endpoint"), r.param("app"), r.list("appArgs"), r.param("context"),
                r.param("extension"), priority == null ? 1 : priority, r.param("callerId"),
                timeout == null ? 30 : timeout, channelId, r.param("otherChannelId"), r.param("originator"),
                r.variables());
    }
}
