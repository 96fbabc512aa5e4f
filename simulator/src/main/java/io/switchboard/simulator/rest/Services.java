package io.switchboard.simulator.rest;

import io.switchboard.simulator.bridges.Bridges;
import io.switchboard.simulator.channels.CallSetup;
import io.switchboard.simulator.channels.ChannelOps;
import io.switchboard.simulator.channels.ChannelEvents;
import io.switchboard.simulator.channels.ChannelLifecycle;
import io.switchboard.simulator.channels.DtmfInput;
import io.switchboard.simulator.channels.Snoops;
import io.switchboard.simulator.phones.EndpointScripts;
import io.switchboard.simulator.playback.MediaDurations;
import io.switchboard.simulator.playback.Playbacks;
import io.switchboard.simulator.recording.Recordings;
import io.switchboard.simulator.state.AsteriskState;

/** The simulator's services, as the REST resources reach them. */
public record Services(AsteriskState state, ChannelEvents events, ChannelLifecycle lifecycle, DtmfInput dtmf, CallSetup calls,
                       ChannelOps channels, Snoops snoops, Bridges bridges, Playbacks playbacks,
                       Recordings recordings, EndpointScripts endpoints, MediaDurations sounds) {
}
