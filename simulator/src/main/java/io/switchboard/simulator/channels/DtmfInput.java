package io.switchboard.simulator.channels;

import io.switchboard.simulator.state.SimChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** DTMF arriving on a channel: the event, then whoever listens (a recording with terminateOn). */
public final class DtmfInput {
    private final ChannelEvents events;
    private final List<BiConsumer<SimChannel, String>> listeners = new ArrayList<>();

    public DtmfInput(ChannelEvents events) {
        this.events = events;
    }

    public void onDigit(BiConsumer<SimChannel, String> listener) {
        listeners.add(listener);
    }

    public void received(SimChannel ch, String digit, int durationMs) {
        if (ch.hungUp) {
            return;
        }
        events.dtmf(ch, digit, durationMs);
        listeners.forEach(l -> l.accept(ch, digit));
    }
}
