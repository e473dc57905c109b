package io.guestgateway.crm;

import io.guestgateway.config.CrmProperties;
import io.guestgateway.platform.OrderedBatches;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.concurrent.ExecutorService;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.apache.camel.util.concurrent.SynchronousExecutorService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Wires the beans {@code routes/sync-crm.yaml} names. Nothing here decides behaviour; the route
 * and {@code crm.*} in application.yaml do.
 */
@Configuration(proxyBeanMethods = false)
public class CrmConfiguration {

    /** Where the aggregator sends a batch whose recovery after a crash keeps failing. */
    static final String RECOVERY_DEAD_LETTER_URI = "direct:dead-letter-crm-batch";

    /**
     * One record per session (its latest message), with each batch numbered as it opens: batches
     * are posted one at a time in that order, so a later batch never reaches the CRM before an
     * earlier one and overwrites a session's newer message with an older one.
     */
    @Bean
    public OrderedBatches crmBatches() {
        return new OrderedBatches(new LatestMessagePerSession());
    }

    @Bean
    public ClusteredBatchRepository crmBatchRepository(DataSource dataSource, CrmProperties crm) {
        return BatchRepositories.create(dataSource, crm.repositoryName(), crm.instanceId(), crm.instanceTimeout(),
                crm.recoveryInterval().toMillis(), crm.maxRecoveries(), RECOVERY_DEAD_LETTER_URI,
                crm.redeliveryWindow());
    }

    /**
     * Sends a closed batch on the thread that closed it (the guest.crm listener, or the flush
     * timer) instead of Camel's default single "Aggregator" thread with an unbounded queue. While
     * the CRM is down the listener therefore waits, and the backlog stays on the broker's disk
     * instead of piling up closed batches in memory; routing has its own consumers and is not
     * affected. {@link OrderedBatches} needs it too (a thread per batch that waits its turn).
     */
    @Bean
    public ExecutorService crmBatchSender() {
        return new SynchronousExecutorService();
    }

    @Bean
    public CrmFailedAttempt crmFailedAttempt(CrmProperties crm) {
        return new CrmFailedAttempt(crm.maxRetryAfter());
    }

    /**
     * Declares the meters the route's {@code micrometer:} steps update, with the tag those steps add
     * ({@code camelContext}): they are scraped at zero before the first batch, and the latency gets
     * the histogram buckets a {@code micrometer:} timer does not ask for (docs/metrics.md).
     */
    @Bean
    public MeterBinder crmMeters(CamelContext camel) {
        return registry -> {
            Tags context = Tags.of(MicrometerConstants.CAMEL_CONTEXT_TAG, camel.getName());
            Timer.builder("gateway.crm.batch.latency").tags(context)
                    .description("Time from a batch leaving the aggregator to the CRM accepting it, retries included")
                    .publishPercentileHistogram()
                    .register(registry);
            Counter.builder("gateway.crm.records").tags(context)
                    .description("Guest records the CRM accepted").register(registry);
            for (String outcome : List.of("sent", "dead-lettered")) {
                Counter.builder("gateway.crm.batches").tags(context).tag("outcome", outcome)
                        .description("CRM batches by outcome").register(registry);
            }
            Counter.builder("gateway.crm.redelivered.skipped").tags(context)
                    .description("Guest messages delivered again after a crash that a CRM batch had already taken")
                    .register(registry);
        };
    }

    /** {@code {{millis:crm.initial-delay}}} in the route (see {@link MillisFunction}). */
    @Bean
    public CamelContextConfiguration crmMillisFunction(Environment environment) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                camel.getPropertiesComponent().addPropertiesFunction(new MillisFunction(environment));
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
                // nothing to do once started
            }
        };
    }
}
