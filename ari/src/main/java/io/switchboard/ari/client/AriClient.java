package io.switchboard.ari.client;

import io.switchboard.ari.events.AriEvent;
import io.switchboard.ari.events.AriMessage;
import io.switchboard.ari.events.Connected;
import io.switchboard.ari.events.Disconnected;
import io.switchboard.ari.events.EventStreamItem;
import io.switchboard.ari.events.MalformedFrame;
import io.switchboard.ari.rest.ApplicationsApi;
import io.switchboard.ari.rest.AriRequest;
import io.switchboard.ari.rest.AriTransport;
import io.switchboard.ari.rest.AsteriskApi;
import io.switchboard.ari.rest.BridgesApi;
import io.switchboard.ari.rest.ChannelsApi;
import io.switchboard.ari.rest.DeviceStatesApi;
import io.switchboard.ari.rest.EndpointsApi;
import io.switchboard.ari.rest.EventsApi;
import io.switchboard.ari.rest.MailboxesApi;
import io.switchboard.ari.rest.PlaybacksApi;
import io.switchboard.ari.rest.RecordingsApi;
import io.switchboard.ari.rest.ResponseType;
import io.switchboard.ari.rest.SoundsApi;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.event.LoggingAdapter;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Source;

/**
 * A typed client for one Asterisk's ARI.
 *
 * <pre>{@code
 * AriClient ari = AriClient.create(system, AriSettings.of("http://127.0.0.1:8088/ari", "asterisk", "secret", "callcenter"));
 * ari.events().runForeach(item -> ..., system);                  // or ari.listen(listener)
 * ari.channels().originate("PJSIP/100").app("callcenter").channelId("out-1").send();
 * }</pre>
 *
 * Commands travel over the event WebSocket while it is up and Asterisk supports it (22.4+), else over HTTP;
 * see {@link AriSettings.CommandTransport}.
 */
public final class AriClient {
    private final AriSettings settings;
    private final Materializer materializer;
    private final LoggingAdapter log;
    private final HttpCommands http;
    private final WebSocketCommands webSocket;
    private final EventSocket eventSocket;
    private final AcceptedSockets acceptedSockets;
    private final AriTransport transport;
    private final AriTransport httpTransport;

    private final ApplicationsApi applications;
    private final AsteriskApi asterisk;
    private final BridgesApi bridges;
    private final ChannelsApi channels;
    private final DeviceStatesApi deviceStates;
    private final EndpointsApi endpoints;
    private final EventsApi events;
    private final MailboxesApi mailboxes;
    private final PlaybacksApi playbacks;
    private final RecordingsApi recordings;
    private final SoundsApi sounds;

    private AriClient(ClassicActorSystemProvider system, AriSettings settings) {
        this.settings = settings;
        this.materializer = Materializer.matFromSystem(system);
        this.log = system.classicSystem().log();
        this.http = new HttpCommands(system, settings);
        this.webSocket = settings.commandTransport() == AriSettings.CommandTransport.HTTP ? null
                : new WebSocketCommands(settings.requestTimeout());
        this.eventSocket = new EventSocket(system, settings, webSocket, this::probeRestOverWebSocket);
        this.acceptedSockets = new AcceptedSockets(settings, webSocket, materializer, log);
        this.transport = new Transport(false);
        this.httpTransport = new Transport(true);
        this.applications = new ApplicationsApi(transport);
        this.asterisk = new AsteriskApi(transport);
        this.bridges = new BridgesApi(transport);
        this.channels = new ChannelsApi(transport);
        this.deviceStates = new DeviceStatesApi(transport);
        this.endpoints = new EndpointsApi(transport);
        this.events = new EventsApi(transport);
        this.mailboxes = new MailboxesApi(transport);
        this.playbacks = new PlaybacksApi(transport);
        this.recordings = new RecordingsApi(transport);
        this.sounds = new SoundsApi(transport);
    }

    public static AriClient create(ClassicActorSystemProvider system, AriSettings settings) {
        return new AriClient(system, settings);
    }

    public AriSettings settings() {
        return settings;
    }

    /**
     * The event stream of the configured applications. Each materialization opens one socket; keep one per
     * application, since Asterisk gives an application to the last socket that connects.
     */
    public Source<EventStreamItem, NotUsed> events() {
        return eventsRequest().stream();
    }

    /**
     * Opens the event socket of the configured applications and hands its items to {@code receiver} as they
     * arrive, without a stream in between: the cheapest way to hear events (an actor's {@code tell} from
     * {@link EventReceiver#receive}). One socket per application, as for {@link #events()}.
     */
    public AriSubscription receiveEvents(EventReceiver receiver) {
        return eventSocket.open(eventsRequest().toRequest(), receiver);
    }

    private EventsApi.EventWebsocketRequest eventsRequest() {
        if (settings.apps().isEmpty()) {
            throw new IllegalStateException("no Stasis application configured: set AriSettings.apps");
        }
        return events.eventWebsocket(settings.apps().toArray(new String[0]))
                .subscribeAll(settings.subscribeAll() ? Boolean.TRUE : null);
    }

