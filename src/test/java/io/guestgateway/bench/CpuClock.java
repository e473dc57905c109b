package io.guestgateway.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU spent by this whole JVM (gateway, sandbox, simulator and the bench alike) between two reads,
 * with the part its JIT compiler threads and its garbage-collector threads used. Turns a rate into
 * what it costs: milliseconds of CPU per unit of work, and how many cores a target rate would keep
 * busy. The JIT and GC parts come from each thread's counters in {@code /proc/self/task} (Linux; -1
 * elsewhere): the JVM's own compilation and collection times are wall clock and read far too high
 * when the machine is loaded.
 */
record CpuClock(long processCpuNanos, long jitCpuNanos, long gcCpuNanos, long wallNanos) {

    private static final Path TASKS = Path.of("/proc/self/task");
    static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ 100 on Linux

    static CpuClock now() {
        long[] jitAndGc = jitAndGcCpuNanos();
        return new CpuClock(processCpu(), jitAndGc[0], jitAndGc[1], System.nanoTime());
    }

    private static long processCpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    /** {JIT compiler threads, GC threads} CPU nanoseconds, from utime + stime of each task. */
    private static long[] jitAndGcCpuNanos() {
        long jit = 0;
        long gc = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue; // the thread ended between the listing and the read
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                if (open < 0 || close < open) {
                    continue;
                }
                String name = stat.substring(open + 1, close);
                boolean isJit = name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");
                boolean isGc = name.startsWith("GC Thread") || name.startsWith("G1 ") || name.startsWith("VM Thread");
                if (!isJit && !isGc) {
                    continue;
                }
                long ticks = cpuTicks(stat);
                if (isJit) {
                    jit += ticks * NANOS_PER_TICK;
                } else {
                    gc += ticks * NANOS_PER_TICK;
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            return new long[] {-1, -1};
        }
        return new long[] {jit, gc};
    }

    /** utime + stime, in clock ticks, of a {@code /proc/.../stat} line (a process's or a thread's). */
    static long cpuTicks(String stat) {
        // after "(comm) ": state is field 3, utime field 14, stime field 15
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** What was spent since {@code before}. */
    Spent since(CpuClock before) {
        return new Spent((processCpuNanos - before.processCpuNanos) / 1e6,
                jitCpuNanos < 0 || before.jitCpuNanos < 0 ? -1 : (jitCpuNanos - before.jitCpuNanos) / 1e6,
                gcCpuNanos < 0 || before.gcCpuNanos < 0 ? -1 : (gcCpuNanos - before.gcCpuNanos) / 1e6,
                (wallNanos - before.wallNanos) / 1e9);
    }

    /**
     * CPU milliseconds of the whole process, of its JIT compiler threads and of its GC threads
     * (including the VM thread, which runs the collector's pauses), over {@code seconds}; -1 when
     * not known.
     */
    record Spent(double cpuMillis, double jitMillis, double gcMillis, double seconds) {

        boolean known() {
            return cpuMillis >= 0;
        }

        /** Cores kept busy on average: CPU time over wall time. */
        double cores() {
            return cpuMillis / 1000.0 / seconds;
        }

        /** CPU milliseconds per unit of work. */
        double perUnit(long units) {
            return units <= 0 ? Double.NaN : cpuMillis / units;
        }

        /** CPU milliseconds per unit of work, leaving out the JIT compiler (a warm-up cost). */
        double perUnitWithoutJit(long units) {
            return units <= 0 || jitMillis < 0 ? Double.NaN : (cpuMillis - jitMillis) / units;
        }

        /** Cores a rate of {@code perSecond} units would keep busy at this cost per unit. */
        double coresAt(double perSecond, long units) {
            return perUnit(units) * perSecond / 1000.0;
        }
    }
}
