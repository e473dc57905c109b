package io.guestgateway.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * Peak heap since {@link #resetPeaks}: the most heap in use at one moment, which is just before a
 * collection (read from the collectors' notifications: the heap pools' usage before that GC,
 * summed) or now. And the process's peak resident set (VmHWM from /proc/self/status: the whole
 * JVM, sandbox and gateway, since start).
 */
public final class MemoryWatch {

    private static final Set<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
            .collect(Collectors.toUnmodifiableSet());
    private static final AtomicLong PEAK_BEFORE_GC = new AtomicLong();

    static {
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        recordBeforeGc(GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData())
                                .getGcInfo().getMemoryUsageBeforeGc());
                    }
                }, null, null);
            }
        }
    }

    private MemoryWatch() {}

    public static void resetPeaks() {
        PEAK_BEFORE_GC.set(0);
    }

    /** The most heap in use at one moment since {@link #resetPeaks}: before a GC, or now. */
    public static long peakHeapBytes() {
        return Math.max(PEAK_BEFORE_GC.get(), usedHeapBytes());
    }

    static void recordBeforeGc(Map<String, MemoryUsage> beforeGc) {
        long heap = 0;
        for (Map.Entry<String, MemoryUsage> pool : beforeGc.entrySet()) {
            if (HEAP_POOLS.contains(pool.getKey())) {
                heap += pool.getValue().getUsed();
            }
        }
        PEAK_BEFORE_GC.accumulateAndGet(heap, Math::max);
    }

    public static long usedHeapBytes() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Used heap after asking for a full GC a few times (the lowest reading). */
    public static long usedHeapAfterGc() {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            used = Math.min(used, usedHeapBytes());
        }
        return used;
    }

    /** Peak resident set of this process in bytes, or -1 where /proc is not there. */
    public static long peakRssBytes() {
        return procStatus("VmHWM:");
    }

    public static long rssBytes() {
        return procStatus("VmRSS:");
    }

    private static long procStatus(String key) {
        return procStatus("self", key);
    }

    /** A {@code kB} figure of {@code /proc/<pid>/status} in bytes ({@code pid} may be "self"), or -1. */
    static long procStatus(String pid, String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                if (line.startsWith(key)) {
                    return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
