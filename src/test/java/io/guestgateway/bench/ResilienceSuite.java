package io.guestgateway.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.guestgateway.sandbox.CxoneSandbox;
import io.guestgateway.support.SandboxAsCxone;
import io.guestgateway.sandbox.FaultSettings;
import io.guestgateway.sandbox.SandboxSettings;
import io.guestgateway.sandbox.SandboxState;
import io.guestgateway.support.GatewayRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.springframework.boot.convert.DurationStyle;

/**
 * What the gateway survives: each scenario prints PASS or FAIL with its figures, and passes only
 * when it ends with nothing lost (the loss account balances) and nothing routed twice (the
 * sandbox saw no duplicate route). One sandbox in this JVM stands in for CXone and the CRM; its
 * tokens live 30 s for the whole run, which is the token scenario. The replica scenario runs first,
 * two child-JVM gateways on an external broker and PostgreSQL (ReplicaDiesScenario). The kill -9 scenario runs the
 * gateway in a child JVM and restarts it in this one on the same data; the other scenarios run on
 * that restarted gateway, one after the other.
 *
 * <pre>bench/run ResilienceSuite [--short] [--out target/resilience] [--only "flaky API,outage"]
 *                          [--routing-outage 45s]</pre>
 * {@code --short}: shorter faults and less traffic (about three minutes on 2 cores), and short
 * breaker waits so recovery fits; the full suite keeps the breaker defaults. Both retry routing
 * calls 4 times from 500 ms, capped at 4 s: the settings the flaky-API bound is stated for.
 * {@code --only}: the scenarios whose names contain one of the comma-separated words (the
 * kill -9 scenario, when left out, leaves a freshly started gateway to the others).
 * {@code --routing-outage}: how long the routing API outage lasts. Writes
 * {@code resilience-<short|full>.md} and {@code .json} under {@code --out}. Exit code 1 when any
 * scenario fails (its data folder is then kept and named; after a pass it is deleted).
 */
public final class ResilienceSuite {

    static final String ROUTES = "file:routes/*.yaml";

    public static void main(String[] argv) {
        int status;
        try {
            status = run(argv);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.out.println("resilience suite could not run: " + e);
            status = 1;
        }
        System.exit(status); // threads a failed start-up left behind must not keep the JVM (and CI) waiting
    }

    private static int run(String[] argv) throws Exception {
        Map<String, String> args = PipelineBench.parse(argv);
        boolean full = !args.containsKey("short");
        Path out = Path.of(args.getOrDefault("out", "target/resilience"));
        List<String> only = args.containsKey("only")
                ? List.of(args.get("only").toLowerCase(Locale.ROOT).split("\\s*,\\s*")) : List.of();
        Duration routingOutage = args.containsKey("routing-outage")
                ? DurationStyle.detectAndParse(args.get("routing-outage")) : null;
        long start = System.nanoTime();
        String loadAtStart = loadAverage();
        List<ScenarioResult> results = new ArrayList<>();
        Path dataDir = Files.createTempDirectory("resilience");
        List<Path> dataDirs = new ArrayList<>(List.of(dataDir));

        // counts only, no recorded calls: the sandbox shares this JVM's heap, which the spoof flood
        // measures, and 100,000 recorded CRM calls (the default) are 150 to 250 MB of it
        try (CxoneSandbox sandbox = CxoneSandbox.start(SandboxSettings.defaults().withPort(0).withMaxRecordedCalls(0)
                .withTokenLifetime(Duration.ofSeconds(30))
                .withRoutingFaults(FaultSettings.none().withLatency(Duration.ofMillis(2))))) {
            SandboxState atStart = sandbox.state();
            Map<String, String> props = gatewayProperties(sandbox, full);
            // first: its replicas must be the sandbox's only subscribers while they run
            Path replicasDir = Files.createTempDirectory("resilience-replicas");
            dataDirs.add(replicasDir);
            attempt(results, only, ReplicaDiesScenario.NAME, new ReplicaDiesScenario(sandbox, replicasDir, props, full)::run);
            KillNineScenario kill = new KillNineScenario(sandbox, dataDir, props, full);
            attempt(results, only, "kill -9 under load, restart", kill::run);
            GatewayRun restarted = kill.restarted();
            if (restarted == null) {
                Path fresh = Files.createTempDirectory("resilience");
                dataDirs.add(fresh);
                // the hub drops frames no subscriber is there to receive: wait for the gateway's WebSocket
                restarted = GatewayRun.start(fresh, ROUTES, props).awaitSubscribed();
            }
            try (GatewayRun gateway = restarted) {
                SuiteRun whole = new SuiteRun(gateway, sandbox);
                long sentOverall = 0;
                InProcessScenarios scenarios = new InProcessScenarios(gateway, sandbox, full, routingOutage);
                sentOverall += attempt(results, only, "routing API outage", scenarios::routingOutage);
                sentOverall += attempt(results, only, "429 storm", scenarios::storm429);
                sentOverall += attempt(results, only, "flaky API", scenarios::flakyApi);
                sentOverall += attempt(results, only, "CRM outage", scenarios::crmOutage);
                sentOverall += attempt(results, only, "WebSocket cuts", scenarios::webSocketCuts);
                sentOverall += attempt(results, only, "hostile frame corpus", scenarios::hostileCorpus);
                sentOverall += attempt(results, only, "spoofed-fingerprint flood", scenarios::spoofFlood);
                if (selected(only, "tokens that live 30 s")) {
                    // tokens: over the whole run, the child gateway before the kill included
                    SandboxDelta s = SandboxDelta.between(atStart, sandbox.state());
                    double seconds = (System.nanoTime() - start) / 1e9;
                    ScenarioResult tokens = whole.verdict("tokens that live 30 s (whole run)", sentOverall, true, true,
                            seconds > 60 && s.duplicateRoutes() == 0 && SuiteRun.subscribed(gateway, Duration.ofSeconds(60)),
                            String.format(Locale.ROOT, "%.0f s under 30 s tokens, tokens issued %d (gateway before and"
                                            + " after the kill, and senders), routing 401s %d, duplicate routes %d", seconds,
                                    s.tokensIssued(), s.routing401(), s.duplicateRoutes()));
                    results.add(new ScenarioResult(tokens.name(), tokens.passed(), seconds, tokens.figures(), tokens.sent()));
                }
            }
        }
        return finish(results, full, out, start, loadAtStart, dataDirs);
    }

