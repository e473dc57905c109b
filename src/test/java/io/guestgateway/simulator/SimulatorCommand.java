package io.guestgateway.simulator;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * {@code bin/simulate [options]}: runs the guest simulator without Spring. Progress on stderr, the
 * summary table on stdout; the exit code says how it went.
 */
public final class SimulatorCommand {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;

    private SimulatorCommand() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String[] args) {
        return run(args, System.out, System.err);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (SimulatorArgs.wantsHelp(Arrays.asList(args))) {
            out.print(SimulatorArgs.USAGE);
            return OK;
        }
        SimulatorOptions options;
        try {
            options = SimulatorOptions.parse(args);
        } catch (UsageException e) {
            err.println("simulate: " + e.getMessage() + " (see bin/simulate --help)");
            return USAGE;
        }
        String bots = options.bots() == 0 ? "" : String.format(", %d bots x %d messages", options.bots(),
                options.botMessages());
        err.printf("simulate: %d guests x %d messages%s over %d connections to %s (seed %d)%n", options.guests(),
                options.messagesPerGuest(), bots, options.connections(), options.wsUrl(), options.seed());
        try {
            SimulatorReport report = Simulator.run(options, err);
            out.print(report.table());
            out.println();
            out.print(RoutingExpectation.note(options));
            return OK;
        } catch (SimulatorException e) {
            err.println("simulate: " + e.getMessage());
            return FAILED;
        }
    }
}
