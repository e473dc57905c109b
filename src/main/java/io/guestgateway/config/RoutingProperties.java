package io.guestgateway.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import static io.guestgateway.config.CxoneProperties.POSITIVE_DURATION;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Task Routing calls: how many at once, how they are retried, what the body carries. The HTTP
 * timeouts are plain milliseconds because camel-http reads its endpoint timeouts that way.
 */
@Validated
@ConfigurationProperties("routing")
public record RoutingProperties(
        @Positive @DefaultValue("10") int maxConcurrent,
        @PositiveOrZero @DefaultValue("0") int maxPerSecond,
        @PositiveOrZero @DefaultValue("4") int maxRetries,
        @NotNull @DurationMin(millis = 1, message = POSITIVE_DURATION) @DefaultValue("2s") Duration initialDelay,
        @NotNull @DurationMin(millis = 1, message = POSITIVE_DURATION) @DefaultValue("30s") Duration maxDelay,
        @NotNull @DurationMin(millis = 0, message = "must not be negative") @DefaultValue("120s") Duration maxRetryAfter,
        @NotNull @DurationMin(millis = 0, message = "must not be negative") @DefaultValue("5m") Duration maxPacing,
        @NotBlank @DefaultValue("temp.cxone.com") String emailDomain,
        String fallbackQueueId,
        @Positive @DefaultValue("4") int consumers,
        @Positive @DefaultValue("5000") int connectTimeoutMillis,
        @Positive @DefaultValue("10000") int responseTimeoutMillis,
        @Valid @NotNull @DefaultValue CircuitBreaker circuitBreaker) {

    /**
     * The breaker in front of the Task Routing API (resilience4j, count-based window; built by
     * {@code RoutingCircuitBreaker}). It is for outages: only a call CXone did not answer usefully
     * counts as failed (408, 5xx, I/O error, timeout; a 429 is pacing, not a failure), and it opens
     * when at least {@code failureRateThreshold} percent of the last {@code slidingWindowSize} calls
     * failed. Open, it lets a probe through after {@code waitInOpen}, doubling after each failed
     * probe up to {@code maxWaitInOpen}.
     */
    public record CircuitBreaker(
            @Positive @DefaultValue("20") int slidingWindowSize,
            @Positive @DefaultValue("10") int minimumNumberOfCalls,
            @Positive @Max(100) @DefaultValue("80") int failureRateThreshold,
            @NotNull @DurationMin(millis = 1, message = POSITIVE_DURATION) @DefaultValue("2s") Duration waitInOpen,
            @NotNull @DurationMin(millis = 1, message = POSITIVE_DURATION) @DefaultValue("15s") Duration maxWaitInOpen,
            @Positive @DefaultValue("1") int permittedCallsInHalfOpen) {}
}
