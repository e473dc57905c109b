package io.guestgateway.bench;

import io.guestgateway.sandbox.CxoneSandbox;
import io.guestgateway.sandbox.FaultSettings;
import io.guestgateway.sandbox.SandboxSettings;
import java.time.Duration;

/**
 * The routing limit on this machine, without the gateway: a sandbox answering after
 * {@code latency} ms and a plain HTTP client posting from {@code concurrency} threads. Prints the
 * calls per second next to the concurrency-over-latency bound, and the CPU a call costs (client and
 * sandbox, this whole JVM). {@code client}: {@code jdk} (the JDK's HttpClient) or {@code apache}
 * (Apache HttpClient 5, pooled: the client of the gateway's routing call).
 * <pre>bench/run RoutingLimit [concurrency=10] [latencyMillis=5] [seconds=10] [client=jdk|apache]</pre>
 */
public final class RoutingLimit {

    private RoutingLimit() {}

    public static void main(String[] args) throws Exception {
        int concurrency = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int latency = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        RoutingHammer.Client client = args.length > 3 ? RoutingHammer.Client.parse(args[3]) : RoutingHammer.Client.JDK;
        SandboxSettings settings = SandboxSettings.defaults().withPort(0).withMaxRecordedCalls(0)
                .withRoutingFaults(FaultSettings.none().withLatency(Duration.ofMillis(latency)));
        try (CxoneSandbox sandbox = CxoneSandbox.start(settings)) {
            RoutingHammer.run(client, sandbox.apiBase(), concurrency, Duration.ofSeconds(2)); // warm-up
            RoutingHammer.Result result = RoutingHammer.run(client, sandbox.apiBase(), concurrency,
                    Duration.ofSeconds(seconds));
            double bound = latency == 0 ? Double.NaN : concurrency * 1000.0 / latency;
            System.out.printf("%s, concurrency %d, latency %d ms: %,.0f calls/s (%d failed); bound %,.0f/s; ratio %.2f;"
                            + " CPU %.2f ms per call (client and sandbox), %.2f of %d cores busy%n",
                    client.label(), concurrency, latency, result.perSecond(), result.failed(), bound, result.perSecond() / bound,
                    result.cpu().perUnit(result.created()), result.cpu().cores(),
                    Runtime.getRuntime().availableProcessors());
        }
    }
}
