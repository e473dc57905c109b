package io.guestgateway.config;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.net.URI;
import java.time.Duration;
import static io.guestgateway.config.CxoneProperties.POSITIVE_DURATION;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** The CRM batch endpoint and how batches close and are retried. */
@Validated
@ConfigurationProperties("crm")
public record CrmProperties(
        @NotNull(message = CxoneProperties.REQUIRED) @AbsoluteUrl(schemes = {"http", "https"}) URI url,
        @Positive @DefaultValue("5") int batchSize,
        @NotNull @DurationMin(millis = 1, message = POSITIVE_DURATION) @DefaultValue("30s") Duration flushInterval,
        @PositiveOrZero @DefaultValue("4") int maxRetries,
        @NotNull @DurationMin(millis = 1, message = POSITIVE_DURATION) @DefaultValue("2s") Duration initialDelay,
        @NotNull @DurationMin(millis = 1, message = POSITIVE_DURATION) @DefaultValue("30s") Duration maxDelay) {}
