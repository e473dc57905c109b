package io.guestgateway.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import static io.guestgateway.config.CxoneProperties.POSITIVE_DURATION;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** The gateway's own knobs: where it keeps state, how it guards ingest, who may administer it. */
@Validated
@ConfigurationProperties("gateway")
public record GatewayProperties(
        @NotNull @UsableFolder @DefaultValue("./data") Path dataDir,
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
     * Which replica holds the CXone subscription. {@code file}: replicas sharing {@code lockDir}
     * elect one (unset, the lock lives under the data directory). {@code kubernetes-lease}: the
     * replicas' pods elect one with a Kubernetes Lease, as {@code kubernetes} describes.
     */
    @LeaseSettings
    public record Leader(
            @NotNull @DefaultValue("file") Kind kind,
            @UsableFolder Path lockDir,
            @NotNull @DurationMin(millis = 1, message = POSITIVE_DURATION) @DefaultValue("2s") Duration checkInterval,
            @Valid @NotNull @DefaultValue KubernetesLease kubernetes) {

        public enum Kind { FILE, KUBERNETES_LEASE }
    }

    /**
     * The Lease camel-kubernetes' cluster service holds for the leader, and its timings (the
     * client-go leader-election defaults, 15 s / 10 s / 2 s). A standby takes over once the holder's
     * pod is no longer a ready member, then waits {@code leaseDuration} before it subscribes.
     * Unset, {@code masterUrl} and {@code namespace} come from the pod's service account.
     */
    public record KubernetesLease(
            @AbsoluteUrl(schemes = {"https", "http"}) URI masterUrl,
            String namespace,
            @NotBlank @DefaultValue("cxone-guest-gateway") String leaseNamePrefix,
            String podName,
            @NotBlank @DefaultValue("camel.apache.org/integration=cxone-guest-gateway") String podSelector,
            @NotNull @DurationMin(seconds = 1, message = "must be at least 1s (a Lease counts whole seconds)")
            @DefaultValue("15s") Duration leaseDuration,
            @NotNull @DurationMin(millis = 1, message = POSITIVE_DURATION) @DefaultValue("10s") Duration renewDeadline,
            @NotNull @DurationMin(millis = 1, message = POSITIVE_DURATION) @DefaultValue("2s") Duration retryPeriod,
            @DecimalMin(value = "1.0", message = "must be at least 1.0") @DefaultValue("1.2") double jitterFactor) {

        /** {@code podSelector}'s {@code key=value} terms (comma-separated) as labels; null if a term is not one. */
        public Map<String, String> podLabels() {
            if (podSelector == null) {
                return null;
            }
            Map<String, String> labels = new LinkedHashMap<>();
            for (String term : podSelector.split(",", -1)) {
                String[] keyValue = term.split("=", -1);
                if (keyValue.length != 2 || keyValue[0].isBlank() || keyValue[1].isBlank()) {
                    return null;
                }
                labels.put(keyValue[0].trim(), keyValue[1].trim());
            }
            return labels;
        }
    }

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
