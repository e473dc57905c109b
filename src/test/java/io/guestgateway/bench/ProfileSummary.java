package io.guestgateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads async-profiler's collapsed stacks (recorded with {@code threads}, as
 * {@code GatewayAloneBench --profile} does) and prints where the samples went: by thread (numbers
 * in names folded, so the 12 routing consumers are one row), and within each of the busiest threads
 * by the library of the deepest frame outside the JDK (H2, Artemis, HttpClient, ...).
 * <pre>bench/run ProfileSummary target/bench/gateway-alone/profile-cpu.collapsed [threads=8]</pre>
 */
public final class ProfileSummary {

    /** Library by frame prefix; the first match, deepest frame first, takes the sample. */
    private static final Map<String, String> LIBRARIES = new LinkedHashMap<>();

    static {
        LIBRARIES.put("org/h2/", "H2");
        LIBRARIES.put("org/apache/camel/processor/aggregate/jdbc/", "Camel JDBC aggregation repository");
        LIBRARIES.put("org/apache/camel/processor/idempotent/jdbc/", "Camel JDBC idempotent repository");
        LIBRARIES.put("org/apache/activemq/", "Artemis");
        LIBRARIES.put("org/springframework/jms/", "Spring JMS");
        LIBRARIES.put("org/apache/camel/component/jms/", "camel-jms");
        LIBRARIES.put("org/apache/hc/", "Apache HttpClient");
        LIBRARIES.put("org/apache/camel/component/http/", "camel-http");
        LIBRARIES.put("io/micrometer/", "Micrometer");
        LIBRARIES.put("org/apache/camel/component/micrometer/", "camel-micrometer");
        LIBRARIES.put("com/fasterxml/", "Jackson");
        LIBRARIES.put("io/github/resilience4j/", "Resilience4j");
        LIBRARIES.put("com/zaxxer/hikari/", "HikariCP");
        LIBRARIES.put("org/springframework/jdbc/", "Spring JDBC");
        LIBRARIES.put("ch/qos/logback/", "Logback");
        LIBRARIES.put("io/netty/", "Netty");
        LIBRARIES.put("io/vertx/", "Vert.x");
        LIBRARIES.put("io/guestgateway/", "gateway code");
        LIBRARIES.put("org/apache/camel/", "Camel core");
        LIBRARIES.put("java/", "JDK");
        LIBRARIES.put("jdk/", "JDK");
        LIBRARIES.put("sun/", "JDK");
    }

    private ProfileSummary() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: bench/run ProfileSummary <profile.collapsed> [threads=8]");
            System.exit(2);
        }
        int threadRows = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        Map<String, Long> byThread = new TreeMap<>();
        Map<String, Map<String, Long>> byLibrary = new TreeMap<>();
        long total = 0;
        try (Stream<String> lines = Files.lines(Path.of(args[0]))) {
            for (String line : (Iterable<String>) lines::iterator) {
                int space = line.lastIndexOf(' ');
                if (space < 0) {
                    continue;
                }
                long samples = Long.parseLong(line.substring(space + 1).trim());
                String[] frames = line.substring(0, space).split(";");
                String thread = frames[0].replaceAll("\\d+", "N");
                total += samples;
                byThread.merge(thread, samples, Long::sum);
                byLibrary.computeIfAbsent(thread, t -> new TreeMap<>()).merge(library(frames), samples, Long::sum);
            }
        }
        System.out.printf("%,d samples%n%n| thread | share | where (deepest library frame) |%n|---|---|---|%n", total);
        final long all = total;
        List<Map.Entry<String, Long>> threads = byThread.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).toList();
        for (Map.Entry<String, Long> thread : threads.subList(0, Math.min(threadRows, threads.size()))) {
            String libraries = byLibrary.get(thread.getKey()).entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(6)
                    .map(e -> String.format("%s %.0f %%", e.getKey(), 100.0 * e.getValue() / thread.getValue()))
                    .reduce((a, b) -> a + ", " + b).orElse("");
            System.out.printf("| %s | %.1f %% | %s |%n", thread.getKey(), 100.0 * thread.getValue() / all, libraries);
        }
        long rest = threads.stream().skip(threadRows).mapToLong(Map.Entry::getValue).sum();
        System.out.printf("| (%d other threads) | %.1f %% | |%n", Math.max(0, threads.size() - threadRows), 100.0 * rest / all);
    }

    /** The deepest frame of a library other than the JDK's; else the JDK when a JDK frame is there; else the JVM. */
    private static String library(String[] frames) {
        boolean jdk = false;
        for (int i = frames.length - 1; i > 0; i--) {
            for (Map.Entry<String, String> library : LIBRARIES.entrySet()) {
                if (frames[i].startsWith(library.getKey())) {
                    if (!library.getValue().equals("JDK")) {
                        return library.getValue();
                    }
                    jdk = true;
                }
            }
        }
        return jdk ? "JDK" : "JVM (compiler, GC, runtime)";
    }
}
