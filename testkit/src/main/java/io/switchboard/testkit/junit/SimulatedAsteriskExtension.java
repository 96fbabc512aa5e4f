package io.switchboard.testkit.junit;

import io.switchboard.ari.events.AriEvent;
import io.switchboard.simulator.SimConfig;
import io.switchboard.simulator.SimulatedAsterisk;
import io.switchboard.simulator.clock.ManualClock;
import io.switchboard.simulator.clock.SimClock;
import io.switchboard.simulator.control.CallControl.InboundCall;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A simulated Asterisk per test, on 127.0.0.1 and a free port:
 * <pre>{@code
 * @RegisterExtension SimulatedAsteriskExtension sim = SimulatedAsteriskExtension.manualClock();
 *
 * @Test void greetsTheCaller() {
 *     // point the code under test at sim.ariUrl(), sim.user(), sim.password(), app "callcenter"
 *     InboundCall call = sim.inboundCall("callcenter", "answer", "Alice <5551001>", "support");
 *     sim.expectEvent(call.channelId(), "PlaybackStarted", Duration.ofSeconds(5));
 *     sim.advance(Duration.ofSeconds(3));
 *     sim.expectEvent(call.channelId(), "PlaybackFinished", Duration.ofSeconds(5));
 * }
 * }</pre>
 * The probes see every event the simulator sends to any app; the waits are bounded and real-time, the
 * call's own timing moves only with {@link #advance(Duration)} (manual clock).
 */
public final class SimulatedAsteriskExtension implements BeforeEachCallback, AfterEachCallback {
    private final UnaryOperator<SimConfig> config;
    private final HttpClient http = HttpClient.newHttpClient();
    private SimulatedAsterisk sim;
    private EventProbe probe;

    private SimulatedAsteriskExtension(UnaryOperator<SimConfig> config) {
        this.config = config;
    }

    /** Time moves only when the test calls {@link #advance(Duration)}. */
    public static SimulatedAsteriskExtension manualClock() {
        return new SimulatedAsteriskExtension(c -> c.withClock(SimClock.manual()));
    }

    public static SimulatedAsteriskExtension realTime() {
        return new SimulatedAsteriskExtension(c -> c.withClock(SimClock.realTime()));
    }

    /** Further settings, e.g. {@code c -> c.withEndpoints(List.of("PJSIP/agent7"))}. */
    public SimulatedAsteriskExtension with(UnaryOperator<SimConfig> more) {
        return new SimulatedAsteriskExtension(c -> more.apply(config.apply(c)));
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        sim = SimulatedAsterisk.start(config.apply(SimConfig.defaults()));
        probe = new EventProbe();
        sim.tapEvents(probe::add);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        if (sim != null) {
            sim.close();
            sim = null;
        }
    }

    public SimulatedAsterisk sim() {
        return running();
    }

    /** e.g. {@code http://127.0.0.1:40123/ari}. */
    public String ariUrl() {
        return running().ariUrl();
    }

    public String user() {
        return running().user();
    }

    public String password() {
        return running().password();
    }

    /** An ARI request with the simulator's credentials and no body, e.g. {@code rest("POST", "/channels/x/answer")}. */
    public HttpResponse<String> rest(String method, String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(ariUrl() + pathAndQuery))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user() + ":" + password()).getBytes(StandardCharsets.UTF_8)))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public ManualClock clock() {
        return running().manualClock();
    }

    /** Moves simulated time, running every ring, answer, digit, hang-up and playback end due on the way. */
    public void advance(Duration amount) {
        running().manualClock().advance(amount);
    }

    /**
     * A caller reaching {@code Stasis(app, args...)} on the {@code ;2} half of a Local pair; its phone (the
     * {@code ;1} half) follows {@code behaviour} of the [sim] dialplan once the app answers (e.g. {@code answer},
     * {@code hangup-after-3}, {@code dtmf-1234}).
     */
    public InboundCall inboundCall(String app, String behaviour, String callerId, String... args) {
        return running().calls().inboundTo(app, List.of(args), behaviour, callerId);
    }

    /** A caller into {@code [broadcast]}, offered to every app for claiming (see CallBroadcast). */
    public InboundCall broadcastCall(String exten, String behaviour, String callerId) {
        return running().calls().broadcast(exten, behaviour, callerId);
    }

    /** The far end of {@code channelId} presses {@code digits}, the first {@code startIn} from now, {@code gap} apart. */
    public void pressDigits(String channelId, Duration startIn, Duration gap, String digits) {
        running().calls().pressDigits(channelId, startIn, gap, digits);
    }

    /** The far end of {@code channelId} hangs up now. */
    public void hangUp(String channelId) {
        running().calls().farEndHangup(channelId);
    }

    /** Scripts how a SIP endpoint answers when dialled, e.g. {@code endpoint("PJSIP/agent1").isBusy()}. */
    public EndpointBehaviour endpoint(String endpoint) {
        return new EndpointBehaviour(running(), endpoint);
    }

    /** Waits (bounded) for the next {@code type} event about {@code subject} (a channel id, {@code bridge:<id>}, ...). */
    public AriEvent expectEvent(String subject, String type, Duration timeout) {
        return probe.expectEvent(subject, type, timeout);
    }

    public <E extends AriEvent> E expectEvent(String subject, Class<E> type, Duration timeout) {
        return type.cast(probe.expectEvent(subject, simpleName(type), timeout));
    }

    public List<String> eventTypes(String subject) {
        return probe.types(subject);
    }

    public EventProbe probe() {
        return probe;
    }

    private static String simpleName(Class<?> type) {
        return type.getSimpleName();
    }

    private SimulatedAsterisk running() {
        if (sim == null) {
            throw new IllegalStateException("the simulator runs only during a test (register the extension "
                    + "with @RegisterExtension on an instance field)");
        }
        return sim;
    }
}
