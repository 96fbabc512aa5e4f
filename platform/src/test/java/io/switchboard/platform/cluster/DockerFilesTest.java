package io.switchboard.platform.cluster;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.switchboard.actors.settings.AsteriskServer;
import io.switchboard.platform.asterisk.OutboundSettings;
import io.switchboard.platform.http.HttpSettings;
import io.switchboard.queues.persistence.DatabaseKind;
import io.switchboard.queues.persistence.PersistenceSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker/: the image exposes and configures what the node uses; the compose nodes form one cluster, and
 * Asterisk's outbound WebSocket reaches them through a load balancer that lists every node.
 */
class DockerFilesTest {
    private static final Pattern REQUIRED_VARIABLE = Pattern.compile("\\$\\{([A-Z_]+):\\?[^}]*}");
    private static final List<String> NODES = List.of("node1", "node2", "node3");

    private final Path docker = Manifests.repository().resolve("docker");
    private final List<String> dockerfile = lines(docker.resolve("Dockerfile"));
    private final Map<String, String> imageEnv = imageEnvironment();
    private final JsonNode services = Manifests.read(docker.resolve("compose.yaml")).get(0).path("services");

    @Test
    void theImageExposesThePortsOfTheNode() {
        Config config = EnvConfig.load(imageEnv);
        Set<Integer> expected = Set.of(HttpSettings.fromConfig(config).port(),
                config.getInt("pekko.remote.artery.canonical.port"), ClusterSettings.fromConfig(config).management().port(),
                OutboundSettings.fromConfig(config).port());
        Set<Integer> exposed = new TreeSet<>();
        dockerfile.stream().filter(l -> l.startsWith("EXPOSE ")).forEach(l -> {
            for (String port : l.substring("EXPOSE ".length()).trim().split("\\s+")) {
                exposed.add(Integer.parseInt(port));
            }
        });
        assertEquals(new TreeSet<>(expected), exposed);
        assertEquals("0.0.0.0", HttpSettings.fromConfig(config).host(), "the API must be reachable from outside");
        assertEquals("0.0.0.0", OutboundSettings.fromConfig(config).host(), "Asterisk connects from outside");
        assertEquals("demo", config.getString("switchboard.node.mode"), "the image runs the demo by default");
    }

    @Test
    void theImageBuildsOnJdk17AndRunsTheShadedJarAsAnUnprivilegedUser() {
        List<String> from = dockerfile.stream().filter(l -> l.startsWith("FROM ")).toList();
        assertEquals(2, from.size(), "a build stage and a run stage");
        assertTrue(from.get(0).contains("temurin-17"), from.get(0));
        assertTrue(from.get(1).contains("17-jre"), from.get(1));
        assertTrue(dockerfile.stream().anyMatch(l -> l.startsWith("COPY --from=build")
                && l.contains("platform/target/switchboard-platform.jar")));
        String user = dockerfile.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElse("USER root");
        assertFalse(Set.of("USER root", "USER 0").contains(user.trim()), user);
    }

    @Test
    void theComposeNodesFormOneClusterOnASharedJournal() {
        Map<String, ContactPoint> selves = new LinkedHashMap<>();
        List<ContactPoint> contactPoints = null;
        for (String name : List.of("node1", "node2", "node3")) {
            JsonNode service = services.path(name);
            Map<String, String> env = new HashMap<>(imageEnv);
            env.putAll(serviceEnvironment(service));
            Config config = EnvConfig.load(nodeConfig(service, env), env);
            ClusterSettings cluster = ClusterSettings.fromConfig(config);
            assertEquals(Discovery.CONFIG, cluster.discovery(), name);
            assertEquals(service.path("hostname").asText(), config.getString("pekko.remote.artery.canonical.hostname"));
            selves.put(name, new ContactPoint(cluster.management().hostname(), cluster.management().port()));
            if (contactPoints == null) {
                contactPoints = cluster.bootstrap().contactPoints();
            }
            assertEquals(contactPoints, cluster.bootstrap().contactPoints(), name + " lists other contact points");
            PersistenceSettings journal = PersistenceSettings.fromConfig(config);
            assertEquals(DatabaseKind.POSTGRES, journal.kind(), name);
            assertTrue(journal.url().startsWith("jdbc:postgresql://postgres:5432/"), journal.url());
            assertDoesNotThrow(() -> MultiNodeRules.check(cluster, journal, "demo".equals(
                    config.getString("switchboard.node.mode"))), name);
            assertEquals(env.get("ARI_URL"), config.getConfigList("switchboard.asterisk.servers").get(0)
                    .getString("base-url"));
            assertTrue(service.path("ports").get(0).asText().endsWith(":" + HttpSettings.fromConfig(config).port()));
        }
        assertEquals(List.copyOf(selves.values()), contactPoints, "each node is one of the contact points");
    }

