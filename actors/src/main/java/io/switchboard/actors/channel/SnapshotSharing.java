package io.switchboard.actors.channel;

import io.switchboard.ari.model.CallerID;
import io.switchboard.ari.model.Channel;
import io.switchboard.ari.model.DialplanCEP;
import java.util.Objects;

/**
 * A channel's new snapshot made to share what did not change with the one before. Every event carries the whole
 * channel, freshly decoded; an entity keeps the latest and its flow the one the call entered with, so without
 * sharing each held call would keep two copies of the same names, numbers and dialplan. The values most calls
 * have in common (state, language, account code, the dialplan's context and application) are shared across calls
 * too ({@link CommonValues}); an extension or the application's arguments may be the call's own.
 */
final class SnapshotSharing {
    private SnapshotSharing() {
    }

    static Channel latest(Channel previous, Channel next) {
        if (next == null || previous == next) {
            return next;
        }
        if (previous == null) {
            return common(next);
        }
        Channel shared = new Channel(same(previous.id(), next.id()), same(previous.protocolId(), next.protocolId()),
                same(previous.name(), next.name()), sameOrPooled(previous.state(), next.state()),
                caller(previous.caller(), next.caller()), caller(previous.connected(), next.connected()),
                sameOrPooled(previous.accountcode(), next.accountcode()),
                dialplan(previous.dialplan(), next.dialplan()), same(previous.creationtime(), next.creationtime()),
                sameOrPooled(previous.language(), next.language()),
                same(previous.channelvars(), next.channelvars()), same(previous.callerRdnis(), next.callerRdnis()),
                same(previous.tenantid(), next.tenantid()));
        return shared.equals(previous) ? previous : shared;
    }

    private static <T> T same(T previous, T next) {
        return Objects.equals(previous, next) ? previous : next;
    }

    /** As {@link #same}, a changed value coming from the pool: only what changed is looked up (every event). */
    private static String sameOrPooled(String previous, String next) {
        return Objects.equals(previous, next) ? previous : CommonValues.of(next);
    }

    /** The first snapshot of a call, with the values calls have in common taken from the pool. */
    private static Channel common(Channel channel) {
        DialplanCEP dialplan = channel.dialplan();
        return new Channel(channel.id(), channel.protocolId(), channel.name(), CommonValues.of(channel.state()),
                channel.caller(), channel.connected(), CommonValues.of(channel.accountcode()),
                dialplan == null ? null : new DialplanCEP(CommonValues.of(dialplan.context()), dialplan.exten(),
                        dialplan.priority(), CommonValues.of(dialplan.appName()), dialplan.appData()),
                channel.creationtime(), CommonValues.of(channel.language()), channel.channelvars(),
                channel.callerRdnis(), channel.tenantid());
    }

    private static CallerID caller(CallerID previous, CallerID next) {
        if (previous == null || next == null || previous.equals(next)) {
            return previous == null || next == null ? next : previous;
        }
        return new CallerID(same(previous.name(), next.name()), same(previous.number(), next.number()));
    }

    private static DialplanCEP dialplan(DialplanCEP previous, DialplanCEP next) {
        if (previous == null || next == null || previous.equals(next)) {
            return previous == null || next == null ? next : previous;
        }
        return new DialplanCEP(sameOrPooled(previous.context(), next.context()),
                same(previous.exten(), next.exten()), next.priority(),
                sameOrPooled(previous.appName(), next.appName()), same(previous.appData(), next.appData()));
    }
}
