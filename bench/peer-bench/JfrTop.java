import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Top lists from a JFR recording of the peer bench's SUT (JDK 17 has no `jfr view`): hot methods (self and
 * inclusive), CPU samples grouped by cause, allocation by class, by allocating frame and by cause, and GC.
 * Usage: java JfrTop.java recording.jfr [PEERBENCH_TIMINGS file: calls that started within the recording give
 * per-call figures]
 */
public class JfrTop {
    /** Causes, tested in this order against every frame of a sample's stack: the first that matches names it. */
    static final String[][] CAUSES = {
        {"logging", "ch.qos.logback", "org.slf4j", "org.apache.pekko.event.Logging", "org.apache.pekko.event.slf4j",
            "org.apache.pekko.actor.typed.internal.adapter.AbstractLogger", "org.apache.pekko.event.LoggingAdapter"},
        {"event decoding (JSON -> AriEvent)", "io.switchboard.ari.json", "io.switchboard.ari.events",
            "io.switchboard.ari.client.EventSocket"},
        {"REST-over-WS commands (encode, correlate)", "io.switchboard.ari.client.WebSocketCommands",
            "io.switchboard.ari.rest"},
        {"HTTP commands", "io.switchboard.ari.client.HttpCommands"},
        {"sharding (envelopes, regions, entity start)", "org.apache.pekko.cluster.sharding"},
        {"asks and temporary actors", "AskPattern", "PromiseActorRef", "org.apache.pekko.pattern"},
        {"timers / scheduler", "TimerScheduler", "LightArrayRevolverScheduler", "org.apache.pekko.actor.Scheduler",
            "io.switchboard.actors.time"},
        {"gateway", "io.switchboard.actors.gateway"},
        {"channel entity / flow", "io.switchboard.actors.channel", "io.switchboard.actors.flow",
            "io.switchboard.bench"},
        {"cluster (gossip, heartbeats, remoting)", "org.apache.pekko.cluster", "org.apache.pekko.remote"},
        {"pekko streams", "org.apache.pekko.stream"},
        {"pekko http / websocket framing", "org.apache.pekko.http"},
        {"network io", "org.apache.pekko.io", "sun.nio", "java.nio"},
        {"jackson (other)", "com.fasterxml.jackson"},
        {"actor mailbox / dispatch", "org.apache.pekko.actor", "org.apache.pekko.dispatch", "java.util.concurrent"},
        {"JFR", "jdk.jfr"},
    };

