package io.switchboard.actors.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.switchboard.ari.model.CallerID;
import io.switchboard.ari.model.Channel;
import io.switchboard.ari.model.DialplanCEP;
import org.junit.jupiter.api.Test;

class SnapshotSharingTest {

    private static Channel channel(String state, String callerNumber, String exten) {
        // new String(...): each decoded event carries its own copies
        return new Channel(new String("c-1"), new String(""), new String("PJSIP/alice-00000001"), new String(state),
                new CallerID(new String("Alice"), new String(callerNumber)), new CallerID(new String(""), new String("")),
                new String(""), new DialplanCEP(new String("inbound"), new String(exten), 3L, new String("Stasis"),
                new String("callcenter,queue,support")), new String("2026-12-07T10:00:00.000+0000"), new String("en"),
                null, null, null);
    }

    @Test
    void a_snapshot_that_only_changed_state_shares_everything_else() {
        Channel entered = channel("Ring", "1001", "100");
        Channel up = SnapshotSharing.latest(entered, channel("Up", "1001", "100"));

        assertEquals("Up", up.state());
        assertSame(entered.id(), up.id());
        assertSame(entered.name(), up.name());
        assertSame(entered.caller(), up.caller());
        assertSame(entered.connected(), up.connected());
        assertSame(entered.dialplan(), up.dialplan());
        assertSame(entered.creationtime(), up.creationtime());
        assertSame(entered.language(), up.language());
    }

    @Test
    void what_changed_is_taken_from_the_new_snapshot_and_the_rest_shared() {
        Channel entered = channel("Up", "1001", "100");
        Channel next = channel("Up", "1002", "200");
        Channel latest = SnapshotSharing.latest(entered, next);

        assertEquals(next, latest);
        assertSame(entered.caller().name(), latest.caller().name());
        assertSame(next.caller().number(), latest.caller().number());
        assertSame(entered.dialplan().context(), latest.dialplan().context());
        assertSame(next.dialplan().exten(), latest.dialplan().exten());
    }

    @Test
    void an_unchanged_snapshot_is_the_previous_one() {
        Channel entered = channel("Up", "1001", "100");
        assertSame(entered, SnapshotSharing.latest(entered, channel("Up", "1001", "100")));
    }

    @Test
    void a_missing_snapshot_passes_through() {
        assertNull(SnapshotSharing.latest(channel("Ring", "1001", "100"), null));
    }

    @Test
    void the_values_calls_have_in_common_are_one_copy_across_calls() {
        Channel one = SnapshotSharing.latest(null, channel("Ring", "1001", "100"));
        Channel other = SnapshotSharing.latest(null, channel("Ring", "1002", "100"));

        assertEquals(channel("Ring", "1001", "100"), one);
        assertSame(one.state(), other.state());
        assertSame(one.language(), other.language());
        assertSame(one.accountcode(), other.accountcode());
        assertSame(one.dialplan().context(), other.dialplan().context());
        assertSame(one.dialplan().appName(), other.dialplan().appName());
        // what may belong to one call is its own
        assertNotSame(one.dialplan().exten(), other.dialplan().exten());
        assertNotSame(one.dialplan().appData(), other.dialplan().appData());
        assertNotSame(one.id(), other.id());
        assertNotSame(one.creationtime(), other.creationtime());

        Channel answered = SnapshotSharing.latest(other, channel("Up", "1002", "100"));
        assertSame(SnapshotSharing.latest(null, channel("Up", "1003", "300")).state(), answered.state());
    }
}
