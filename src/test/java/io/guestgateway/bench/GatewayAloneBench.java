package io.guestgateway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.tools.attach.VirtualMachine;
import io.guestgateway.simulator.Simulator;
import io.guestgateway.support.GatewayRun;
import io.guestgateway.simulator.SimulatorOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The gateway's own cost, measured the way production runs it: the jar ({@code java -jar}, default
 * settings) in a process of its own, the sandbox in a second process (routing answers after
 * {@code --latency}), the simulator and a bare HTTP client in this one. Only the gateway's process
 * is charged: CPU from {@code /proc/<pid>/stat}, memory from {@code /proc/<pid>/status}.
 *
 * <ol>
 *   <li>bare client: Apache HttpClient 5 from {@code --cap} threads posting to the same sandbox
 *       (what the gateway's routing could reach at best);</li>
 *   <li>start-up: from launching the jar to the log line {@code cxone-ws authenticated};</li>
 *   <li>cold: the first {@code --cold} single-message conversations after start;</li>
 *   <li>warm-up ({@code --warmup} conversations, not counted), then {@code --rounds} rounds of
 *       {@code --guests} single-message conversations, then one round of three messages each.</li>
 * </ol>
 * Each round sends its conversations at {@code --rate} frames/s (above what the gateway routes)
 * and ends when the sandbox has routed them all; routed/s and CPU per conversation are over that
 * span. {@code --profile cpu|alloc|wall} attaches async-profiler to the gateway for the measured
 * warm rounds and writes flame graphs and collapsed stacks (with thread names) under {@code --out}.
 * <pre>bench/run GatewayAloneBench [--guests 3000] [--rounds 3] [--warmup 5000] [--cold 2000]
 *     [--rate 2000] [--latency 5] [--cap 10] [--profile cpu] [--java-opts "-Xmx512m"] [--launch cds|jar]
 *     [--out target/bench/gateway-alone]</pre>
 * {@code --launch cds} (the default) runs the gateway as the README does, extracted ({@code target/app})
 * with the options in {@code jvm.options} (its class-data sharing archive, heap bound and collector);
 * {@code --launch jar} runs {@code java -jar} on the packaged jar, no options. {@code --java-opts} come after them and win.
 */
public final class GatewayAloneBench {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final Map<String, String> options;
    private final Path out;
    private final PrintStream report;
    private final AtomicLong seeds = new AtomicLong(System.nanoTime() & 0xFFFFFFFL);

    private GatewayAloneBench(Map<String, String> options, Path out, PrintStream report) {
        this.options = options;
        this.out = out;
        this.report = report;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = parse(args);
        Path out = Path.of(options.getOrDefault("out", "target/bench/gateway-alone"));
        Files.createDirectories(out);
        try (PrintStream report = new PrintStream(Files.newOutputStream(out.resolve("report.md")), true)) {
            new GatewayAloneBench(options, out, report).run();
        }
    }

    private int integer(String name, int otherwise) {
        return Integer.parseInt(options.getOrDefault(name, Integer.toString(otherwise)));
    }

    private void run() throws Exception {
        int latency = integer("latency", 5);
        int cap = integer("cap", 10);
        // as the README runs it: the extracted jar (made by ./mvnw package) with jvm.options, or with
        // --launch jar the packaged jar as it is, with no options
        boolean cds = !"jar".equals(options.getOrDefault("launch", "cds"));
        Path jar = Path.of(cds ? "target/app" : "target", "cxone-guest-gateway-0.1.0.jar");
        Path archive = Path.of("target/app/gateway.jsa");
        if (!Files.isRegularFile(jar) || cds && !Files.isRegularFile(archive)) {
            throw new IllegalStateException(jar + " or " + archive + " is missing: ./mvnw -q package -DskipTests first");
        }
        say("# Gateway alone: %s%s, %d cores, load average %s", jar, cds ? " with " + archive : "",
                Runtime.getRuntime().availableProcessors(), ResilienceSuite.loadAverage());
        int port = GatewayRun.freePort();
        String apiBase = "http://127.0.0.1:" + port;
        Process sandbox = new ProcessBuilder(javaCommand(), "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                "io.guestgateway.sandbox.StandaloneSandbox", "--port", Integer.toString(port),
                "--routing.latency", latency + "ms").redirectErrorStream(true)
                .redirectOutput(out.resolve("sandbox.log").toFile()).start();
        Process gateway = null;
        try {
            waitFor("the sandbox to answer", Duration.ofSeconds(60), () -> state(apiBase) != null);
            say("sandbox: pid %d, port %d, routing answers after %d ms", sandbox.pid(), port, latency);

            RoutingHammer.run(RoutingHammer.Client.APACHE, apiBase, cap, Duration.ofSeconds(3)); // warm-up
            RoutingHammer.Result bare = RoutingHammer.run(RoutingHammer.Client.APACHE, apiBase, cap, Duration.ofSeconds(10));
            say("bare client: %s, %d threads: %,.0f routed/s", bare.client().label(), cap, bare.perSecond());

            Path dataDir = Files.createTempDirectory("gateway-alone-");
            List<String> command = new ArrayList<>(List.of(javaCommand()));
            if (cds) {
                command.add("@jvm.options"); // the archive, the heap bound and the collector
            }
            command.addAll(List.of(options.getOrDefault("java-opts", "").trim().split("\\s+")));
            command.removeIf(String::isEmpty);
            command.addAll(List.of("-jar", jar.toString(), "--cxone.api-base=" + apiBase,
                    "--cxone.ws-url=ws://127.0.0.1:" + port + "/webchat/v1/ws", "--cxone.client-id=sandbox-client",
                    "--cxone.client-secret=sandbox-secret", "--crm.url=" + apiBase + "/crm/batch",
                    "--gateway.admin.password=bench-only", "--gateway.data-dir=" + dataDir,
                    "--routing.max-concurrent=" + cap, "--server.port=" + GatewayRun.freePort(),
                    // the simulator's guest i has the same fingerprint in every round: rounds of a few
                    // seconds would otherwise run guest 0 into the flood limit (15 a minute); the guard
                    // still decides every frame
                    "--gateway.flood.max-messages=1000000"));
            Path log = out.resolve("gateway.log");
            settle(new OtherProcess(sandbox.pid()), new OtherProcess(ProcessHandle.current().pid()));
            long launched = System.nanoTime();
            gateway = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            OtherProcess gw = new OtherProcess(gateway.pid());
            waitFor("cxone-ws authenticated in " + log, Duration.ofSeconds(120), () -> logSays(log, "cxone-ws authenticated"));
            double startup = (System.nanoTime() - launched) / 1e9;
            say("start-up: %.1f s to `cxone-ws authenticated` (%s); RSS %d MB, CPU %.1f s", startup,
                    startedLine(log), gw.rssBytes() >> 20, gw.cpuNanos() / 1e9);

            Round cold = round(apiBase, port, gw, integer("cold", 2000), 1);
            say("cold, first %,d conversations: %s", cold.conversations, cold);
            round(apiBase, port, gw, integer("warmup", 5000), 1);
            say("warm-up %,d conversations; RSS %d MB", integer("warmup", 5000), gw.rssBytes() >> 20);

            String profile = options.get("profile");
            if (profile != null) {
                profiler(gateway.pid(), "start," + profilerEvent(profile) + ",threads");
            }
            List<Round> warm = new ArrayList<>();
            for (int i = 0; i < integer("rounds", 3); i++) {
                Round r = round(apiBase, port, gw, integer("guests", 3000), 1);
                warm.add(r);
                say("warm round %d: %s", i + 1, r);
            }
            if (profile != null) {
                Path html = out.resolve("profile-" + profile + ".html").toAbsolutePath();
                Path collapsed = out.resolve("profile-" + profile + ".collapsed").toAbsolutePath();
                profiler(gateway.pid(), "stop,file=" + collapsed + ",collapsed");
                profiler(gateway.pid(), "stop,file=" + html);
                say("profile (%s, warm rounds): %s; by thread and by package: bench/run ProfileSummary %s", profile, html,
                        collapsed);
            }
            Round three = round(apiBase, port, gw, integer("guests", 3000), 3);
            say("three messages per conversation: %s", three);

            Round best = warm.stream().max((a, b) -> Double.compare(a.perSecond(), b.perSecond())).orElseThrow();
            double medianCpu = warm.stream().mapToDouble(Round::cpuPerConversation).sorted()
                    .skip(warm.size() / 2).findFirst().orElseThrow();
            say("");
            say("| figure | measured | target (#17) |");
            say("|---|---|---|");
            say("| CPU per routed conversation, warm, single message (median of %d rounds) | %.2f ms | <= 1.0 ms |",
                    warm.size(), medianCpu);
            say("| CPU per routed conversation, three messages | %.2f ms | <= 2.0 ms |", three.cpuPerConversation());
            say("| routed/s warm (best round) | %,.0f | >= 80 %% of the bare client |", best.perSecond());
            say("| bare client, %d threads | %,.0f | |", cap, bare.perSecond());
            say("| gateway / bare client | %.0f %% | >= 80 %% |", 100 * best.perSecond() / bare.perSecond());
            say("| cold (first %,d) / warm | %.0f %% | >= 60 %% |", cold.conversations, 100 * cold.perSecond() / best.perSecond());
            say("| start-up to authenticated | %.1f s | <= 6 s |", startup);
            say("| RSS at the end / peak | %d / %d MB | <= 400 MB |", gw.rssBytes() >> 20, gw.peakRssBytes() >> 20);
            say("| load average at the end | %s | |", ResilienceSuite.loadAverage());
        } finally {
            if (gateway != null) {
                stop(gateway);
            }
            stop(sandbox);
        }
    }

    /** One round: {@code guests} conversations of {@code messages} messages, until all are routed. */
    private Round round(String apiBase, int port, OtherProcess gw, int guests, int messages) throws Exception {
        long routedBefore = state(apiBase).path("routedConversations").asLong();
        long droppedBefore = state(apiBase).path("framesDropped").asLong();
        long cpuBefore = gw.cpuNanos();
        long start = System.nanoTime();
        SimulatorOptions simulation = SimulatorOptions.defaults()
                .withTarget(URI.create(apiBase), URI.create("ws://127.0.0.1:" + port + "/webchat/v1/ws"),
                        "sandbox-client", "sandbox-secret")
                .withTraffic(guests, messages).withRate(integer("rate", 2000)).withSeed(seeds.incrementAndGet() * 7919);
        Simulator.run(simulation, new PrintStream(PrintStream.nullOutputStream()));
        long target = routedBefore + guests;
        waitFor(guests + " conversations routed", Duration.ofSeconds(Math.max(120, guests / 20)),
                () -> state(apiBase).path("routedConversations").asLong() >= target);
        double seconds = (System.nanoTime() - start) / 1e9;
        long cpu = gw.cpuNanos() - cpuBefore;
        JsonNode after = state(apiBase);
        long dropped = after.path("framesDropped").asLong() - droppedBefore;
        return new Round(guests, seconds, cpu / 1e6 / guests, cpu / 1e9 / seconds, gw.rssBytes() >> 20, dropped);
    }

    record Round(int conversations, double seconds, double cpuPerConversation, double cores, long rssMb, long dropped) {
        double perSecond() {
            return conversations / seconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,.0f routed/s, %.2f ms CPU per conversation, %.2f cores, RSS %d MB%s",
                    perSecond(), cpuPerConversation, cores, rssMb, dropped == 0 ? "" : ", hub dropped " + dropped);
        }
    }

    /**
     * Waits until the sandbox and this process (which ran the bare client) have finished compiling
     * and collecting after the bare client's run: under 5 % of a core each over a second, at most
     * 20 s. The start-up figure is then the gateway's own, not shared with their tails.
     */
    private void settle(OtherProcess... others) {
        long began = System.nanoTime();
        long[] before = new long[others.length];
        boolean quiet = Poll.until(Duration.ofSeconds(20), Duration.ofSeconds(1), () -> {
            boolean all = true;
            for (int i = 0; i < others.length; i++) {
                long now = others[i].cpuNanos();
                all &= before[i] != 0 && now - before[i] < 50_000_000L;
                before[i] = now;
            }
            return all;
        });
        say("settled before the gateway's start: %s after %.1f s", quiet ? "quiet" : "still busy",
                (System.nanoTime() - began) / 1e9);
    }

    private static void waitFor(String what, Duration bound, BooleanSupplier condition) {
        if (!Poll.until(bound, Duration.ofMillis(50), condition)) {
            throw new IllegalStateException("gave up after " + bound.toSeconds() + " s waiting for " + what);
        }
    }

    private static boolean logSays(Path log, String text) {
        try {
            return Files.readString(log).contains(text);
        } catch (IOException e) {
            return false;
        }
    }

    private static JsonNode state(String apiBase) {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(apiBase + "/sandbox/state"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return answer.statusCode() == 200 ? JSON.readTree(answer.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** async-profiler's event for a mode; {@code cpu} falls back to the interval timer where perf events are refused. */
    private static String profilerEvent(String mode) {
        return switch (mode) {
            case "cpu" -> "event=itimer,interval=1ms";
            case "alloc" -> "event=alloc";
            case "wall" -> "event=wall,interval=5ms";
            default -> throw new IllegalArgumentException("--profile must be cpu, alloc or wall");
        };
    }

    /** Loads async-profiler (from the test classpath's jar) into the gateway and gives it a command. */
    private void profiler(long pid, String command) throws Exception {
        Path library = out.resolve("libasyncProfiler.so").toAbsolutePath();
        if (!Files.exists(library)) {
            try (InputStream so = GatewayAloneBench.class.getResourceAsStream("/linux-x64/libasyncProfiler.so")) {
                if (so == null) {
                    throw new IllegalStateException("async-profiler's linux-x64 library is not on the classpath");
                }
                Files.copy(so, library, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        try {
            vm.loadAgentPath(library.toString(), command);
        } finally {
            vm.detach();
        }
    }

    private static String startedLine(Path log) throws IOException {
        return Files.readAllLines(log).stream().filter(line -> line.contains("Started GatewayApplication in"))
                .map(line -> line.substring(line.indexOf("Started GatewayApplication"))).findFirst().orElse("no Started line");
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private void say(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        System.out.println(line);
        report.println(line);
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("options are --name value pairs; got " + args[i]);
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
