package io.switchboard.bench.ari;

import io.switchboard.ari.events.EventStreamItem;
import io.switchboard.ari.rest.AriRequest;
import io.switchboard.ari.rest.AriTransport;
import io.switchboard.ari.rest.BridgesApi;
import io.switchboard.ari.rest.ChannelsApi;
import io.switchboard.ari.rest.ResponseType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.javadsl.Source;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * ARI REST requests built per second: one operation builds one request with the generated resource API,
 * turns it into an {@link AriRequest} (path expanded, JSON body written) and computes its encoded
 * {@code uri()}. Nothing is sent: the transport is never called.
 *
 * <p>The requests cycle through what one outbound call costs the application: originate (six query
 * parameters and a {@code variables} body), answer, play of a media list, addChannel to a bridge, dial,
 * hangup with a reason. Channel, bridge and playback ids change from call to call (64 calls, round again).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 10, time = 1)
@Fork(1)
public class RequestBuildBenchmark {
    private static final int CALLS = 64;
    private static final int KINDS = 6;

    /** Builds requests only; a benchmark that reaches it is broken. */
    static final class NoTransport implements AriTransport {
        @Override
        public <T> CompletionStage<T> execute(AriRequest request, ResponseType<T> responseType) {
            throw new UnsupportedOperationException("the benchmark never sends " + request);
        }

        @Override
        public Source<EventStreamItem, NotUsed> events(AriRequest request) {
            throw new UnsupportedOperationException("the benchmark never opens " + request);
        }
    }

    private ChannelsApi channels;
    private BridgesApi bridges;
    private String[] outIds;
    private String[] phoneIds;
    private String[] callerIds;
    private String[] agentIds;
    private String[] bridgeIds;
    private String[] playbackIds;
    private int call;
    private int kind;

    @Setup(Level.Trial)
    public void setUp() {
        AriTransport transport = new NoTransport();
        channels = new ChannelsApi(transport);
        bridges = new BridgesApi(transport);
        outIds = new String[CALLS];
        phoneIds = new String[CALLS];
        callerIds = new String[CALLS];
        agentIds = new String[CALLS];
        bridgeIds = new String[CALLS];
        playbackIds = new String[CALLS];
        for (int i = 0; i < CALLS; i++) {
            int n = i + 1;
            outIds[i] = "out-" + n;
            phoneIds[i] = "phone-out-" + n;
            callerIds[i] = "caller-" + n;
            agentIds[i] = "agent-" + n;
            bridgeIds[i] = "bridge-" + n;
            playbackIds[i] = "pb-" + n;
        }
        checkAgainstTranscripts();
        call = 0;
        kind = 0;
    }

    @Benchmark
    public void buildRequest(Blackhole bh) {
        AriRequest request = request(kind, call);
        bh.consume(request.uri());
        bh.consume(request.body().orElse(null));
        if (++kind == KINDS) {
            kind = 0;
            call = call + 1 == CALLS ? 0 : call + 1;
        }
    }

    private AriRequest request(int kind, int call) {
        switch (kind) {
            case 0: {
                Map<String, Object> variables = new LinkedHashMap<>();
                variables.put("CC_QUEUE", "support");
                variables.put("CC_PRIORITY", "5");
                variables.put("CALLERID(name)", "Queue Support");
                variables.put("CC_CALL", callerIds[call]);
                return channels.originate("Local/answer@sim")
                        .app("callcenter")
                        .appArgs("outbound,demo")
                        .channelId(outIds[call])
                        .otherChannelId(phoneIds[call])
                        .callerId("Switchboard <100>")
                        .timeout(30)
                        .variables(variables)
                        .toRequest();
            }
            case 1:
                return channels.answer(outIds[call]).toRequest();
            case 2:
                return channels.play(outIds[call], "sound:hello-world", "sound:queue-youarenext", "number:3")
                        .lang("en")
                        .playbackId(playbackIds[call])
                        .toRequest();
            case 3:
                return bridges.addChannel(bridgeIds[call], callerIds[call], agentIds[call])
                        .role("participant")
                        .toRequest();
            case 4:
                return channels.dial(agentIds[call]).caller(callerIds[call]).timeout(30).toRequest();
            default:
                return channels.hangup(outIds[call]).reason("normal").toRequest();
        }
    }

    /** The mix must produce what was really sent to Asterisk 22.10.1 (URIs from the transcripts in simulator/transcripts). */
    private void checkAgainstTranscripts() {
        expect(request(0, 0).uri(), "/channels?endpoint=Local%2Fanswer%40sim&app=callcenter&appArgs=outbound%2Cdemo"
                + "&channelId=out-1&otherChannelId=phone-out-1&callerId=Switchboard%20%3C100%3E&timeout=30");
        expect(request(0, 0).bodyText().orElse(""), "{\"variables\":{\"CC_QUEUE\":\"support\",\"CC_PRIORITY\":\"5\","
                + "\"CALLERID(name)\":\"Queue Support\",\"CC_CALL\":\"caller-1\"}}");
        expect(request(1, 0).uri(), "/channels/out-1/answer");
        expect(request(2, 0).uri(), "/channels/out-1/play?media=sound%3Ahello-world%2Csound%3Aqueue-youarenext"
                + "%2Cnumber%3A3&lang=en&playbackId=pb-1");
        expect(request(3, 0).uri(), "/bridges/bridge-1/addChannel?channel=caller-1%2Cagent-1&role=participant");
        expect(request(4, 0).uri(), "/channels/agent-1/dial?caller=caller-1&timeout=30");
        expect(request(5, 0).uri(), "/channels/out-1?reason=normal");
        expect(request(5, 0).method(), "DELETE");
    }

    private static void expect(String actual, String expected) {
        if (!expected.equals(actual)) {
            throw new IllegalStateException("request mix is off: expected " + expected + " but built " + actual);
        }
    }
}
