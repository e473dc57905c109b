package io.guestgateway.crm;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.guestgateway.config.CrmProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ExecutorService;
import javax.sql.DataSource;
import org.apache.camel.LoggingLevel;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.support.jsse.SSLContextParameters;
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

    @Bean
    LatestMessagePerSession crmLatestPerSession() {
        return new LatestMessagePerSession();
    }

    @Bean
    JdbcAggregationRepository crmBatchRepository(DataSource dataSource, CrmProperties crm) {
        return BatchRepositories.create(dataSource, crm.repositoryName(), crm.recoveryInterval().toMillis(),
                crm.maxRecoveries(), RECOVERY_DEAD_LETTER_URI);
    }

    /**
     * Sends a closed batch on the thread that closed it (the guest.crm listener, or the flush
     * timer) instead of Camel's default single "Aggregator" thread with an unbounded queue. While
     * the CRM is down the listener therefore waits, and the backlog stays on the broker's disk
     * instead of piling up closed batches in memory; routing has its own consumers and is not
     * affected.
     */
    @Bean
    ExecutorService crmBatchSender() {
        return new SynchronousExecutorService();
    }

    /**
     * The CRM stage's retries ({@code crm.max-retries}, {@code crm.initial-delay} doubling up to
     * {@code crm.max-delay}), built here because the YAML redelivery options take milliseconds only
     * and {@code crm.*} durations are written as {@code 2s}.
     */
    @Bean
    RedeliveryPolicy crmRedeliveryPolicy(CrmProperties crm) {
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
    CrmFailures crmFailures() {
        return new CrmFailures();
    }

    @Bean
    CrmFailedAttempt crmFailedAttempt(CrmProperties crm) {
        return new CrmFailedAttempt(crm.maxRetryAfter());
    }

    @Bean
    CrmDeadLetter crmDeadLetter(CrmFailures crmFailures) {
        return new CrmDeadLetter(crmFailures);
    }

    @Bean
    CrmBatchMetrics crmBatchMetrics(MeterRegistry registry, ObjectMapper json) {
        return new CrmBatchMetrics(registry, json);
    }

    /**
     * The CRM's own HTTP component ({@code crm-http:} in the route): its own connection pool and
     * timeouts, so a hanging CRM can neither hold connections the Task Routing calls need nor
     * inherit their settings. One batch is in flight at a time; a small pool is plenty. An https
     * {@code crm.url} trusts {@code crm.tls}; an http one gets no SSL settings, which would turn
     * it into a TLS call.
     */
    @Bean("crm-http")
    HttpComponent crmHttpComponent(CrmProperties crm, SSLContextParameters crmSslContextParameters) {
        HttpComponent http = new HttpComponent();
        if ("https".equalsIgnoreCase(crm.url().getScheme())) {
            http.setSslContextParameters(crmSslContextParameters);
        }
        http.setAutomaticRetriesDisabled(true); // retries are the route's error handler's
        long timeout = crm.httpTimeout().toMillis();
        http.setConnectTimeout(timeout);
        http.setConnectionRequestTimeout(timeout);
        http.setResponseTimeout(timeout);
        http.setSoTimeout(timeout);
        http.setMaxTotalConnections(4);
        http.setConnectionsPerRoute(4);
        return http;
    }
}
