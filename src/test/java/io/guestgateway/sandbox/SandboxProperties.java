package io.guestgateway.sandbox;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The embedded sandbox's settings ({@code cxone.sandbox.*}, documented in {@code sandbox.yaml}):
 * whether it runs, its port and client, token lifetime and the faults it injects from start-up.
 */
@Validated
@ConfigurationProperties("cxone.sandbox")
public record SandboxProperties(
        @DefaultValue("true") boolean enabled,
        @Positive @Max(65535) @DefaultValue("8089") int port,
        @DefaultValue("sandbox-client") String clientId,
        @DefaultValue("sandbox-secret") String clientSecret,
        @NotNull @DurationMin(seconds = 1, message = "must be at least 1s") @DefaultValue("3600s") Duration tokenLifetime,
        @Valid @NotNull @DefaultValue Faults routing,
        @Valid @NotNull @DefaultValue Faults crm) {

    /**
     * Faults the sandbox injects into one endpoint from start-up ({@code cxone.sandbox.routing.*},
     * {@code cxone.sandbox.crm.*}); they can be changed at run time over {@code /sandbox/faults/*}.
     */
    public record Faults(
            @DecimalMin("0.0") @DecimalMax("1.0") @DefaultValue("0") double failureRate,
            @PositiveOrZero @DefaultValue("0") int every429,
            @NotNull @DurationMin(seconds = 0, message = "must not be negative") @DefaultValue("1s") Duration retryAfter,
            @NotNull @DurationMin(millis = 0, message = "must not be negative") @DefaultValue("0s") Duration latency,
            @DefaultValue("false") boolean outage) {

        /** As the sandbox takes them; Retry-After carries whole seconds, so a fraction rounds up, not to 0. */
        FaultSettings settings() {
            long seconds = (retryAfter.toMillis() + 999) / 1000;
            return new FaultSettings(failureRate, every429, (int) Math.min(seconds, Integer.MAX_VALUE), latency, outage);
        }
    }

    /** What {@link CxoneSandbox#start} takes. */
    SandboxSettings settings() {
        return SandboxSettings.defaults()
                .withPort(port)
                .withClientId(clientId)
                .withClientSecret(clientSecret)
                .withTokenLifetime(tokenLifetime)
                .withRoutingFaults(routing.settings())
                .withCrmFaults(crm.settings());
    }

    @Override
    public String toString() {
        return "SandboxProperties[enabled=" + enabled + ", port=" + port + ", clientId=" + clientId
                + ", clientSecret=******, tokenLifetime=" + tokenLifetime + ", routing=" + routing + ", crm=" + crm + "]";
    }
}
