package io.guestgateway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU and resident memory of another process on this machine, read from {@code /proc/<pid>}: what a
 * benchmark charges to the gateway when the sandbox and the simulator run in other processes.
 */
record OtherProcess(long pid) {

    private static final long NANOS_PER_TICK = 10_000_000L; // USER_HZ 100 on Linux

    /** user + system CPU of the whole process so far, in nanoseconds (10 ms resolution). */
    long cpuNanos() {
        String stat = read("stat");
        // after "(comm) ": state is field 3, utime field 14, stime field 15
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
    }

    /** Resident set now, in bytes. */
    long rssBytes() {
        return status("VmRSS:");
    }

    /** The most resident memory the process has had, in bytes. */
    long peakRssBytes() {
        return status("VmHWM:");
    }

    private long status(String key) {
        for (String line : read("status").split("\n")) {
            if (line.startsWith(key)) {
                return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]) * 1024;
            }
        }
        throw new IllegalStateException("no " + key + " in /proc/" + pid + "/status");
    }

    private String read(String file) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), file));
        } catch (IOException e) {
            throw new IllegalStateException("process " + pid + " is gone", e);
        }
    }
}
