package io.guestgateway.crm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guestgateway.deadletter.DeadLetterHeaders;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures and logs each batch on its way to the CRM: its size, its latency from leaving the
 * aggregator (or the replay queue) to the CRM's 2xx, retries included, and how it ended. Logs
 * carry counts and times only, never a record's content.
 *
 * <ul>
 *   <li>{@code gateway.crm.batch.latency}: timer of batches the CRM accepted;</li>
 *   <li>{@code gateway.crm.records}: records the CRM accepted;</li>
 *   <li>{@code gateway.crm.batches{outcome=sent|dead-lettered}}: batches by outcome.</li>
 * </ul>
 */
public class CrmBatchMetrics {

    /** Exchange property: number of records in the batch. */
    public static final String RECORDS = "CrmBatchRecords";
    static final String STARTED_NANOS = "CrmBatchStartedNanos";
    private static final Logger LOG = LoggerFactory.getLogger(CrmBatchMetrics.class);

    private final ObjectMapper json;
    private final Timer latency;
    private final Counter records;
    private final Counter sent;
    private final Counter deadLettered;

    public CrmBatchMetrics(MeterRegistry registry, ObjectMapper json) {
        this.json = json;
        this.latency = Timer.builder("gateway.crm.batch.latency")
                .description("Time from a batch leaving the aggregator to the CRM accepting it, retries included")
                .publishPercentileHistogram()
                .register(registry);
        this.records = Counter.builder("gateway.crm.records")
                .description("Guest records the CRM accepted").register(registry);
        this.sent = Counter.builder("gateway.crm.batches").tag("outcome", "sent")
                .description("CRM batches by outcome").register(registry);
        this.deadLettered = Counter.builder("gateway.crm.batches").tag("outcome", "dead-lettered")
                .description("CRM batches by outcome").register(registry);
    }

    /** A batch (a JSON array of records) is about to be posted: count it and start its clock. */
    public void start(Exchange exchange) {
        JsonNode batch;
        try {
            batch = json.readTree(exchange.getMessage().getBody(String.class));
        } catch (JsonProcessingException | IllegalArgumentException e) {
            batch = null;
        }
        if (batch == null || !batch.isArray() || batch.isEmpty()) {
            throw new InvalidCrmBatchException("batch is not a non-empty JSON array of records");
        }
        exchange.setProperty(RECORDS, batch.size());
        exchange.setProperty(STARTED_NANOS, System.nanoTime());
    }

    /** The CRM accepted the batch. */
    public void sent(Exchange exchange) {
        int size = exchange.getProperty(RECORDS, 0, Integer.class);
        long nanos = System.nanoTime() - exchange.getProperty(STARTED_NANOS, System.nanoTime(), Long.class);
        latency.record(nanos, TimeUnit.NANOSECONDS);
        records.increment(size);
        sent.increment();
        // at DEBUG: with the default batch of 5 a busy gateway sends several a second; the counters above tell the story
        LOG.debug("CRM batch sent: {} records in {} ms", size, TimeUnit.NANOSECONDS.toMillis(nanos));
    }

    /** The batch went to the dead-letter queue (headers set by {@link CrmDeadLetter}). */
    public void deadLettered(Exchange exchange) {
        deadLettered.increment();
        LOG.warn("CRM batch dead-lettered: {} records after {} attempts: {}",
                exchange.getProperty(RECORDS, "?", String.class),
                exchange.getMessage().getHeader(DeadLetterHeaders.ATTEMPTS),
                exchange.getMessage().getHeader(DeadLetterHeaders.REASON));
    }
}
