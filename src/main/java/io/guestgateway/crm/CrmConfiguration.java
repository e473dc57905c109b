package io.guestgateway.crm;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.guestgateway.config.CrmProperties;
import io.guestgateway.platform.OrderedBatches;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ExecutorService;
import javax.sql.DataSource;
import org.apache.camel.LoggingLevel;
import org.apache.camel.processor.errorhandler.RedeliveryPolicy;
import org.apache.camel.processor.aggregate.jdbc.JdbcAggregationRepository;
import org.apache.camel.util.concurrent.SynchronousExecutorService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
    public JdbcAggregationRepository crmBatchRepository(DataSource dataSource, CrmProperties crm) {
        return BatchRepositories.create(dataSource, crm.repositoryName(), crm.recoveryInterval().toMillis(),
                crm.maxRecoveries(), RECOVERY_DEAD_LETTER_URI);
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

    /**
     * The CRM stage's retries ({@code crm.max-retries}, {@code crm.initial-delay} doubling up to
     * {@code crm.max-delay}), built here because the YAML redelivery options take milliseconds only
     * and {@code crm.*} durations are written as {@code 2s}.
     */
    @Bean
    public RedeliveryPolicy crmRedeliveryPolicy(CrmProperties crm) {
        return new RedeliveryPolicy()
                .maximumRedeliveries(crm.maxRetries())
                .redeliveryDelay(crm.initialDelay().toMillis())
                .useExponentialBackOff()
                .backOffMultiplier(2)
                .maximumRedeliveryDelay(crm.maxDelay().toMillis())
                .retryAttemptedLogLevel(LoggingLevel.WARN)
                .logRetryStackTrace(false)
                .logExhausted(false);
    }

    @Bean
    public CrmFailures crmFailures() {
        return new CrmFailures();
    }

    @Bean
    public CrmFailedAttempt crmFailedAttempt(CrmProperties crm) {
        return new CrmFailedAttempt(crm.maxRetryAfter());
    }

    @Bean
    public CrmDeadLetter crmDeadLetter(CrmFailures crmFailures) {
        return new CrmDeadLetter(crmFailures);
    }

    @Bean
    public CrmBatchMetrics crmBatchMetrics(MeterRegistry registry, ObjectMapper json) {
        return new CrmBatchMetrics(registry, json);
    }
}
