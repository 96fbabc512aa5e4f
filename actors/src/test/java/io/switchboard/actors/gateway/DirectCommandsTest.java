package io.switchboard.actors.gateway;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class DirectCommandsTest {
    // never executes here: only its identity matters
    private final CommandRetries path = new CommandRetries(null, null, null);
    private final DirectCommands direct = new DirectCommands();

    @Test
    void an_inbound_gateway_is_used_directly_while_it_runs_on_this_node() {
        assertNull(direct.path("pbx1"));
        direct.started("pbx1", path, false);
        assertSame(path, direct.path("pbx1"));
        assertNull(direct.path("pbx2"));
        direct.stopped("pbx1", path);
        assertNull(direct.path("pbx1"));
    }

    @Test
    void an_outbound_gateway_is_used_directly_only_while_the_link_routes_to_it() {
        direct.started("pbx1", path, true);
        assertNull(direct.path("pbx1"));
        direct.routedHere("pbx1", true);
        assertSame(path, direct.path("pbx1"));
        direct.routedHere("pbx1", false);
        assertNull(direct.path("pbx1"));
    }

    @Test
    void a_restarted_gateway_stopping_late_does_not_remove_its_successor() {
        CommandRetries successor = new CommandRetries(null, null, null);
        direct.started("pbx1", path, false);
        direct.started("pbx1", successor, false);
        direct.stopped("pbx1", path);
        assertSame(successor, direct.path("pbx1"));
    }
}
