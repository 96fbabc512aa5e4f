package io.switchboard.simulator;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Runs a simulated Asterisk on its own, e.g. to point an ARI application or the peer benchmark at it:
 * <pre>
 * java -jar simulator/target/switchboard-simulator-&lt;version&gt;-standalone.jar [port]
 *     [--outbound-uri ws://127.0.0.1:8091/asterisk/sim,ws://127.0.0.1:8092/asterisk/sim]
 *     [--outbound-app callcenter[,other]] [--outbound-user U] [--outbound-password P]
 *     [--reconnect-interval-ms 500] [--subscribe-all]
 * </pre>
 * The port defaults to 8088. With {@code --outbound-uri} the simulator also keeps a persistent outbound ARI
 * WebSocket to the application (see {@link OutboundWebSocketConfig}), trying the URIs in turn.
 */
public final class SimulatedAsteriskMain {
    static final String USAGE = """
            usage: java -jar switchboard-simulator-<version>-standalone.jar [port] [options]
              port                            HTTP port for ARI and the /sim/ control API (default 8088)
              --outbound-uri URI[,URI...]     keep a persistent outbound ARI WebSocket to the application,
                                              trying the URIs in turn (a stand-in for a load-balanced service)
              --outbound-app APP[,APP...]     the Stasis apps it serves (default callcenter)
              --outbound-user USER            Basic auth user towards the application (default none)
              --outbound-password PASSWORD    Basic auth password towards the application
              --reconnect-interval-ms MS      wait after a failed connection attempt (default 500)
              --subscribe-all                 the outbound connection hears all events (subscribe_all = yes)
            """;

    private SimulatedAsteriskMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SimConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(USAGE);
            System.exit(2);
            return;
        }
        SimulatedAsterisk sim = SimulatedAsterisk.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
        System.out.println("Simulated Asterisk 22.10.1 on " + sim.ariUrl() + " (user " + sim.user()
                + "); control API under http://127.0.0.1:" + sim.port() + "/sim/");
        if (config.outbound() != null) {
            System.out.println("Outbound ARI WebSocket for " + String.join(",", config.outbound().apps()) + " to "
                    + config.outbound().uris() + "; state at http://127.0.0.1:" + sim.port() + "/sim/outbound");
        }
        Thread.currentThread().join();
    }

    /** The configuration the command line asks for; IllegalArgumentException with a reason when it is wrong. */
    static SimConfig parse(String[] args) {
        int port = 8088;
        List<URI> uris = new ArrayList<>();
        List<String> apps = List.of("callcenter");
        String user = null;
        String password = null;
        Duration reconnect = OutboundWebSocketConfig.DEFAULT_RECONNECT_INTERVAL;
        boolean subscribeAll = false;
        boolean portSeen = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--outbound-uri" -> {
                    for (String u : value(args, ++i, arg).split(",")) {
                        uris.add(wsUri(u.trim()));
                    }
                }
                case "--outbound-app" -> apps = Arrays.stream(value(args, ++i, arg).split(","))
                        .map(String::trim).filter(a -> !a.isEmpty()).toList();
                case "--outbound-user" -> user = value(args, ++i, arg);
                case "--outbound-password" -> password = value(args, ++i, arg);
                case "--reconnect-interval-ms" -> reconnect = Duration.ofMillis(number(value(args, ++i, arg), arg));
                case "--subscribe-all" -> subscribeAll = true;
                case "-h", "--help" -> throw new IllegalArgumentException("");
                default -> {
                    if (arg.startsWith("-") || portSeen) {
                        throw new IllegalArgumentException("unknown option: " + arg);
                    }
                    port = (int) number(arg, "port");
                    portSeen = true;
                }
            }
        }
        if (apps.isEmpty()) {
            throw new IllegalArgumentException("--outbound-app needs at least one app name");
        }
        if (uris.isEmpty() && (user != null || password != null)) {
            throw new IllegalArgumentException("--outbound-user and --outbound-password need --outbound-uri");
        }
        SimConfig config = SimConfig.defaults().withPort(port);
        if (uris.isEmpty()) {
            return config;
        }
        return config.withOutboundWebSocket(new OutboundWebSocketConfig("outbound", uris, apps, subscribeAll, user,
                password, reconnect));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static long number(String text, String what) {
        try {
            long n = Long.parseLong(text);
            if (n < 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a non-negative number, not " + text);
        }
    }

    private static URI wsUri(String text) {
        try {
            URI uri = new URI(text);
            if (!"ws".equals(uri.getScheme()) && !"wss".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException("--outbound-uri must be ws://host:port/path, not " + text);
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("--outbound-uri is not a URI: " + text);
        }
    }
}