    /**
     * The events of the sockets Asterisk opens to this program (an outbound WebSocket of Asterisk 22.5+,
     * {@code websocket_client.conf} + {@code ari.conf type=outbound_websocket}): materialize it once, then hand
     * each socket Asterisk opens to {@link #acceptSocket}. Commands go over the open socket, else over HTTP.
     */
    public Source<EventStreamItem, NotUsed> acceptedEvents() {
        return acceptedSockets.source();
    }

    /** Hands the items of the sockets Asterisk opens to this program to {@code receiver}, until closed. */
    public AriSubscription receiveAcceptedEvents(EventReceiver receiver) {
        return acceptedSockets.receive(receiver);
    }

    /** True once {@link #acceptedEvents()} or {@link #receiveAcceptedEvents} runs: a socket accepted now is heard. */
    public boolean acceptingSockets() {
        return acceptedSockets.accepting();
    }

    /**
     * Serves a WebSocket upgrade Asterisk made to this program ({@code remote} names it in logs and in
     * {@link Connected#url()}); its events join {@link #acceptedEvents()}.
     */
    public Flow<Message, Message, NotUsed> acceptSocket(String remote) {
        return acceptedSockets.accept(remote);
    }

    /** Opens the event socket and hands every item to a listener, until the subscription is closed. */
    public AriSubscription listen(AriEventListener listener) {
        return receiveEvents(item -> dispatch(listener, item));
    }

    private void dispatch(AriEventListener listener, EventStreamItem item) {
        try {
            if (item instanceof AriEvent event) {
                listener.onEvent(event);
            } else if (item instanceof AriMessage message) {
                listener.onMessage(message);
            } else if (item instanceof Connected connected) {
                listener.onConnected(connected);
            } else if (item instanceof Disconnected disconnected) {
                listener.onDisconnected(disconnected);
            } else if (item instanceof MalformedFrame malformed) {
                listener.onMalformedFrame(malformed);
            }
        } catch (RuntimeException e) {
            log.error(e, "ARI event listener failed on {}; the stream goes on", item);
        }
    }

    public ApplicationsApi applications() {
        return applications;
    }

    public AsteriskApi asterisk() {
        return asterisk;
    }

    public BridgesApi bridges() {
        return bridges;
    }

    public ChannelsApi channels() {
        return channels;
    }

    public DeviceStatesApi deviceStates() {
        return deviceStates;
    }

    public EndpointsApi endpoints() {
        return endpoints;
    }

    /** User events and channel claims; the event socket itself is {@link #events()}. */
    public EventsApi eventsApi() {
        return events;
    }

    public MailboxesApi mailboxes() {
        return mailboxes;
    }

    public PlaybacksApi playbacks() {
        return playbacks;
    }

    public RecordingsApi recordings() {
        return recordings;
    }

    public SoundsApi sounds() {
        return sounds;
    }

    /** Sends a request built elsewhere (for instance on another node) over the command transport. */
    public <T> CompletionStage<T> execute(AriRequest request, ResponseType<T> responseType) {
        return transport.execute(request, responseType);
    }

    /** Resources whose commands always go over HTTP, whatever the command transport setting. */
    public AriTransport httpTransport() {
        return httpTransport;
    }

    /** True while commands are going over the event WebSocket. */
    public boolean commandsOverWebSocket() {
        return webSocket != null && (settings.commandTransport() == AriSettings.CommandTransport.WEBSOCKET
                ? webSocket.connected() : webSocket.ready());
    }

    /** After each connect, ask Asterisk's version: REST over the WebSocket needs 22.4 or newer. */
    private void probeRestOverWebSocket(int connection) {
        if (webSocket == null) {
            return;
        }
        if (settings.commandTransport() == AriSettings.CommandTransport.WEBSOCKET) {
            webSocket.restSupported(connection, true);
            return;
        }
        new AsteriskApi(httpTransport).getInfo().only("system").send().whenComplete((info, failure) -> {
            boolean supported = failure == null && info.system() != null
                    && AsteriskVersion.supportsRestOverWebSocket(info.system().version());
            webSocket.restSupported(connection, supported);
        });
    }

    private final class Transport implements AriTransport {
        private final boolean httpOnly;

        Transport(boolean httpOnly) {
            this.httpOnly = httpOnly;
        }

        @Override
        public <T> CompletionStage<T> execute(AriRequest request, ResponseType<T> responseType) {
            if (httpOnly || webSocket == null || responseType.isBinary()) {
                return http.execute(request, responseType);
            }
            if (settings.commandTransport() == AriSettings.CommandTransport.WEBSOCKET || webSocket.ready()) {
                return webSocket.execute(request, responseType);
            }
            return http.execute(request, responseType);
        }

        @Override
        public Source<EventStreamItem, NotUsed> events(AriRequest request) {
            return eventSocket.source(request);
        }
    }
}
