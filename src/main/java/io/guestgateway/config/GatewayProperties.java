package io.guestgateway.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import java.time.Duration;
import static io.guestgateway.config.CxoneProperties.POSITIVE_DURATION;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** The gateway's own knobs: where it keeps state, how it guards ingest, who may administer it. */
@Validated
@ConfigurationProperties("gateway")
public record GatewayProperties(
        @NotNull @DefaultValue("./data") Path dataDir,
        @Positive @DefaultValue("4096") int maxTextLength,
        @Valid @NotNull @DefaultValue Flood flood,
        @Valid @NotNull @DefaultValue HandOff handoff,
        @Valid @NotNull @DefaultValue Leader leader,
        @Valid @NotNull @DefaultValue Broker broker,
        @Valid @NotNull @DefaultValue Admin admin) {

    public record Flood(
            @Positive @DefaultValue("15") int maxMessages,
            @NotNull @DurationMin(millis = 1, message = POSITIVE_DURATION) @DefaultValue("60s") Duration window,
            @Positive @DefaultValue("1000000") long maxTracked) {}

    /** How accepted messages are batched into one durable commit (one journal sync per batch). */
    public record HandOff(
            @Positive @DefaultValue("200") int batchSize,
            @NotNull @DurationMin(millis = 1, message = POSITIVE_DURATION) @DefaultValue("5ms") Duration maxWait) {}

    /**
     * Which replica holds the CXone subscription: replicas sharing {@code lockDir} elect one.
     * Unset, the lock lives under the data directory.
     */
    public record Leader(
            Path lockDir,
            @NotNull @DurationMin(millis = 1, message = POSITIVE_DURATION) @DefaultValue("2s") Duration checkInterval) {}

    /**
     * How the gateway's JMS consumers take messages from the broker. {@code consumerWindowSize}
     * is Artemis' client-side prefetch in bytes: 0 (the default) buffers nothing, so a message
     * waits on the broker until a consumer is free, never behind a consumer that is busy with a
     * slow call or a retry wait; -1 is unbounded.
     */
    public record Broker(
            @Min(-1) @DefaultValue("0") int consumerWindowSize) {}

    public record Admin(
            @NotBlank @DefaultValue("admin") String username,
            @NotBlank(message = CxoneProperties.REQUIRED) String password) {

        @Override
        public String toString() {
            return "Admin[username=" + username + ", password=******]";
        }
    }
}
