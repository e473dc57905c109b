package io.guestgateway.simulator;

/** Placeholder until the guest simulator lands; returns a usage error. */
public final class SimulatorCommand {
    private SimulatorCommand() {}

    public static int run(String[] args) {
        System.err.println("simulate: not available yet");
        return 2;
    }
}
