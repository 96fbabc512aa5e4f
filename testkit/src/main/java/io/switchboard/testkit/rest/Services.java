package io.switchboard.testkit.rest;

import io.switchboard.testkit.bridges.Bridges;
import io.switchboard.testkit.channels.CallSetup;
import io.switchboard.testkit.channels.ChannelOps;
import io.switchboard.testkit.channels.ChannelEvents;
import io.switchboard.testkit.channels.ChannelLifecycle;
import io.switchboard.testkit.channels.DtmfInput;
import io.switchboard.testkit.channels.Snoops;
import io.switchboard.testkit.phones.EndpointScripts;
import io.switchboard.testkit.playback.MediaDurations;
import io.switchboard.testkit.playback.Playbacks;
import io.switchboard.testkit.recording.Recordings;
import io.switchboard.testkit.state.AsteriskState;

/** The simulator's services, as the REST resources reach them. */
public record Services(AsteriskState state, ChannelEvents events, ChannelLifecycle lifecycle, DtmfInput dtmf, CallSetup calls,
                       ChannelOps channels, Snoops snoops, Bridges bridges, Playbacks playbacks,
                       Recordings recordings, EndpointScripts endpoints, MediaDurations sounds) {
}
