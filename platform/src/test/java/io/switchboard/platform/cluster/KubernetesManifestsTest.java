package io.switchboard.platform.cluster;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
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
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.discovery.kubernetes.KubernetesApiServiceDiscovery;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No Kubernetes runs here, so the manifests of k8s/ are read and checked against the code: the node the
 * Deployment describes loads, discovers the pods the Deployment labels, is probed where Pekko Management
 * answers, and publishes the ports it listens on.
 */
class KubernetesManifestsTest {
    private static final String POD_IP = "10.1.2.3";

    private final List<JsonNode> manifests = Manifests.documents(Manifests.repository().resolve("k8s"));
    private final JsonNode deployment = Manifests.find(manifests, "Deployment", "switchboard");
    private final JsonNode pod = deployment.path("spec").path("template");
    private final JsonNode container = pod.path("spec").path("containers").get(0);
    private final Map<String, Integer> ports = Manifests.ports(container);
    private final Map<String, String> env = environment(container);
    private final Config node = EnvConfig.load(nodeConfigFile(), env);
    private final ClusterSettings cluster = ClusterSettings.fromConfig(node);

    @Test
    void theDeploymentFormsAClusterWithKubernetesApiDiscovery() {
        assertEquals(Discovery.KUBERNETES_API, cluster.discovery());
        assertEquals(3, deployment.path("spec").path("replicas").asInt());
        assertTrue(cluster.bootstrap().requiredContactPoints() <= deployment.path("spec").path("replicas").asInt());
        assertEquals(POD_IP, node.getString("pekko.remote.artery.canonical.hostname"), "the cluster host is the pod IP");
        assertEquals(POD_IP, cluster.management().hostname());
        assertEquals(SplitBrainStrategy.KEEP_MAJORITY, cluster.splitBrain());
    }

    @Test
    void thePodsCarryTheLabelsTheDiscoveryListsAndTheServicesSelect() {
        Map<String, String> labels = Manifests.strings(pod.path("metadata").path("labels"));
        for (String term : cluster.bootstrap().effectiveLabelSelector().split(",")) {
            String[] keyValue = term.split("=", 2);
            assertEquals(keyValue[1], labels.get(keyValue[0]), "pod label for the discovery's selector " + term);
        }
        assertSelects(deployment.path("spec").path("selector").path("matchLabels"), labels);
        assertSelects(Manifests.find(manifests, "Service", "switchboard").path("spec").path("selector"), labels);
        assertSelects(asteriskService().path("spec").path("selector"), labels);
        assertSelects(Manifests.find(manifests, "PodDisruptionBudget", "switchboard").path("spec").path("selector")
                .path("matchLabels"), labels);
    }

    @Test
    void theContainerPortsAreThePortsTheNodeListensOn() {
        assertEquals(HttpSettings.fromConfig(node).port(), ports.get("http"));
        assertEquals("0.0.0.0", HttpSettings.fromConfig(node).host(), "the API must listen beyond loopback");
        assertEquals(node.getInt("pekko.remote.artery.canonical.port"), ports.get("remoting"));
        assertEquals(cluster.management().port(), ports.get(cluster.bootstrap().portName()),
                "the management port is found by the name switchboard.cluster.bootstrap.port-name");
        JsonNode service = Manifests.find(manifests, "Service", "switchboard").path("spec").path("ports").get(0);
        assertEquals(HttpSettings.fromConfig(node).port(), ports.get(service.path("targetPort").asText()));
    }

    @Test
    void asteriskReachesTheOutboundListenerOfEveryReadyPodThroughItsService(@TempDir Path dir) throws IOException {
        OutboundSettings outbound = outboundSettings(dir);
        assertEquals("0.0.0.0", outbound.host(), "Asterisk connects from outside the pod");
        JsonNode spec = asteriskService().path("spec");
        assertEquals(1, spec.path("ports").size());
        JsonNode port = spec.path("ports").get(0);
        assertEquals(outbound.port(), ports.get(port.path("targetPort").asText()),
                "the Service must lead to the container port of the node's outbound listener");
        assertFalse(spec.path("publishNotReadyAddresses").asBoolean(false),
                "a pod that is not an Up member of the cluster cannot take Asterisk's socket");
    }

