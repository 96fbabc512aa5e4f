package io.switchboard.platform.failover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * bench/failover-drill/failover-drill.sh, the operators' drill against a real Asterisk: it parses, and it checks
 * its options before it calls anything (--dry-run prints the plan and calls nothing).
 */
class FailoverDrillScriptTest {
    private static final Path DRILL = Path.of("").toAbsolutePath().getParent().resolve("bench/failover-drill");
    private static final List<String> VALID = List.of("--ari-url", "http://pbx1:8088/ari", "--ari-user", "switchboard",
            "--caller-endpoint", "Local/support@failover-drill", "--nodes", "http://n1:8080,http://n2:8080/",
            "--kill-cmd", "ssh {host} pkill -9 -f switchboard-platform", "--victim", "queue");
    private static final Map<String, String> SECRETS = Map.of("ARI_PASSWORD", "s3cr3t-pw",
            "SWITCHBOARD_API_TOKEN", "t0ken-xyz");

    record Run(int exit, String output) {
    }

    @Test
    void bothFilesParse() throws Exception {
        for (String file : List.of("failover-drill.sh", "drill-lib.sh")) {
            Run check = bash(List.of("-n", DRILL.resolve(file).toString()), Map.of());
            assertEquals(0, check.exit(), file + ": " + check.output());
        }
    }

    @Test
    void aDryRunPrintsThePlanWithoutThePassword() throws Exception {
        Run run = drill(with(VALID, "--callers", "20", "--kill-after", "8", "--dry-run"), SECRETS);
        assertEquals(0, run.exit(), run.output());
        assertTrue(run.output().contains("plan: 20 callers, one every 1000 ms, each dialling "
                + "Local/support@failover-drill"), run.output());
        assertTrue(run.output().contains("nodes: http://n1:8080 http://n2:8080; queue support"), run.output());
        assertTrue(run.output().contains("kill: at 8 s, victim queue, command: ssh {host} pkill -9"), run.output());
        assertTrue(run.output().contains("password 9 characters"), run.output());
        assertFalse(run.output().contains("s3cr3t-pw") || run.output().contains("t0ken-xyz"), run.output());
    }

    @Test
    void wrongOptionsExitWith2NamingTheOption() throws Exception {
        assertRefused(VALID.subList(2, VALID.size()), SECRETS, "--ari-url is required");
        assertRefused(with(VALID, "--ari-url", "pbx1:8088"), SECRETS, "--ari-url must start with http://");
        assertRefused(with(VALID, "--victim", "3"), SECRETS, "--victim must be none, queue, oldest or 1..2, got 3");
        assertRefused(with(VALID, "--victim", "none"), SECRETS, "--kill-cmd uses {host} or {url}");
        assertRefused(with(VALID, "--callers", "10", "--kill-after", "12"), SECRETS, "--kill-after (12 s) must fall");
        assertRefused(with(VALID, "--talk", "0"), SECRETS, "--talk must be a whole number above 0, got 0");
        assertRefused(with(VALID, "--nodes", "n1:8080"), SECRETS, "--nodes: expected http(s)://host:port, got n1:8080");
        assertRefused(with(VALID, "--agent", "agent1=PJSIP/agent1"), SECRETS, "--agent needs --asterisk-id");
        assertRefused(with(VALID, "--agent", "agent1"), SECRETS, "--agent must be ID=TECH/resource");
        assertRefused(with(VALID, "--frobnicate", "1"), SECRETS, "unknown option --frobnicate");
        assertRefused(with(VALID, "--queue"), SECRETS, "--queue needs a value");
        assertRefused(VALID, Map.of("SWITCHBOARD_API_TOKEN", "t0ken-xyz"), "the ARI password");
        assertRefused(VALID, Map.of("ARI_PASSWORD", "s3cr3t-pw"), "the API token");
    }

    @Test
    void helpListsEveryOption() throws Exception {
        Run help = drill(List.of("--help"), Map.of());
        assertEquals(0, help.exit());
        for (String option : List.of("--ari-url", "--ari-user", "--ari-password-file", "--caller-endpoint",
                "--caller-context", "--caller-exten", "--nodes", "--token-file", "--queue", "--agent", "--asterisk-id",
                "--kill-cmd", "--victim", "--callers", "--interval-ms", "--kill-after", "--talk", "--window",
                "--max-gap", "--id-prefix", "--dry-run")) {
            assertTrue(help.output().contains("  " + option + " "), option + " in --help");
        }
    }

    private static void assertRefused(List<String> args, Map<String, String> env, String message) throws Exception {
        Run run = drill(args, env);
        assertEquals(2, run.exit(), args + ": " + run.output());
        assertTrue(run.output().contains("failover-drill: " + message), args + ": " + run.output());
    }

    private static List<String> with(List<String> args, String... more) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all;
    }

    private static Run drill(List<String> args, Map<String, String> env) throws Exception {
        List<String> command = new ArrayList<>(List.of(DRILL.resolve("failover-drill.sh").toString()));
        command.addAll(args);
        return bash(command, env);
    }

    private static Run bash(List<String> args, Map<String, String> env) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash"));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().remove("ARI_PASSWORD");
        builder.environment().remove("SWITCHBOARD_API_TOKEN");
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the drill script did not end: " + command);
        return new Run(process.exitValue(), output);
    }
}
