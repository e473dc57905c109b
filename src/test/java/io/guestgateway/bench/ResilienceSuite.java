package io.guestgateway.bench;

import io.guestgateway.support.GatewayRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * What the gateway survives: each scenario prints PASS or FAIL with its figures, and passes only
 * when it ends with nothing lost (the loss account balances) and nothing routed twice (the
 * sandbox saw no duplicate route). The kill -9 scenario uses a child JVM; the others share one
 * in-process gateway whose sandbox issues tokens that live 30 s, which is the token scenario.
 *
 * <pre>bench/run ResilienceSuite [--short] [--out target/resilience]</pre>
 * {@code --short}: shorter faults and less traffic (under three minutes on 2 cores), and short
 * retry and breaker waits so recovery fits; the full suite keeps the retry defaults.
 * Exit code 1 when any scenario fails.
 */
public final class ResilienceSuite {

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = PipelineBench.parse(argv);
        boolean full = !args.containsKey("short");
        Path out = Path.of(args.getOrDefault("out", "target/resilience"));
        long start = System.nanoTime();
        List<ScenarioResult> results = new ArrayList<>();

        attempt(results, "kill -9 under load, restart", () -> KillNineScenario.run(full));

        Map<String, String> props = new LinkedHashMap<>();
        props.put("logging.level.root", "WARN");
        props.put("logging.level.io.guestgateway.routing.RoutingSla", "ERROR"); // one WARN per slow conversation otherwise
        props.put("cxone.sandbox.routing.latency", "2ms");
        props.put("cxone.sandbox.token-lifetime", "30s");
        props.put("crm.flush-interval", "1s");
        if (!full) {
            props.put("routing.initial-delay", "200ms");
            props.put("routing.max-delay", "2s");
            props.put("routing.circuit-breaker.wait-in-open-seconds", "2");
            props.put("crm.initial-delay", "200ms");
            props.put("crm.max-delay", "2s");
        }
        try (GatewayRun gateway = GatewayRun.start(Files.createTempDirectory("resilience"), "file:routes/*.yaml", props)) {
            gateway.awaitSubscribed();
            SuiteRun whole = new SuiteRun(gateway);
            long sentOverall = 0;
            InProcessScenarios scenarios = new InProcessScenarios(gateway, full);
            sentOverall += attempt(results, "routing API outage", scenarios::routingOutage);
            sentOverall += attempt(results, "429 storm", scenarios::storm429);
            sentOverall += attempt(results, "CRM outage", scenarios::crmOutage);
            sentOverall += attempt(results, "WebSocket cuts", scenarios::webSocketCuts);
            sentOverall += attempt(results, "hostile frame corpus", scenarios::hostileCorpus);
            sentOverall += attempt(results, "spoofed-fingerprint flood", scenarios::spoofFlood);
            SandboxDelta s = whole.sandbox();
            boolean longEnough = whole.seconds() > 30;
            results.add(whole.verdict("tokens that live 30 s (whole run)", sentOverall, true, true,
                    longEnough && subscribed(gateway),
                    String.format(Locale.ROOT, "%.0f s under 30 s tokens, tokens issued %d (gateway and senders),"
                                    + " routing 401s %d", whole.seconds(), s.tokensIssued(), s.routing401())));
        }

        System.out.println();
        System.out.println("Resilience suite (" + (full ? "full" : "short") + "), "
                + Runtime.getRuntime().availableProcessors() + " cores:");
        results.forEach(r -> System.out.println(r.line()));
        long failed = results.stream().filter(r -> !r.passed()).count();
        String total = String.format(Locale.ROOT, "%d scenarios, %d failed, %.0f s in total", results.size(), failed,
                (System.nanoTime() - start) / 1e9);
        System.out.println(total);
        Files.createDirectories(out);
        StringBuilder md = new StringBuilder("| result | scenario | seconds | figures |\n|---|---|---:|---|\n");
        results.forEach(r -> md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %s |%n", r.passed() ? "PASS" : "FAIL",
                r.name(), r.seconds(), r.figures().replace("|", "/"))));
        md.append('\n').append(total).append('\n');
        Files.writeString(out.resolve(full ? "resilience-full.md" : "resilience-short.md"), md);
        System.exit(failed == 0 ? 0 : 1);
    }

    private static boolean subscribed(GatewayRun gateway) {
        try {
            gateway.awaitSubscribed();
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }

    /** Runs one scenario; an exception is a FAIL with its message. Returns the frames it sent (for the whole-run account). */
    private static long attempt(List<ScenarioResult> results, String name, Callable<ScenarioResult> scenario) {
        long t = System.nanoTime();
        System.out.println("scenario: " + name + " ...");
        ScenarioResult r;
        try {
            r = scenario.call();
        } catch (Exception | AssertionError e) {
            r = new ScenarioResult(name, false, (System.nanoTime() - t) / 1e9, "error: " + e);
        }
        results.add(r);
        System.out.println(r.line());
        return r.sent();
    }
}