    @Test
    void theReadmeTellsAnAsteriskInTheClusterToConnectToTheService() throws IOException {
        Path k8s = Manifests.repository().resolve("k8s");
        String namespace = Manifests.read(k8s.resolve("kustomization.yaml")).get(0).path("namespace").asText();
        String address = "ws://" + asteriskService().path("metadata").path("name").asText() + "." + namespace
                + ".svc.cluster.local:" + asteriskService().path("spec").path("ports").get(0).path("port").asInt()
                + "/asterisk/" + node.getConfigList("switchboard.asterisk.servers").get(0).getString("id");
        List<String> uris = Files.readAllLines(k8s.resolve("README.md")).stream().map(String::strip)
                .filter(l -> l.startsWith("uri = ws://")).toList();
        assertEquals(List.of("uri = " + address), uris, "websocket_client.conf's uri in README.md");
    }

    @Test
    void theOutboundListenerTakesItsPasswordFromAMountedSecretFile(@TempDir Path dir) throws IOException {
        Config settings = node.getConfig("switchboard.asterisk.outbound");
        assertTrue(settings.getString("password").isEmpty(), "the password comes from a file, not the manifests");
        String file = settings.getString("password-file");
        assertTrue(secretFiles().containsKey(file), file + " is not a mounted secret file: " + secretFiles().keySet());
        assertFalse(secretFiles().get(file).equals(secretFiles().get(
                node.getConfigList("switchboard.asterisk.servers").get(0).getString("password-file"))),
                "Asterisk's credentials are not ARI's: keep them in their own secret");
        assertDoesNotThrow(() -> outboundSettings(dir).requireCredentials());
    }

    @Test
    void theProbesAskPekkoManagementsHealthChecks() {
        Config health = node.getConfig("pekko.management.health-checks");
        assertProbe("readinessProbe", health.getString("readiness-path"));
        assertProbe("livenessProbe", health.getString("liveness-path"));
        assertProbe("startupProbe", health.getString("liveness-path"));
    }

