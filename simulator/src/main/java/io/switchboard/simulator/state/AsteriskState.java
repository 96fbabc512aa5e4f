package io.switchboard.simulator.state;

import io.switchboard.ari.json.AriTimestamps;
import io.switchboard.simulator.clock.SimClock;
import io.switchboard.simulator.clock.StateExecutor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything the simulated Asterisk knows, owned by the state thread. Services (channels, bridges,
 * playbacks, ...) read and change it; nothing else may.
 */
public final class AsteriskState {
    public final String asteriskId;
    public final SimClock clock;
    public final StateExecutor executor;
    public final StasisApps apps;
    public final EventBus bus;
    /** The fate of every caller placed through the control API. */
    public final CallRecords callRecords;
    public final Map<String, SimChannel> channels = new LinkedHashMap<>();
    public final Map<String, SimBridge> bridges = new LinkedHashMap<>();
    /** Endpoints a test took offline (or otherwise away from "online"), e.g. {@code PJSIP/agent1 → offline}. */
    public final Map<String, String> endpointStates = new LinkedHashMap<>();
    public final Map<String, String> globals = new LinkedHashMap<>();
    public final Map<String, String> deviceStates = new TreeMap<>();
    public final Map<String, int[]> mailboxes = new TreeMap<>();
    private final String startupTime;
    private int localSequence = 0x4c;
    private int uniqueSequence = 170;

    public AsteriskState(String asteriskId, SimClock clock, StateExecutor executor) {
        this.asteriskId = asteriskId;
        this.clock = clock;
        this.executor = executor;
        this.apps = new StasisApps(this::timestamp, asteriskId);
        this.bus = new EventBus(apps);
        this.callRecords = new CallRecords(this);
        this.startupTime = timestamp();
    }

    public String timestamp() {
        return AriTimestamps.format(clock.now());
    }

    public String startupTime() {
        return startupTime;
    }

    /** The 8-hex-digit suffix Asterisk gives channel names, e.g. {@code 0000004d}. */
    public String nextNameSuffix() {
        return String.format("%08x", localSequence++);
    }

    /** An Asterisk-style generated unique id, e.g. {@code 1767258000.171}. */
    public String nextUniqueId() {
        return clock.now().getEpochSecond() + "." + uniqueSequence++;
    }

    /** Finds a live channel; Asterisk matches ids case-insensitively. */
    public Optional<SimChannel> channel(String id) {
        SimChannel exact = channels.get(id);
        if (exact != null) {
            return Optional.of(exact);
        }
        return channels.values().stream().filter(c -> c.id.equalsIgnoreCase(id)).findFirst();
    }

    public SimChannel requireChannel(String id) {
        return channel(id).orElseThrow(() -> AriError.notFound("Channel not found"));
    }

    /** Whether a new id collides: Asterisk rejects an id that is a case-insensitive prefix of a live one. */
    public boolean idTaken(String id) {
        String lower = id.toLowerCase();
        return channels.keySet().stream().anyMatch(existing -> existing.toLowerCase().startsWith(lower));
    }

    public SimBridge requireBridge(String id) {
        SimBridge bridge = bridges.get(id);
        if (bridge == null) {
            throw AriError.notFound("Bridge not found");
        }
        return bridge;
    }
}