    @Test
    void everyComposeNodeTakesAsterisksOutboundSocketWithCredentialsFromTheShell() {
        for (String name : NODES) {
            Config config = composeNodeConfig(name);
            List<? extends Config> servers = config.getConfigList("switchboard.asterisk.servers");
            assertFalse(servers.isEmpty(), name);
            for (Config server : servers) {
                // the shell's ARI_URL stand-in is no URL
                Config withUrl = server.withValue("base-url", ConfigValueFactory.fromAnyRef("http://pbx.example.net:8088/ari"));
                assertTrue(AsteriskServer.fromConfig(withUrl).connectsOut(), name + ": " + server.getString("id")
                        + " must have events = outbound, the mode that loses no caller with a node");
            }
            OutboundSettings outbound = OutboundSettings.fromConfig(config);
            assertEquals("0.0.0.0", outbound.host(), name + ": the load balancer connects from outside the container");
            assertDoesNotThrow(outbound::requireCredentials, name);
            assertEquals("from-shell-ASTERISK_OUT_USER", outbound.username(), name);
            assertEquals("from-shell-ASTERISK_OUT_PASSWORD", outbound.password(), name);
            assertTrue(services.path(name).path("ports").toString().indexOf(":" + outbound.port() + "\"") < 0,
                    name + " publishes its outbound port: Asterisk must go through the load balancer");
        }
    }

    @Test
    void theLoadBalancerPassesAsteriskToEveryNodeThatIsUpAndClosesItsSocketWhenTheNodeIsNot() {
        String name = loadBalancer();
        JsonNode service = services.path(name);
        HaproxyConfig haproxy = HaproxyConfig.parse(mountedFile(service, "/usr/local/etc/haproxy/haproxy.cfg"));
        String[] published = service.path("ports").get(0).asText().split(":");
        String backend = haproxy.backendOfFrontendBoundTo(Integer.parseInt(published[published.length - 1]));

        Set<String> expected = new TreeSet<>();
        Config anyNode = null;
        for (String node : NODES) {
            anyNode = composeNodeConfig(node);
            expected.add(services.path(node).path("hostname").asText() + ":" + OutboundSettings.fromConfig(anyNode).port());
        }
        Map<String, List<String>> servers = haproxy.servers(backend);
        assertEquals(expected, new TreeSet<>(servers.keySet()), "the load balancer lists exactly the nodes' outbound ports");
        assertEquals(NODES.size(), servers.size());

        String readiness = "/" + anyNode.getString("pekko.management.health-checks.readiness-path");
        assertEquals(readiness, haproxy.httpCheckPath(backend), "the health check asks Pekko Management's readiness");
        int management = ClusterSettings.fromConfig(anyNode).management().port();
        servers.forEach((address, options) -> {
            assertTrue(options.contains("check"), address + " is not health-checked: " + options);
            assertEquals(String.valueOf(management), HaproxyConfig.valueOf(options, "port"),
                    address + " must be checked on the management port");
            assertEquals("shutdown-sessions", HaproxyConfig.valueOf(options, "on-marked-down"),
                    address + ": Asterisk's socket to a node marked down must be closed so that it reconnects");
        });
        List<String> dependsOn = new ArrayList<>();
        service.path("depends_on").forEach(d -> dependsOn.add(d.asText()));
        service.path("depends_on").fieldNames().forEachRemaining(dependsOn::add);
        assertEquals(NODES, dependsOn.stream().sorted().toList(), "the node names must resolve when it starts");
    }

