package io.guestgateway.config;

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

/** Task Routing calls: how many at once, how they are retried, what the body carries. */
@Validated
@ConfigurationProperties("routing")
public record RoutingProperties(
        @Positive @DefaultValue("10") int maxConcurrent,
        @PositiveOrZero @DefaultValue("0") int maxPerSecond,
        @PositiveOrZero @DefaultValue("4") int maxRetries,
        @NotNull @DurationMin(millis = 1, message = POSITIVE_DURATION) @DefaultValue("2s") Duration initialDelay,
        @NotNull @DurationMin(millis = 1, message = POSITIVE_DURATION) @DefaultValue("30s") Duration maxDelay,
        @NotNull @DurationMin(millis = 0, message = "must not be negative") @DefaultValue("120s") Duration maxRetryAfter,
        @NotBlank @DefaultValue("temp.cxone.com") String emailDomain,
        String fallbackQueueId,
        @Positive @DefaultValue("4") int consumers) {}