    @Test
    void kustomizationAppliesEveryManifestButTheOptionalLeaseDefinition() throws IOException {
        Path k8s = Manifests.repository().resolve("k8s");
        JsonNode kustomization = Manifests.read(k8s.resolve("kustomization.yaml")).get(0);
        List<String> listed = new ArrayList<>();
        kustomization.path("resources").forEach(r -> listed.add(r.asText()));
        List<String> files;
        try (var list = Files.list(k8s)) {
            files = list.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".yaml"))
                    .filter(f -> !f.equals("kustomization.yaml") && !f.equals("lease-crd.yaml")).sorted().toList();
        }
        assertEquals(files, listed.stream().sorted().toList());
        assertEquals("switchboard", kustomization.path("images").get(0).path("name").asText());
        assertEquals("switchboard", container.path("image").asText(), "the image kustomize renames");
    }

    @Test
    void theServiceAccountMayListThePods() {
        String account = pod.path("spec").path("serviceAccountName").asText();
        Manifests.find(manifests, "ServiceAccount", account);
        JsonNode binding = manifests.stream().filter(d -> "RoleBinding".equals(d.path("kind").asText()))
                .filter(d -> account.equals(d.path("subjects").get(0).path("name").asText())).findFirst().orElseThrow();
        JsonNode role = Manifests.find(manifests, "Role", binding.path("roleRef").path("name").asText());
        List<String> podVerbs = new ArrayList<>();
        role.path("rules").forEach(rule -> {
            if (rule.path("apiGroups").get(0).asText().isEmpty()
                    && rule.path("resources").toString().contains("\"pods\"")) {
                rule.path("verbs").forEach(v -> podVerbs.add(v.asText()));
            }
        });
        assertTrue(podVerbs.containsAll(List.of("get", "watch", "list")), "verbs on pods: " + podVerbs);
    }

    @Test
    void theNodeConfigListsTheAsteriskServersWithPasswordsFromTheMountedSecret() {
        List<? extends Config> servers = node.getConfigList("switchboard.asterisk.servers");
        assertFalse(servers.isEmpty());
        Map<String, String> secretFiles = secretFiles();
        for (Config server : servers) {
            assertFalse(server.hasPath("password"), "ARI passwords come from files, not the ConfigMap");
            String file = server.getString("password-file");
            assertTrue(secretFiles.containsKey(file), file + " is not a mounted secret file: " + secretFiles.keySet());
            AsteriskServer parsed = AsteriskServer.fromConfig(server.withoutPath("password-file")
                    .withValue("password", ConfigValueFactory.fromAnyRef("the mounted secret")));
            assertTrue(parsed.connectsOut(), server.getString("id")
                    + " must have events = outbound, the mode that loses no caller with a pod");
        }
        String options = env.get("JAVA_TOOL_OPTIONS");
        String configFile = options.substring(options.indexOf("-Dconfig.file=") + "-Dconfig.file=".length()).split(" ")[0];
        assertTrue(configMapFiles().containsKey(configFile), configFile + " is not mounted from the ConfigMap");
    }

    @Test
    void severalNodesShareOnePostgresJournal() {
        PersistenceSettings journal = PersistenceSettings.fromConfig(node);
        assertEquals(DatabaseKind.POSTGRES, journal.kind());
        assertEquals("secret switchboard-postgres/password", journal.password());
        assertDoesNotThrow(() -> MultiNodeRules.check(cluster, journal, false));
        JsonNode postgres = Manifests.find(manifests, "Service", "switchboard-postgres");
        assertTrue(journal.url().startsWith("jdbc:postgresql://" + postgres.path("metadata").path("name").asText()
                + ":" + postgres.path("spec").path("ports").get(0).path("port").asInt() + "/"), journal.url());
    }

    @Test
    void everyEnvironmentVariableTheDeploymentSetsIsReadByTheConfig() throws IOException {
        String applicationConf = resource("application.conf");
        for (String name : env.keySet()) {
            if (!name.equals("JAVA_TOOL_OPTIONS")) {
                assertTrue(applicationConf.contains("${?" + name + "}"), name + " is not read by application.conf");
            }
        }
    }

    @Test
    void theKubernetesApiDiscoveryIsConstructedFromTheDeploymentsSettings(@TempDir Path dir) throws Exception {
        Path ca = dir.resolve("ca.crt");
        try (InputStream pem = getClass().getResourceAsStream("test-ca.pem")) {
            Files.copy(pem, ca);
        }
        Config system = ConfigFactory.parseString("""
                pekko.actor.provider = local
                pekko.coordinated-shutdown.exit-jvm = off
                pekko.discovery.kubernetes-api.api-ca-path = "%s"
                """.formatted(ca)).withFallback(ClusterConfig.withCluster(node));
        assertEquals("app=%s", system.getString("pekko.discovery.kubernetes-api.pod-label-selector"));
        assertEquals("management",
                system.getString("pekko.management.cluster.bootstrap.contact-point-discovery.port-name"));
        assertEquals("switchboard",
                system.getString("pekko.management.cluster.bootstrap.contact-point-discovery.service-name"));
        withSystem(system, s -> assertInstanceOf(KubernetesApiServiceDiscovery.class,
                org.apache.pekko.discovery.Discovery.get(Adapter.toClassic(s)).discovery()));
        Config noCertificate = ConfigFactory.parseString("pekko.discovery.kubernetes-api.api-ca-path = \"%s\""
                .formatted(dir.resolve("missing.crt"))).withFallback(system);
        // the class reads the certificate when constructed: a pod without its service account token fails here
        withSystem(noCertificate, s -> assertThrows(java.nio.file.NoSuchFileException.class,
                () -> org.apache.pekko.discovery.Discovery.get(Adapter.toClassic(s)).discovery()));
    }

    /** The container's environment; values from the pod's status or from secrets get recognisable stand-ins. */
    private static Map<String, String> environment(JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode variable : container.path("env")) {
            JsonNode from = variable.path("valueFrom");
            String value;
            if (from.has("fieldRef")) {
                assertEquals("status.podIP", from.path("fieldRef").path("fieldPath").asText());
                value = POD_IP;
            } else if (from.has("secretKeyRef")) {
                value = "secret " + from.path("secretKeyRef").path("name").asText() + "/"
                        + from.path("secretKeyRef").path("key").asText();
            } else {
                value = variable.path("value").asText();
            }
            env.put(variable.path("name").asText(), value);
        }
        return env;
    }

    private JsonNode asteriskService() {
        return Manifests.find(manifests, "Service", "switchboard-asterisk");
    }

    /** The outbound listener's settings, its mounted password file stood in for by a file in {@code dir}. */
    private OutboundSettings outboundSettings(Path dir) throws IOException {
        Path password = Files.writeString(dir.resolve("outbound-password"), "the mounted secret\n");
        return OutboundSettings.fromConfig(node.withValue("switchboard.asterisk.outbound.password-file",
                ConfigValueFactory.fromAnyRef(password.toString())));
    }

    private Config nodeConfigFile() {
        String text = Manifests.find(manifests, "ConfigMap", "switchboard-config").path("data").path("node.conf").asText();
        return ConfigFactory.parseString(text);
    }

    /** Files the container sees from secret volumes: path to secret name. */
    private Map<String, String> secretFiles() {
        return mountedFiles("secret", "secretName");
    }

    private Map<String, String> configMapFiles() {
        Map<String, String> files = new HashMap<>();
        JsonNode configMap = Manifests.find(manifests, "ConfigMap", "switchboard-config");
        mounts("configMap", "name").forEach((volume, mount) -> {
            if (volume.equals(configMap.path("metadata").path("name").asText())) {
                configMap.path("data").fieldNames().forEachRemaining(key -> files.put(mount + "/" + key, volume));
            }
        });
        return files;
    }

    private Map<String, String> mountedFiles(String source, String nameField) {
        Map<String, String> files = new HashMap<>();
        for (JsonNode volume : pod.path("spec").path("volumes")) {
            if (!volume.has(source)) {
                continue;
            }
            String mount = mountPath(volume.path("name").asText());
            volume.path(source).path("items").forEach(item -> files.put(mount + "/" + item.path("path").asText(),
                    volume.path(source).path(nameField).asText()));
        }
        return files;
    }

    /** Mount path by the name of the config map or secret of each volume of that kind. */
    private Map<String, String> mounts(String source, String nameField) {
        Map<String, String> mounts = new HashMap<>();
        for (JsonNode volume : pod.path("spec").path("volumes")) {
            if (volume.has(source)) {
                mounts.put(volume.path(source).path(nameField).asText(), mountPath(volume.path("name").asText()));
            }
        }
        return mounts;
    }

    private String mountPath(String volume) {
        for (JsonNode mount : container.path("volumeMounts")) {
            if (volume.equals(mount.path("name").asText())) {
                return mount.path("mountPath").asText();
            }
        }
        throw new AssertionError("volume " + volume + " is not mounted in the container");
    }

    private void assertProbe(String probe, String path) {
        JsonNode get = container.path(probe).path("httpGet");
        assertEquals("/" + path, get.path("path").asText(), probe);
        JsonNode port = get.path("port");
        int number = port.isInt() ? port.asInt() : ports.getOrDefault(port.asText(), -1);
        assertEquals(cluster.management().port(), number, probe + " must ask the management port");
    }

    private static void assertSelects(JsonNode selector, Map<String, String> labels) {
        assertFalse(selector.isEmpty(), "an empty selector");
        Manifests.strings(selector).forEach((key, value) ->
                assertEquals(value, labels.get(key), "selector " + key + "=" + value + " against pod labels " + labels));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = KubernetesManifestsTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static void withSystem(Config config, java.util.function.Consumer<ActorSystem<Void>> use) throws Exception {
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "switchboard", config);
        try {
            use.accept(system);
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }
}
