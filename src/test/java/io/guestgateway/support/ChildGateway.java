package io.guestgateway.support;

import io.guestgateway.GatewayApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A whole gateway in a child JVM on this test's classpath, its output in a log file, stopped by
 * its PID: with SIGKILL (no shutdown hook, no Camel stop, no commit after the kill) or with SIGTERM
 * (a requested, graceful stop). Tests and benchmarks read it over HTTP ({@link Prometheus}, the
 * health endpoints).
 */
public final class ChildGateway implements AutoCloseable {

    /**
     * What every gateway, broker or crash child a test starts runs with, before its own options:
     * C1 only and the serial collector. A child lives for seconds to a minute; C2's compilations
     * and G1's threads would take the CPU it starts with on 2 cores (a child gateway on the test
     * class path: 17 s to Started and 25 s of CPU by default, 10 s and 12 s with these).
     */
    public static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int httpPort;
    private final Path log;

    private ChildGateway(Process process, int httpPort, Path log) {
        this.process = process;
        this.httpPort = httpPort;
        this.log = log;
    }

    /**
     * Starts {@link GatewayApplication} with {@code properties} (as {@code --key=value}; they win over
     * the test defaults here: a free HTTP port, the test admin password, fast reconnects) and
     * {@link #JVM_OPTIONS}, then {@code jvmOptions}, before the class path.
     */
    public static ChildGateway start(Map<String, String> properties, Path log, String... jvmOptions) {
        int httpPort = properties.containsKey("server.port")
                ? Integer.parseInt(properties.get("server.port")) : GatewayRun.freePort();
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("server.port", Integer.toString(httpPort));
        settings.put("gateway.admin.password", "test-admin-password");
        settings.put("cxone.websocket.reconnect-initial-delay", "100ms");
        settings.put("cxone.websocket.reconnect-max-delay", "1s");
        settings.putAll(properties); // one value per key: Spring joins repeated arguments with commas
        List<String> command = javaCommand(GatewayApplication.class, jvmOptions);
        settings.forEach((k, v) -> command.add("--" + k + "=" + v));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            return new ChildGateway(process, httpPort, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a child gateway", e);
        }
    }

    /**
     * The command of a child JVM on this test's class path, for its program arguments to be added:
     * {@code java}, {@link #JVM_OPTIONS}, {@code jvmOptions}, the class path and {@code mainClass}.
     */
    public static List<String> javaCommand(Class<?> mainClass, String... jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(List.of(jvmOptions));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
        return command;
    }

    public long pid() {
        return process.pid();
    }

    public int httpPort() {
        return httpPort;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** A metric summed over its series, -1 while the gateway does not answer (see {@link Prometheus}). */
    public double metric(String name) {
        return Prometheus.metric(httpPort, name);
    }

    /** Only the series of {@code name} carrying {@code label} (e.g. {@code outcome="routed"}). */
    public double metric(String name, String label) {
        return Prometheus.metric(httpPort, name, label);
    }

    /** Whether {@code /actuator/health/readiness} answers 200: started, and its members allow it. */
    public boolean ready() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                            + "/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGTERM to this child's PID (a requested stop), then waits for it to be gone; returns its exit value. */
    public int stop() {
        process.destroy();
        return exitValueAfter("SIGTERM", 60);
    }

    /** SIGKILL to this child's PID, then waits for it to be gone; returns its exit value (137). */
    public int kill() {
        ProcessHandle.of(process.pid()).ifPresent(ProcessHandle::destroyForcibly);
        return exitValueAfter("SIGKILL", 30);
    }

    private int exitValueAfter(String signal, int seconds) {
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                throw new IllegalStateException("child gateway " + process.pid() + " still running after " + signal);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for child gateway " + process.pid(), e);
        }
        return process.exitValue();
    }

    /** The last {@code lines} lines of its output, for a failure message. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log " + log + " unreadable: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }
}
