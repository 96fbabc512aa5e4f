package io.switchboard.simulator;

import com.typesafe.config.ConfigFactory;
import io.switchboard.ari.events.AriEvent;
import io.switchboard.simulator.bridges.Bridges;
import io.switchboard.simulator.channels.CallSetup;
import io.switchboard.simulator.channels.ChannelMedia;
import io.switchboard.simulator.channels.ChannelEvents;
import io.switchboard.simulator.channels.ChannelLifecycle;
import io.switchboard.simulator.channels.ChannelOps;
import io.switchboard.simulator.channels.DtmfInput;
import io.switchboard.simulator.channels.Snoops;
import io.switchboard.simulator.clock.ManualClock;
import io.switchboard.simulator.clock.SimClock;
import io.switchboard.simulator.clock.StateExecutor;
import io.switchboard.simulator.control.CallControl;
import io.switchboard.simulator.control.ControlRoutes;
import io.switchboard.simulator.phones.EndpointScripts;
import io.switchboard.simulator.phones.PhoneScript;
import io.switchboard.simulator.playback.Playbacks;
import io.switchboard.simulator.recording.Recordings;
import io.switchboard.simulator.rest.AriRoutes;
import io.switchboard.simulator.rest.RouteTable;
import io.switchboard.simulator.rest.Services;
import io.switchboard.simulator.server.AriHttpServer;
import io.switchboard.simulator.server.OutboundStatus;
import io.switchboard.simulator.state.AsteriskState;
import io.switchboard.simulator.state.CallRecords;
import io.switchboard.simulator.state.SimBridge;
import io.switchboard.simulator.state.StasisApp;
import io.switchboard.simulator.spec.SpecValidator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.http.javadsl.Http;

/**
 * A simulated Asterisk 22.10.1 speaking ARI on 127.0.0.1. Start it from a test:
 * <pre>{@code
 * ManualClock clock = SimClock.manual();
 * try (SimulatedAsterisk sim = SimulatedAsterisk.start(SimConfig.defaults().withClock(clock))) {
 *     String base = sim.ariUrl();            // http://127.0.0.1:<port>/ari, asterisk/asterisk
 *     sim.calls().inbound("support", "answer", "Alice <5551001>");
 *     clock.advance(Duration.ofSeconds(3));
 * }
 * }</pre>
 */
public final class SimulatedAsterisk implements AutoCloseable {
    private final SimConfig config;
    private final StateExecutor executor;
    private final ActorSystem system;
    private final AsteriskState state;
    private final EndpointScripts endpoints;
    private final CallControl calls;
    private final AriHttpServer server;
    private final int port;
    private final RouteTable ariRoutes;
    private final Services services;
    private final List<String> specViolations = new CopyOnWriteArrayList<>();

    private SimulatedAsterisk(SimConfig config) {
        this.config = config;
        this.executor = new StateExecutor("simulated-asterisk");
        config.clock().attach(executor);
        this.state = new AsteriskState(config.asteriskId(), config.clock(), executor);
        this.endpoints = new EndpointScripts(config.endpoints());
        this.services = executor.call(this::wire);
        this.calls = new CallControl(services);
        this.system = ActorSystem.create("simulated-asterisk", ConfigFactory.parseString(
                "pekko.loglevel = WARNING\npekko.stdout-loglevel = WARNING\npekko.http.server.websocket.periodic-keep-alive-max-idle = 30s\n"
                        // the outbound WebSocket pings so that the client's idle timeout never closes a quiet one
                        + "pekko.http.client.websocket.periodic-keep-alive-max-idle = 20s")
                .withFallback(ConfigFactory.defaultReference()));
        this.ariRoutes = AriRoutes.build(services);
        this.server = new AriHttpServer(system, state, ariRoutes,
                ControlRoutes.build(calls, services, this::outboundOnStateThread), config.user(), config.password());
        if (config.outbound() != null) {
            executor.run(() -> server.startOutbound(config.outbound()));
        }
        this.port = server.start(config.host(), config.port());
        if (config.checkSpec()) {
            SpecValidator spec = SpecValidator.bundled();
            tapEvents(event -> spec.validateEvent(event).forEach(p -> specViolations.add(event.type() + " " + p)));
        }
    }

    public static SimulatedAsterisk start() {
        return start(SimConfig.defaults());
    }

    public static SimulatedAsterisk start(SimConfig config) {
        return new SimulatedAsterisk(config);
    }

    private Services wire() {
        ChannelEvents events = new ChannelEvents(state);
        ChannelLifecycle lifecycle = new ChannelLifecycle(state, events);
        DtmfInput dtmf = new DtmfInput(events);
        CallSetup calls = new CallSetup(state, events, lifecycle, dtmf, endpoints);
        ChannelOps ops = new ChannelOps(state, events, lifecycle, calls.dialplan());
        Snoops snoops = new Snoops(state, lifecycle);
        Recordings recordings = new Recordings(state);
        Playbacks playbacks = new Playbacks(state, config.sounds(), recordings::storedLength);
        Bridges bridges = new Bridges(state, events, lifecycle);
        dtmf.onDigit(recordings::digit);
        lifecycle.onHangup(ch -> {
            playbacks.targetGone("channel:" + ch.id);
            recordings.targetGone("channel:" + ch.id);
        });
        bridges.onDestroy(b -> {
            playbacks.targetGone("bridge:" + b.id);
            recordings.targetGone("bridge:" + b.id);
        });
        playbacks.onBridgeAnnouncer((bridgeId, on) -> {
            SimBridge bridge = state.bridges.get(bridgeId);
            if (bridge != null) {
                bridges.refreshPeers(bridge, on ? "Announcer/ARI-" + state.nextNameSuffix() + ";2" : null);
            }
        });
        return new Services(state, events, lifecycle, dtmf, calls, ops, snoops, bridges, playbacks, recordings, endpoints,
                config.sounds());
    }

