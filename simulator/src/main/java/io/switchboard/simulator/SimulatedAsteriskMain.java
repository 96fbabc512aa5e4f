package io.switchboard.simulator;

/**
 * Runs a simulated Asterisk on its own: {@code java -jar simulator/target/switchboard-simulator-<version>-standalone.jar
 * [port]} (default 8088), e.g. to point an ARI application or the peer benchmark at it.
 */
public final class SimulatedAsteriskMain {
    private SimulatedAsteriskMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8088;
        SimulatedAsterisk sim = SimulatedAsterisk.start(SimConfig.defaults().withPort(port));
        Runtime.getRuntime().addShutdownHook(new Thread(sim::close));
        System.out.println("Simulated Asterisk 22.10.1 on " + sim.ariUrl() + " (user " + sim.user()
                + "); control API under http://127.0.0.1:" + sim.port() + "/sim/");
        Thread.currentThread().join();
    }
}
