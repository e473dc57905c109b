package io.guestgateway.observe;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Gives every {@code gateway.ingest.frames} series the tag {@code kind}. The ingest route tags only
 * skipped frames with their kind, and Prometheus requires one set of tag keys per meter name:
 * without this the skipped series, whichever of the outcomes is counted second, are refused by the
 * Prometheus registry and missing from the scrape. Accepted and blocked frames are inbound guest
 * messages ({@code message-inbound}); a rejected frame's kind is {@code invalid}. A series that
 * already has a {@code kind} is left alone, so this becomes a no-op once the route tags them all.
 */
public class IngestFrameTags implements MeterFilter {

    public static final String METER = "gateway.ingest.frames";

    @Override
    public Meter.Id map(Meter.Id id) {
        if (!METER.equals(id.getName()) || id.getTag("kind") != null) {
            return id;
        }
        String kind = "rejected".equals(id.getTag("outcome")) ? "invalid" : "message-inbound";
        return id.withTag(Tag.of("kind", kind));
    }
}
