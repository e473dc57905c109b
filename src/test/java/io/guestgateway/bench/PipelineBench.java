package io.guestgateway.bench;

import static io.guestgateway.bench.BenchReport.mb;
import static io.guestgateway.bench.BenchReport.rate;
import static io.guestgateway.bench.BenchReport.ratio;

import io.guestgateway.simulator.SimulatorOptions;
import io.guestgateway.support.GatewayRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The whole pipeline at full speed: sandbox (routing latency 5 ms) and gateway in this JVM with
 * every route file, the simulator sending as fast as the sockets take it, then a wait until the
 * pipeline has drained. Prints one table with each rate next to the limit measured in the same run,
 * and writes it as Markdown and JSON.
 *
 * <pre>
 * bench/run PipelineBench [--workload steady|flood|spoof|mix] [--guests N] [--connections 4]
 *                         [--rate FRAMES_PER_S] [--warmup-guests N] [--seed S] [--drain-timeout 300]
 *                         [--out target/bench]
 * </pre>
 * {@code --rate} paces the simulator (0, the default, is full speed): latency figures mean most at a
 * rate the pipeline sustains, e.g. half of what a full-speed run routed. {@code --warmup-guests}
 * first sends that many guests of the same workload (another seed, so other conversations) at full
 * speed and lets them drain, unmeasured, so the JIT is warm when the measured run starts.
 * Exit code 1 when the loss account does not balance or the pipeline did not drain in time.
 */
public final class PipelineBench {

    static final int MAX_CONCURRENT = 10;
    static final int LATENCY_MS = 5;
    /** The routing target: this share of the concurrency-over-latency bound, end to end. */
    static final double TARGET_SHARE = 0.8;

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = parse(argv);
        Workload workload = Workload.parse(args.getOrDefault("workload", "steady"));
        int guests = Integer.parseInt(args.getOrDefault("guests", String.valueOf(workload.defaultGuests())));
        int connections = Integer.parseInt(args.getOrDefault("connections", "4"));
        long seed = Long.parseLong(args.getOrDefault("seed", "7"));
        Duration drain = Duration.ofSeconds(Long.parseLong(args.getOrDefault("drain-timeout", "300")));
        Path out = Path.of(args.getOrDefault("out", "target/bench"));
        double pace = Double.parseDouble(args.getOrDefault("rate", "0"));
        int warmupGuests = Integer.parseInt(args.getOrDefault("warmup-guests", "0"));
        SimulatorOptions traffic = workload.options(guests, connections, seed).withRate(pace);
        System.out.println("workload " + workload.describe(traffic) + ", " + traffic.totalFrames() + " frames");