    @Test
    void theReadmeTellsAsteriskToConnectToTheLoadBalancer() throws IOException {
        String[] published = services.path(loadBalancer()).path("ports").get(0).asText().split(":");
        String hostPort = published[published.length - 2];
        String serverId = composeNodeConfig("node1").getConfigList("switchboard.asterisk.servers").get(0).getString("id");
        List<String> uris = Files.readAllLines(docker.resolve("README.md")).stream().map(String::strip)
                .filter(l -> l.startsWith("uri = ws://")).toList();
        assertFalse(uris.isEmpty(), "README.md shows no websocket_client.conf uri");
        for (String uri : uris) {
            assertTrue(uri.endsWith(":" + hostPort + "/asterisk/" + serverId), uri);
        }
    }

    @Test
    void everyVariableComposeSetsIsReadByTheNodeConfig() throws IOException {
        String read = new String(getClass().getClassLoader().getResourceAsStream("application.conf").readAllBytes())
                + Files.readString(docker.resolve("node.conf"));
        for (String name : List.of("node1", "node2", "node3")) {
            for (String variable : serviceEnvironment(services.path(name)).keySet()) {
                if (!variable.equals("JAVA_TOOL_OPTIONS")) {
                    assertTrue(read.contains("${?" + variable + "}") || read.contains("${" + variable + "}"),
                            variable + " of " + name + " is not read by application.conf or node.conf");
                }
            }
        }
    }

    /** The configuration node {@code name} of compose.yaml loads. */
    private Config composeNodeConfig(String name) {
        JsonNode service = services.path(name);
        Map<String, String> env = new HashMap<>(imageEnv);
        env.putAll(serviceEnvironment(service));
        return EnvConfig.load(nodeConfig(service, env), env);
    }

    /** The one compose service that runs HAProxy. */
    private String loadBalancer() {
        List<String> names = new ArrayList<>();
        services.fields().forEachRemaining(e -> {
            if (e.getValue().path("image").asText().startsWith("haproxy")) {
                names.add(e.getKey());
            }
        });
        assertEquals(1, names.size(), "one load balancer in front of the nodes: " + names);
        return names.get(0);
    }

    /** The file of docker/ that the service mounts at {@code target}. */
    private Path mountedFile(JsonNode service, String target) {
        for (JsonNode volume : service.path("volumes")) {
            String[] parts = volume.asText().split(":");
            if (parts[1].equals(target)) {
                return docker.resolve(parts[0]);
            }
        }
        throw new AssertionError(target + " is not mounted into the service");
    }

    /** The service's environment, with a stand-in for each variable compose takes from the shell. */
    private static Map<String, String> serviceEnvironment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        service.path("environment").fields().forEachRemaining(e -> {
            Matcher required = REQUIRED_VARIABLE.matcher(e.getValue().asText());
            env.put(e.getKey(), required.replaceAll(m -> "from-shell-" + m.group(1)));
        });
        return env;
    }

    /** The file -Dconfig.file names, read from where the service mounts it. */
    private Config nodeConfig(JsonNode service, Map<String, String> env) {
        String options = env.get("JAVA_TOOL_OPTIONS");
        String file = options.substring(options.indexOf("-Dconfig.file=") + "-Dconfig.file=".length()).split(" ")[0];
        for (JsonNode volume : service.path("volumes")) {
            String[] parts = volume.asText().split(":");
            if (parts[1].equals(file)) {
                return ConfigFactory.parseFile(docker.resolve(parts[0]).toFile());
            }
        }
        throw new AssertionError(file + " is not mounted into the service");
    }

    private Map<String, String> imageEnvironment() {
        Map<String, String> env = new HashMap<>();
        dockerfile.stream().filter(l -> l.startsWith("ENV ")).forEach(l -> {
            String[] assignment = l.substring("ENV ".length()).trim().split("=", 2);
            env.put(assignment[0], assignment[1]);
        });
        return env;
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream().map(String::strip).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