    public static void main(String[] args) throws Exception {
        long calls = 0;
        Map<String, Long> self = new HashMap<>(), inclusive = new HashMap<>(), causes = new HashMap<>();
        Map<String, Long> allocClass = new HashMap<>(), allocFrame = new HashMap<>(), allocCause = new HashMap<>();
        Map<String, Long> threads = new HashMap<>();
        long samples = 0, allocBytes = 0, gcs = 0, first = Long.MAX_VALUE, last = 0;
        Duration gcPause = Duration.ZERO;
        double jvmCpu = 0;
        int cpuReadings = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(Path.of(args[0]))) {
            first = Math.min(first, e.getStartTime().toEpochMilli());
            last = Math.max(last, e.getEndTime().toEpochMilli());
            switch (e.getEventType().getName()) {
                case "jdk.ExecutionSample" -> {
                    samples++;
                    List<String> frames = frames(e.getStackTrace());
                    if (frames.isEmpty()) {
                        continue;
                    }
                    self.merge(frames.get(0), 1L, Long::sum);
                    for (String f : new HashSet<>(frames)) {
                        inclusive.merge(f, 1L, Long::sum);
                    }
                    causes.merge(cause(frames), 1L, Long::sum);
                    threads.merge(threadGroup(e.getThread("sampledThread") == null ? "?"
                            : e.getThread("sampledThread").getJavaName()), 1L, Long::sum);
                }
                case "jdk.ObjectAllocationSample" -> {
                    long w = e.getLong("weight");
                    allocBytes += w;
                    allocClass.merge(e.getClass("objectClass").getName(), w, Long::sum);
                    List<String> frames = frames(e.getStackTrace());
                    allocFrame.merge(frames.isEmpty() ? "?" : frames.get(0), w, Long::sum);
                    allocCause.merge(cause(frames), w, Long::sum);
                }
                case "jdk.GarbageCollection" -> {
                    gcs++;
                    gcPause = gcPause.plus(e.getDuration("sumOfPauses"));
                }
                case "jdk.CPULoad" -> {
                    jvmCpu += e.getFloat("jvmUser") + e.getFloat("jvmSystem");
                    cpuReadings++;
                }
                default -> { }
            }
        }
        if (args.length > 1) {
            for (String line : java.nio.file.Files.readAllLines(Path.of(args[1]))) {
                String[] f = line.split(",");
                long start = f.length > 1 ? Long.parseLong(f[1]) : 0;
                if (start >= first && start < last) {
                    calls++;
                }
            }
        }
        System.out.printf("recording: %.1f s, calls started in it: %d%n", (last - first) / 1000.0, calls);
        System.out.printf("execution samples: %d; allocation sampled: %.1f MiB%s%n", samples, allocBytes / 1048576.0,
                calls > 0 ? String.format(" (%.1f KiB per call over %d calls)", allocBytes / 1024.0 / calls, calls)
                        : "");
        System.out.printf("GC: %d collections, %d ms of pauses in all%s; JVM CPU (JFR's jdk.CPULoad, mean of "
                        + "machine): %.1f %%%n", gcs, gcPause.toMillis(),
                calls > 0 ? String.format(" (%.3f ms per call)", gcPause.toNanos() / 1e6 / calls) : "",
                cpuReadings == 0 ? 0 : 100 * jvmCpu / cpuReadings);
        print("CPU samples by cause (first matching frame anywhere in the stack)", causes, samples, 20, false);
        print("CPU samples by thread", threads, samples, 12, false);
        print("hot methods, self (top frame)", self, samples, 25, false);
        print("hot methods, inclusive (io.switchboard and pekko, on the stack)", filter(inclusive), samples, 30,
                false);
        print("allocation by cause", allocCause, allocBytes, 20, true);
        print("allocation by class", allocClass, allocBytes, 25, true);
        print("allocation by allocating frame", allocFrame, allocBytes, 25, true);
    }

    static List<String> frames(RecordedStackTrace trace) {
        List<String> out = new ArrayList<>();
        if (trace != null) {
            for (RecordedFrame f : trace.getFrames()) {
                if (f.isJavaFrame()) {
                    out.add(f.getMethod().getType().getName() + "." + f.getMethod().getName());
                }
            }
        }
        return out;
    }

    static String cause(List<String> frames) {
        for (String[] c : CAUSES) {
            for (String f : frames) {
                for (int i = 1; i < c.length; i++) {
                    if (f.contains(c[i])) {
                        return c[0];
                    }
                }
            }
        }
        return "other (JDK, JIT-compiled glue)";
    }

    static String threadGroup(String name) {
        return name.replaceAll("[0-9]+", "N");
    }

    static Map<String, Long> filter(Map<String, Long> inclusive) {
        Map<String, Long> out = new HashMap<>();
        inclusive.forEach((k, v) -> {
            if (k.startsWith("io.switchboard") || k.startsWith("org.apache.pekko.cluster.sharding")
                   ) {
                out.put(k, v);
            }
        });
        return out;
    }

    static void print(String title, Map<String, Long> counts, long total, int top, boolean bytes) {
        System.out.println();
        System.out.println("== " + title);
        Set<Map.Entry<String, Long>> sorted = new java.util.LinkedHashSet<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
                .forEach(sorted::add);
        for (Map.Entry<String, Long> e : sorted) {
            System.out.printf("%6.1f %%  %10s  %s%n", total == 0 ? 0 : 100.0 * e.getValue() / total,
                    bytes ? String.format("%.1f MiB", e.getValue() / 1048576.0) : e.getValue(), e.getKey());
        }
    }
}
