package io.guestgateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU and resident memory of another process on this machine, read from {@code /proc/<pid>}: what a
 * benchmark charges to the gateway when the sandbox and the simulator run in other processes.
 */
record OtherProcess(long pid) {

    /** user + system CPU of the whole process so far, in nanoseconds (10 ms resolution). */
    long cpuNanos() {
        try {
            return CpuClock.cpuTicks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))) * CpuClock.NANOS_PER_TICK;
        } catch (IOException e) {
            throw new IllegalStateException("process " + pid + " is gone", e);
        }
    }

    /** Resident set now, in bytes. */
    long rssBytes() {
        return MemoryWatch.procStatus(Long.toString(pid), "VmRSS:");
    }

    /** The most resident memory the process has had, in bytes. */
    long peakRssBytes() {
        return MemoryWatch.procStatus(Long.toString(pid), "VmHWM:");
    }
}
