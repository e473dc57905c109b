package io.guestgateway.bench;

import io.guestgateway.ingest.FloodGuard;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of one {@link FloodGuard#check} decision, with the contract defaults (15 per 60 s).
 * SampleTime reports the mean and the percentiles (p0.50 is the median the issue asks for);
 * each sample includes about 20 ns of timer overhead.
 *
 * <ul>
 *   <li>{@code hot}: one fingerprint over and over (after 15, the blocked path);</li>
 *   <li>{@code known-100k}: 100,000 tracked fingerprints in random order;</li>
 *   <li>{@code spoof-new}: a new fingerprint every call, maxTracked 250,000 and a pool of
 *       1,000,000, so every call inserts and full stripes keep evicting (the attack case).</li>
 * </ul>
 *
 * <p>Not a unit test (surefire only runs *Test classes). Run, from the project root:
 * <pre>
 * ./mvnw -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" org.openjdk.jmh.Main FloodGuardBench
 * </pre>
 * (add {@code -t 2} for two threads, {@code -p scenario=hot} for one scenario, {@code FloodGuardBench.check}
 * to skip the baseline).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class FloodGuardBench {

    @Param({"hot", "known-100k", "spoof-new"})
    public String scenario;

    private FloodGuard guard;
    private String[] fingerprints;
    private int[] order;

    @Setup(Level.Trial)
    public void setUp() {
        Random random = new Random(42);
        switch (scenario) {
            case "hot" -> {
                guard = new FloodGuard(15, Duration.ofSeconds(60), 1_000_000);
                fingerprints = new String[] {"fp-3b9d2c71a0"};
            }
            case "known-100k" -> {
                guard = new FloodGuard(15, Duration.ofSeconds(60), 1_000_000);
                fingerprints = pool(100_000, random);
                for (String fp : fingerprints) {
                    guard.check(fp);
                }
            }
            case "spoof-new" -> {
                guard = new FloodGuard(15, Duration.ofSeconds(60), 250_000);
                fingerprints = pool(1_000_000, random);
            }
            default -> throw new IllegalArgumentException(scenario);
        }
        order = new int[1 << 20];
        for (int i = 0; i < order.length; i++) {
            order[i] = scenario.equals("spoof-new") ? i % fingerprints.length : random.nextInt(fingerprints.length);
        }
    }

    private static String[] pool(int size, Random random) {
        String[] pool = new String[size];
        for (int i = 0; i < size; i++) {
            pool[i] = "fp-" + Long.toHexString(random.nextLong());
        }
        return pool;
    }

    /** Per-thread position in the access order. */
    @State(Scope.Thread)
    public static class Cursor {
        int next;
    }

    @Benchmark
    public FloodGuard.Decision check(Cursor cursor) {
        int i = cursor.next++ & (order.length - 1);
        return guard.check(fingerprints[order[i]]);
    }

    /**
     * Baseline: only fetches the fingerprint the way {@link #check} does (String and its bytes at
     * a random place in a big pool: cache misses the route does not have, as it has just parsed
     * the fingerprint). {@code check} minus this is the guard's own cost.
     */
    @Benchmark
    public char touchFingerprint(Cursor cursor) {
        int i = cursor.next++ & (order.length - 1);
        String fingerprint = fingerprints[order[i]];
        return fingerprint.charAt(fingerprint.length() - 1);
    }
}