    /** Prints and writes the table; returns the exit code. */
    private static int finish(List<ScenarioResult> results, boolean full, Path out, long start, String loadAtStart,
            List<Path> dataDirs) throws IOException {
        long failed = results.stream().filter(r -> !r.passed()).count();
        double seconds = (System.nanoTime() - start) / 1e9;
        String title = String.format(Locale.ROOT, "Resilience suite (%s), %d cores, load average %s at start, %s at end",
                full ? "full" : "short", Runtime.getRuntime().availableProcessors(), loadAtStart, loadAverage());
        String total = String.format(Locale.ROOT, "%d scenarios, %d failed, %.0f s in total", results.size(), failed,
                seconds);
        System.out.println();
        System.out.println(title + ":");
        results.forEach(r -> System.out.println(r.line()));
        System.out.println(total);
        String name = full ? "resilience-full" : "resilience-short";
        System.out.println("written: " + write(out, name, title, total, results, full, failed, seconds));
        if (failed == 0) {
            dataDirs.forEach(ResilienceSuite::delete);
        } else {
            System.out.println("data kept for inspection: " + dataDirs);
        }
        return failed == 0 ? 0 : 1;
    }

    /** The gateway talks to the suite's sandbox as it would to CXone: its own sandbox is off. */
    private static Map<String, String> gatewayProperties(CxoneSandbox sandbox, boolean full) {
        Map<String, String> p = SandboxAsCxone.properties(sandbox, ROUTES);
        p.put("logging.level.root", "WARN");
        // the retries the flaky-API bound (InProcessScenarios.FLAKY_BOUND) is stated for
        p.put("routing.max-retries", "4");
        p.put("routing.initial-delay", "500ms");
        p.put("routing.max-delay", "4s");
        if (!full) {
            p.put("routing.circuit-breaker.wait-in-open", "1s");
            p.put("routing.circuit-breaker.max-wait-in-open", "2s");
            p.put("crm.initial-delay", "200ms");
            p.put("crm.max-delay", "2s");
        }
        return p;
    }

    private static Path write(Path out, String name, String title, String total, List<ScenarioResult> results,
            boolean full, long failed, double seconds) throws IOException {
        Files.createDirectories(out);
        StringBuilder md = new StringBuilder(title).append("\n\n| result | scenario | seconds | figures |\n|---|---|---:|---|\n");
        results.forEach(r -> md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %s |%n", r.passed() ? "PASS" : "FAIL",
                r.name(), r.seconds(), r.figures().replace("|", "/"))));
        md.append('\n').append(total).append('\n');
        Files.writeString(out.resolve(name + ".md"), md);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("suite", full ? "full" : "short");
        json.put("command", "bench/run ResilienceSuite" + (full ? "" : " --short"));
        json.put("finishedAt", Instant.now().toString());
        json.put("cores", Runtime.getRuntime().availableProcessors());
        json.put("title", title);
        json.put("seconds", Math.round(seconds * 10) / 10.0);
        json.put("scenarios", results.size());
        json.put("failed", failed);
        json.put("results", results.stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("scenario", r.name());
            m.put("passed", r.passed());
            m.put("seconds", Math.round(r.seconds() * 10) / 10.0);
            m.put("figures", r.figures());
            return m;
        }).toList());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve(name + ".json").toFile(), json);
        return out.resolve(name + ".md");
    }

    /** The 1-minute load average (what else the machine is doing), or "n/a" where /proc is not there. */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "n/a";
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }

    /** Whether {@code --only} (empty: all) selects the scenario {@code name}. */
    private static boolean selected(List<String> only, String name) {
        return only.isEmpty() || only.stream().anyMatch(word -> name.toLowerCase(Locale.ROOT).contains(word));
    }

    /**
     * Runs one scenario, when selected; an exception is a FAIL with its message. Returns the frames
     * it sent (for the whole-run account).
     */
    private static long attempt(List<ScenarioResult> results, List<String> only, String name,
            Callable<ScenarioResult> scenario) {
        if (!selected(only, name)) {
            return 0;
        }
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
