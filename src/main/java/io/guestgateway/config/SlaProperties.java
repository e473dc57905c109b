package io.guestgateway.config;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import static io.guestgateway.config.CxoneProperties.POSITIVE_DURATION;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The latency a routed conversation should stay under, from WebSocket receipt to the 201, and how
 * often the log sums it up.
 *
 * @param target          slower conversations count as over the target
 * @param summaryInterval one log line per interval with traffic: routed, over the target, p50/p99, slowest
 */
@Validated
@ConfigurationProperties("sla")
public record SlaProperties(
        @NotNull @DurationMin(millis = 1, message = POSITIVE_DURATION) @DefaultValue("2s") Duration target,
        @NotNull @DurationMin(seconds = 1, message = "must be at least 1s") @DefaultValue("1m") Duration summaryInterval) {}