        Path dataDir = Files.createTempDirectory("pipeline-bench");
        Map<String, String> props = new LinkedHashMap<>();
        props.put("logging.level.root", "WARN");
        props.put("cxone.sandbox.routing.latency", LATENCY_MS + "ms");
        props.put("routing.max-concurrent", String.valueOf(MAX_CONCURRENT));
        props.put("crm.flush-interval", "1s"); // so the last open CRM batch does not hold the drain for 30 s
        try (GatewayRun gateway = GatewayRun.start(dataDir, "file:routes/*.yaml", props)) {
            gateway.awaitSubscribed();
            if (warmupGuests > 0) {
                System.out.println("warm-up: " + warmupGuests + " guests at full speed, not measured...");
                PipelineRun.Result warm = PipelineRun.run(gateway, workload.options(warmupGuests, connections, seed + 1),
                        drain);
                if (!warm.drained() || !warm.account().balanced()) {
                    System.out.println("the warm-up did not drain or balance: " + warm.account());
                    System.exit(1);
                }
            }
            // after the warm-up, when there is one, so that the limits are measured as warm as the run
            System.out.println("limits: routing endpoint hammer (" + MAX_CONCURRENT + " threads, 3 s)...");
            RoutingHammer.Result hammer = RoutingHammer.run(RoutingHammer.Client.APACHE, gateway.sandbox().apiBase(),
                    MAX_CONCURRENT, Duration.ofSeconds(3));
            System.out.println("limits: simulator into a counting socket...");
            RawSendRate.Result raw = RawSendRate.measure(traffic);
            gateway.sandbox().reset(); // the hammer's and the warm-up's conversations are not this run's
            System.out.println("measured run...");
            PipelineRun.Result run = PipelineRun.run(gateway, traffic, drain);
            BenchReport report = report(workload, traffic, run, hammer, raw, warmupGuests);
            System.out.println();
            System.out.print(report.text());
            String name = "pipeline-" + workload.name().toLowerCase(Locale.ROOT);
            System.out.println("written: " + report.write(out, name));
            boolean ok = run.account().balanced() && run.drained() && run.sandbox().duplicateRoutes() == 0;
            System.exit(ok ? 0 : 1);
        }
    }

    static BenchReport report(Workload workload, SimulatorOptions traffic, PipelineRun.Result run,
            RoutingHammer.Result hammer, RawSendRate.Result raw, int warmupGuests) {
        LossAccount a = run.account();
        double ingest = a.received() / run.ingestSeconds();
        double routed = a.routed() / run.routedSeconds();
        double crm = run.crmRecords() / run.crmSeconds();
        double bound = MAX_CONCURRENT * 1000.0 / LATENCY_MS;
        BenchReport r = new BenchReport("PipelineBench " + workload.describe(traffic));
        r.row("frames sent", String.format(Locale.ROOT, "%,d", a.sent()), null, null);
        r.row("ingest rate (frames received/s)", rate(ingest), "simulator -> counting socket " + rate(raw.perSecond()),
                ratio(ingest, raw.perSecond()));
        r.row("routed conversations/s", rate(routed), "bound " + MAX_CONCURRENT + " / " + LATENCY_MS + " ms = "
                + rate(bound), ratio(routed, bound));
        r.row("", "", hammer.client().label() + ", " + MAX_CONCURRENT + " threads " + rate(hammer.perSecond()),
                ratio(routed, hammer.perSecond()));
        r.row("CRM records/s", rate(crm), "(no separate limit measured)", null);
        CpuClock.Spent cpu = run.cpu();
        CpuClock.Spent hammerCpu = hammer.cpu();
        double target = TARGET_SHARE * bound;
        int cores = Runtime.getRuntime().availableProcessors();
        r.row("CPU per routed conversation (whole JVM)", String.format(Locale.ROOT, "%.2f ms (%.2f ms without JIT)",
                cpu.perUnit(a.routed()), cpu.perUnitWithoutJit(a.routed())), String.format(Locale.ROOT,
                "%s + sandbox alone: %.2f ms per call", hammer.client().label(), hammerCpu.perUnit(hammer.created())), null);
        r.row("cores busy on average", String.format(Locale.ROOT, "%.2f", cpu.cores()), String.format(Locale.ROOT,
                "%d available; %,.0f routed/s at this cost needs %.1f (%.1f without JIT)", cores, target,
                cpu.coresAt(target, a.routed()), cpu.perUnitWithoutJit(a.routed()) * target / 1000), null);
        r.row("latency WebSocket->201 p50/p95/p99", String.format(Locale.ROOT, "%.0f / %.0f / %.0f ms",
                run.p50Ms(), run.p95Ms(), run.p99Ms()), String.format(Locale.ROOT, "max <= %.0f ms over %,d", run.maxMs(),
                run.latencySamples()), null);
        r.row("peak heap", mb(run.peakHeap()), "-Xmx " + mb(Runtime.getRuntime().maxMemory()), null);
        r.row("peak RSS (VmHWM, whole JVM)", mb(run.peakRss()), null, null);
        r.row("loss account", a.balanced() ? "BALANCED" : String.format(Locale.ROOT, "difference %+,d", a.difference()),
                String.format(Locale.ROOT, "routed %,d + dup %,d + skipped %,d + rejected %,d + blocked %,d + DLQ %,d"
                        + " + queued %,d", a.routed(), a.duplicates(), a.skipped(), a.rejected(), a.blocked(),
                        a.deadLettered(), a.queued()), null);
        r.row("sandbox: routed / duplicate routes", String.format(Locale.ROOT, "%,d / %,d",
                run.sandbox().routedConversations(), run.sandbox().duplicateRoutes()), null, null);
        r.row("sandbox hub: frames relayed / dropped", String.format(Locale.ROOT, "%,d / %,d",
                run.sandbox().framesRelayed(), run.sandbox().framesDropped()), "relayed should equal frames sent", null);
        r.note(String.format(Locale.ROOT, "clocks from the first frame sent to the last change of each counter;"
                + " drained=%s after %.1f s; CRM batches dead-lettered %d", run.drained(), run.drainSeconds(),
                run.crmBatchesDeadLettered()));
        r.note("latency: the gateway.routing.sla.latency timer (receipt on the WebSocket to the 201), this run's"
                + " samples in its cumulative histogram buckets, interpolated within a bucket as histogram_quantile"
                + " does (error up to a bucket's width, a quarter to a third); max: the upper bound of its bucket; "
                + (warmupGuests > 0 ? "after a warm-up of " + warmupGuests + " guests (another seed) at full speed"
                        : "no warm-up run before"));
        r.note(String.format(Locale.ROOT, "CPU: process CPU time of the whole JVM (gateway, sandbox, simulator, bench)"
                + " from the first frame sent until drained (the 2.5 s quiet wait included), %.1f s over %.1f s; of it"
                + " JIT compiler threads %.1f s and GC threads %.1f s (from /proc/self/task). The hammer's figure is its"
                + " CPU over its calls: client and sandbox, no gateway", cpu.cpuMillis() / 1000, cpu.seconds(), cpu.jitMillis() / 1000,
                cpu.gcMillis() / 1000));
        r.note("peak heap: the most heap in use at one moment during the run (before a GC); RSS: process peak since JVM start"
                + " (gateway, sandbox, simulator and the limit runs share this JVM)");
        r.figure("workload", workload.name().toLowerCase(Locale.ROOT)).figure("at", Instant.now().toString())
                .figure("traffic", Map.of("guests", traffic.guests(), "messagesPerGuest", traffic.messagesPerGuest(),
                        "bots", traffic.bots(), "botMessages", traffic.botMessages(), "malformed", traffic.malformed(),
                        "outbound", traffic.outbound(), "connections", traffic.connections(), "seed", traffic.seed(),
                        "rate", traffic.rate()))
                .figure("cores", Runtime.getRuntime().availableProcessors()).figure("warmupGuests", warmupGuests)
                .figure("framesSent", a.sent()).figure("ingestPerSecond", ingest)
                .figure("rawSendPerSecond", raw.perSecond()).figure("simulatorSendPerSecond", raw.simulatorFramesPerSecond())
                .figure("routedPerSecond", routed).figure("routingBoundPerSecond", bound)
                .figure("hammerClient", hammer.client().label()).figure("hammerPerSecond", hammer.perSecond())
                .figure("crmRecordsPerSecond", crm)
                .figure("crmRecords", run.crmRecords())
                .figure("cpu", Map.of("cpuMillis", cpu.cpuMillis(), "seconds", cpu.seconds(), "jitMillis", cpu.jitMillis(),
                        "gcMillis", cpu.gcMillis(), "perRoutedMillis", cpu.perUnit(a.routed()),
                        "perRoutedWithoutJitMillis", cpu.perUnitWithoutJit(a.routed()), "coresBusy", cpu.cores(),
                        "coresAtTarget", cpu.coresAt(target, a.routed()), "targetPerSecond", target,
                        "hammerPerCallMillis", hammerCpu.perUnit(hammer.created())))
                .figure("latencyMs", Map.of("p50", run.p50Ms(), "p95", run.p95Ms(), "p99", run.p99Ms(),
                        "max", run.maxMs(), "count", run.latencySamples()))
                .figure("peakHeapBytes", run.peakHeap()).figure("peakRssBytes", run.peakRss())
                .figure("lossAccount", a.toMap()).figure("drained", run.drained())
                .figure("sandboxRouted", run.sandbox().routedConversations())
                .figure("sandboxDuplicateRoutes", run.sandbox().duplicateRoutes())
                .figure("hubFramesRelayed", run.sandbox().framesRelayed())
                .figure("hubFramesDropped", run.sandbox().framesDropped())
                .figure("routingCallsByStatus", run.sandbox().routingCallsByStatus());
        return r;
    }

    /** {@code --name value} or {@code --name=value}. */
    static Map<String, String> parse(String[] argv) {
        Map<String, String> args = new LinkedHashMap<>();
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("--")) {
                throw new IllegalArgumentException("expected --option, got " + a);
            }
            int eq = a.indexOf('=');
            if (eq > 0) {
                args.put(a.substring(2, eq), a.substring(eq + 1));
            } else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
                args.put(a.substring(2), argv[++i]);
            } else {
                args.put(a.substring(2), "true");
            }
        }
        return args;
    }
}
