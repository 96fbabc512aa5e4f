package io.switchboard.simulator.channels;

import io.switchboard.simulator.state.AriError;
import io.switchboard.simulator.state.AsteriskState;
import io.switchboard.simulator.state.HangupCause;
import io.switchboard.simulator.state.SimChannel;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Snoop channels: a {@code Snoop/<channel>-n} channel that enters an app already up. */
public final class Snoops {
    private static final Set<String> DIRECTIONS = Set.of("none", "both", "out", "in");

    private final AsteriskState ast;
    private final ChannelLifecycle lifecycle;

    public Snoops(AsteriskState ast, ChannelLifecycle lifecycle) {
        this.ast = ast;
        this.lifecycle = lifecycle;
        lifecycle.onHangup(this::snoopedChannelGone);
    }

    public SimChannel snoop(String channelId, String spy, String whisper, String app, List<String> args, String snoopId) {
        String spyDir = spy == null ? "none" : spy;
        String whisperDir = whisper == null ? "none" : whisper;
        if (!DIRECTIONS.contains(spyDir)) {
            throw AriError.badRequest("Invalid direction specified for spy");
        }
        if (!DIRECTIONS.contains(whisperDir)) {
            throw AriError.badRequest("Invalid direction specified for whisper");
        }
        if (app == null) {
            throw AriError.badRequest("Missing parameter app");
        }
        SimChannel target = ast.channel(channelId)
                .orElseThrow(() -> AriError.notFound("Provided channel was not found"));
        String id = snoopId != null ? snoopId : ast.nextUniqueId();
        if (ast.idTaken(id)) {
            throw AriError.conflict("Channel with given unique ID already exists");
        }
        SimChannel snoop = new SimChannel(id, "Snoop/" + target.id + "-" + ast.nextNameSuffix(), SimChannel.Kind.SNOOP,
                ast.timestamp(), null);
        snoop.state = "Up";
        snoop.snoopOf = target.id;
        lifecycle.register(snoop);
        ast.clock.schedule(Duration.ZERO, () -> {
            if (!snoop.hungUp && !lifecycle.enterStasis(snoop, app, args, false)) {
                lifecycle.destroy(snoop, HangupCause.NORMAL);
            }
        });
        return snoop;
    }

    private void snoopedChannelGone(SimChannel ch) {
        ast.channels.values().stream().filter(s -> ch.id.equals(s.snoopOf) && !s.hungUp).toList()
                .forEach(s -> ast.clock.schedule(Duration.ZERO,
                        () -> lifecycle.hangup(s, HangupCause.NORMAL, false, HangupCause.NORMAL)));
    }
}
