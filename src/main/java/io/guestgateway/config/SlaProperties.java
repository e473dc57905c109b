package io.guestgateway.config;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import static io.guestgateway.config.CxoneProperties.POSITIVE_DURATION;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** The latency a routed conversation should stay under, from WebSocket receipt to the 201. */
@Validated
@ConfigurationProperties("sla")
public record SlaProperties(@NotNull @DurationMin(millis = 1, message = POSITIVE_DURATION) @DefaultValue("2s") Duration target) {}
