package io.switchboard.actors.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DialledLegsTest {
    private final List<String> hungUp = new ArrayList<>();
    private final DialledLegs legs = new DialledLegs((leg, reason) -> hungUp.add(leg + ":" + reason));

    @Test
    void onlyTheLegsToTheNamedEndpointAreHungUp() {
        legs.dialling("leg-1", "PJSIP/agent1");
        legs.dialling("leg-2", "PJSIP/agent2");
        legs.dialling("leg-3", "PJSIP/agent1");

        legs.hangUpDialsTo("PJSIP/agent1");

        assertEquals(List.of("leg-1:null", "leg-3:null"), hungUp.stream().sorted().toList());
    }

    @Test
    void aLegWhoseResultIsInIsNotHungUp() {
        legs.dialling("leg-1", "PJSIP/agent1");
        legs.done("leg-1");

        legs.hangUpDialsTo("PJSIP/agent1");
        legs.hangUpAllExcept("other");

        assertEquals(List.of(), hungUp);
    }

    @Test
    void anAnsweredLegKeepsItsCallAndTheOthersAreCleared() {
        legs.dialling("leg-1", "PJSIP/agent1");
        legs.dialling("leg-2", "PJSIP/agent2");

        legs.hangUpAllExcept("leg-2");

        assertEquals(List.of("leg-1:answered_elsewhere"), hungUp);
    }
}
