package io.switchboard.platform.failover;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A JVM started by the test, its output (stdout and stderr) going to one log file. */
final class ManagedProcess {
    final String name;
    final Path log;
    private final Process process;

    private ManagedProcess(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    /** Starts {@code java <jvmArgs> -jar <jar> <args>} with the JVM running this test. */
    static ManagedProcess startJar(String name, Path log, List<String> jvmArgs, Path jar, List<String> args) {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // the node reads SWITCHBOARD_* variables over its config file: none of the caller's may leak in
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(k -> k.startsWith("SWITCHBOARD_") || k.equals("JAVA_TOOL_OPTIONS"));
        try {
            Files.writeString(log, "$ " + String.join(" ", command) + "\n", StandardCharsets.UTF_8);
            Process process = builder.start();
            // a test JVM that ends abruptly (killed fork, timeout) still takes its processes with it
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "kill " + name));
            return new ManagedProcess(name, log, process);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** "running", or how it ended. */
    String state() {
        return process.isAlive() ? "running" : "ended with exit code " + process.exitValue();
    }

    /**
     * Kills the process without warning: on Linux {@link Process#destroyForcibly()} sends SIGKILL (as
     * {@code kill -9}), so no shutdown hook, no coordinated shutdown and no leaving the cluster runs.
     */
    void killHard() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " (pid " + pid() + ") still runs 10 s after SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The last {@code lines} lines of its output. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }
}