    public int port() {
        return port;
    }

    /** The ARI base URL, e.g. {@code http://127.0.0.1:40123/ari}. */
    public String ariUrl() {
        return "http://" + config.host() + ":" + port + "/ari";
    }

    public String user() {
        return config.user();
    }

    public String password() {
        return config.password();
    }

    public SimClock clock() {
        return config.clock();
    }

    /** The manual clock, when the simulator was started with one. */
    public ManualClock manualClock() {
        return (ManualClock) config.clock();
    }

    /** Places calls and plays phones: inbound callers, SIP calls, digits, hang-ups. */
    public CallControl calls() {
        return calls;
    }

    /** Scripts how a SIP endpoint behaves when dialled, e.g. {@code script("PJSIP/agent1", PhoneScript.busy())}. */
    public void scriptEndpoint(String endpoint, PhoneScript script) {
        executor.run(() -> endpoints.script(endpoint, script));
    }

    /**
     * Sets an endpoint's state as GET /endpoints reports it: {@code online} or {@code offline} (a phone unplugged).
     * Apps that follow the endpoint hear EndpointStateChange, those that follow its device DeviceStateChanged
     * (UNAVAILABLE while offline).
     */
    public void setEndpointState(String endpoint, String endpointState) {
        executor.run(() -> {
            state.endpointStates.put(endpoint, endpointState);
            calls.endpointChanged(endpoint);
            services.events().devices().sipDeviceChanged(endpoint);
        });
    }

    /** Sees every event the simulator sends (on the state thread). */
    public void tapEvents(Consumer<AriEvent> tap) {
        executor.run(() -> state.bus.tap(tap));
    }

    /** Frames sent so far on all event sockets (tests wait until they have received as many). */
    public long framesSent() {
        return executor.call(server::framesSent);
    }

    /**
     * Cuts every events socket as a network failure would, and refuses new ones until
     * {@link #restoreEventSockets()}. Calls go on; their events are discarded meanwhile, as on Asterisk.
     */
    public void dropEventSockets() {
        server.dropEventSockets(true);
    }

    /** Lets clients connect their events sockets again. */
    public void restoreEventSockets() {
        server.acceptEventSockets();
    }

    private OutboundStatus outboundOnStateThread() {
        return server.outboundStatus();
    }

    /** The persistent outbound WebSocket ({@link SimConfig#outbound()}): connected or not, connects, queued frames. */
    public OutboundStatus outbound() {
        return executor.call(server::outboundStatus);
    }

    /** Every caller placed through {@link #calls()} or the control API, with what became of it so far. */
    public List<CallRecords.CallRecord> callRecords() {
        return executor.call(() -> state.callRecords.all());
    }

    /** Whether a socket holds the app now (an app whose socket closed may linger inactive in the registry). */
    public boolean appRegistered(String app) {
        return executor.call(() -> state.apps.active(app));
    }

    /** How many Stasis applications have a socket now. */
    public long registeredApps() {
        return executor.call(() -> state.apps.all().stream().filter(StasisApp::active).count());
    }

    /** Hold, music on hold, silence, mute and ringing of a live channel (they raise no event but hold). */
    public ChannelMedia.State media(String channelId) {
        return executor.call(() -> ChannelMedia.of(state.requireChannel(channelId)));
    }

    /** A live bridge as tests see it: its channels in the order they entered, and its music (null for none). */
    public record BridgeState(List<String> channels, String mohClass) {
    }

    /** The bridge {@code bridgeId} now; empty when there is none. */
    public java.util.Optional<BridgeState> bridge(String bridgeId) {
        return executor.call(() -> java.util.Optional.ofNullable(state.bridges.get(bridgeId))
                .map(b -> new BridgeState(List.copyOf(b.channels), b.mohClass)));
    }

    /** Whether {@code channelId} is a live channel (not hung up). */
    public boolean live(String channelId) {
        return executor.call(() -> {
            var channel = state.channels.get(channelId);
            return channel != null && !channel.hungUp;
        });
    }

    /** The far end of a live channel is talking now, as TALK_DETECT would say (false when it is not on). */
    public boolean talking(String channelId) {
        return executor.call(() -> {
            var voice = state.requireChannel(channelId).voice;
            return voice != null && voice.talking();
        });
    }

    /** Live channels, bridges, playbacks and broadcast offers: all zero once every call is over. */
    public record Counts(int channels, int bridges, int playbacks, int recordings, int timers) {
    }

    public Counts counts() {
        return executor.call(() -> new Counts(state.channels.size(), state.bridges.size(), services.playbacks().live(),
                services.recordings().live(), config.clock() instanceof ManualClock m ? m.pendingTimersOnStateThread() : -1));
    }

    /** The ARI operations served, as {@code METHOD path/{param}} below /ari. */
    public List<String> ariRoutes() {
        return ariRoutes.describe();
    }

    /** Events sent so far that break the ARI spec (only collected with {@link SimConfig#checkSpec()}). */
    public List<String> specViolations() {
        return List.copyOf(specViolations);
    }

    /** Stops the simulator; with {@link SimConfig#checkSpec()} it then fails if any event broke the spec. */
    @Override
    public void close() {
        executor.run(server::stopOutbound);
        server.stop();
        Http.get(system).shutdownAllConnectionPools().toCompletableFuture().join();
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
        executor.close();
        if (!specViolations.isEmpty()) {
            throw new AssertionError("the simulator sent events that break the ARI spec:\n  "
                    + String.join("\n  ", specViolations.stream().distinct().limit(50).toList()));
        }
    }
}
