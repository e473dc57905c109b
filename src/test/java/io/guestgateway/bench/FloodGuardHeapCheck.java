package io.guestgateway.bench;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.guestgateway.ingest.FloodGuard;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.time.Duration;

/**
 * Heap growth for N distinct fingerprints within one window (the flood guard's budget: 1,000,000 must grow the
 * heap by at most 150 MB). Prints the used heap after a full GC before and after. The
 * fingerprints are made on the fly and dropped, so only the guard's own memory remains.
 *
 * <p>Arguments: [count=1000000] [messagesPerFingerprint=1] [impl=floodguard|caffeine]; the
 * {@code caffeine} variant is the naive Cache&lt;String, long[]&gt; for comparison. Run:
 * <pre>
 * ./mvnw -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/test-classpath.txt -Dmdep.includeScope=test
 * java -cp "target/test-classes:target/classes:$(cat target/test-classpath.txt)" io.guestgateway.bench.FloodGuardHeapCheck
 * </pre>
 */
public final class FloodGuardHeapCheck {

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int perFingerprint = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        String impl = args.length > 2 ? args[2] : "floodguard";
        Duration window = Duration.ofSeconds(60);

        long before = usedHeapAfterGc();
        long start = System.nanoTime();
        Object retained;
        long tracked;
        if (impl.equals("caffeine")) {
            Cache<String, long[]> cache = Caffeine.newBuilder().maximumSize(1_000_000).expireAfterAccess(window).build();
            for (int i = 0; i < count; i++) {
                String fp = fingerprint(i);
                for (int m = 0; m < perFingerprint; m++) {
                    long now = System.nanoTime();
                    cache.asMap().merge(fp, new long[] {now}, FloodGuardHeapCheck::append);
                }
            }
            cache.cleanUp();
            tracked = cache.estimatedSize();
            retained = cache;
        } else {
            FloodGuard guard = new FloodGuard(15, window, 1_000_000);
            for (int i = 0; i < count; i++) {
                String fp = fingerprint(i);
                for (int m = 0; m < perFingerprint; m++) {
                    guard.check(fp);
                }
            }
            tracked = guard.tracked();
            retained = guard;
        }
        long elapsedNanos = System.nanoTime() - start;
        long after = usedHeapAfterGc();
        Reference.reachabilityFence(retained);

        long growth = after - before;
        System.out.printf("impl=%s fingerprints=%,d messagesEach=%d tracked=%,d insertTime=%.1fs (window %ds)%n",
                impl, count, perFingerprint, tracked, elapsedNanos / 1e9, window.toSeconds());
        System.out.printf("heap used after GC: before=%.1f MB after=%.1f MB growth=%.1f MB (%.1f bytes per tracked fingerprint)%n",
                before / 1e6, after / 1e6, growth / 1e6, growth / (double) Math.max(1, tracked));
        System.out.println(elapsedNanos < window.toNanos() ? "all inserted within one window" : "WARNING: took longer than the window");
    }

    /** About 19 characters, like a browser fingerprint id; distinct for every i. */
    private static String fingerprint(int i) {
        return "fp-" + Long.toHexString(0x9E3779B97F4A7C15L * (i + 1L));
    }

    private static long[] append(long[] old, long[] add) {
        long[] joined = java.util.Arrays.copyOf(old, Math.min(15, old.length + 1));
        joined[joined.length - 1] = add[0];
        return joined;
    }

    private static long usedHeapAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}
