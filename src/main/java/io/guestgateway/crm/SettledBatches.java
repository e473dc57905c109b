package io.guestgateway.crm;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What the aggregator's recovery task may take from the closed-batch table: only batches that have
 * been there for at least one recovery interval.
 *
 * <p>Camel 4.17's aggregator moves a batch it closes into the closed-batch table under its lock,
 * but marks the batch as in progress only after releasing that lock ({@code AggregateProcessor}:
 * {@code doProcess}, then {@code onSubmitCompletion}). A recovery scan that falls in between
 * takes a batch that is about to be sent for one a crash left behind, and it is sent twice. The
 * CRM then counts its records twice, and the second confirm logs "problem removing row … DELETE
 * statement did not return 1 but 0". On a busy 2-core machine a thread can be descheduled right
 * in that gap. A batch still in the table one interval later is either being sent (and marked, so
 * the task skips it) or truly left behind.
 */
final class SettledBatches {

    private final Map<String, Long> firstSeen = new HashMap<>();

    /**
     * @param scanned     the ids in the closed-batch table now
     * @param ageMillis   how long an id must have been seen before it counts (the recovery interval)
     * @param nowNanos    {@link System#nanoTime()}
     * @return the ids first seen at least {@code ageMillis} ago
     */
    synchronized Set<String> settled(Set<String> scanned, long ageMillis, long nowNanos) {
        firstSeen.keySet().retainAll(scanned); // sent and confirmed: forget
        Set<String> settled = new LinkedHashSet<>();
        for (String id : scanned) {
            long seen = firstSeen.computeIfAbsent(id, k -> nowNanos);
            if (nowNanos - seen >= ageMillis * 1_000_000L) {
                settled.add(id);
            }
        }
        return settled;
    }
}
