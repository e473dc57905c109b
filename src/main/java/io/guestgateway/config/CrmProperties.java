package io.guestgateway.config;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.net.URI;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The CRM batch endpoint, how batches close and are retried, and where open batches are kept.
 *
 * @param httpTimeout     connect, connection-pool wait and response timeout of one POST
 * @param maxRetryAfter   cap on a {@code Retry-After} the CRM asks for
 * @param repositoryName  table of open batches ({@code <name>_completed} holds batches being sent,
 *                        {@code <name>_instances} when each replica was last seen); replicas sharing
 *                        a database share it
 * @param instanceId      this replica among those sharing the tables: the key of its open batch and
 *                        the owner of its closed ones (Kubernetes: the pod's name, {@code HOSTNAME};
 *                        unset, the host name, see {@code GatewayDefaults})
 * @param instanceTimeout a replica not seen for this long is taken as gone: another sends its batches
 *                        (at least {@value CrmReplicaSettings#MIN_INTERVALS} recovery intervals)
 * @param recoveryInterval how often batches left unsent by a crash are looked for and sent again
 * @param maxRecoveries   recovery attempts of one batch before it is dead-lettered
 * @param redeliveryWindow how long the gateway remembers which guest messages batches took, so that
 *                        one the broker delivers again after a crash is not sent twice; longer than
 *                        the broker takes to give a dead consumer's messages to another (its
 *                        connection TTL, 60 s by default)
 * @param consumers       concurrent consumers of guest.crm (they share the one open batch)
 * @param sslBundle       the Spring Boot SSL bundle ({@code spring.ssl.bundle.*}) whose CAs an https
 *                        CRM POST trusts, independent of {@code cxone.ssl-bundle}: the CRM may sit
 *                        behind a CA of its own; unset, the JVM's default CAs. Certificate and
 *                        host-name checks are always on.
 */
@Validated
@CrmReplicaSettings
@ConfigurationProperties("crm")
public record CrmProperties(
        @NotNull(message = CxoneProperties.REQUIRED) @AbsoluteUrl(schemes = {"http", "https"}) URI url,
        @Positive @DefaultValue("5") int batchSize,
        @NotNull @DurationMin(millis = 1, message = CxoneProperties.POSITIVE_DURATION) @DefaultValue("30s") Duration flushInterval,
        @PositiveOrZero @DefaultValue("4") int maxRetries,
        @NotNull @DurationMin(millis = 1, message = CxoneProperties.POSITIVE_DURATION) @DefaultValue("2s") Duration initialDelay,
        @NotNull @DurationMin(millis = 1, message = CxoneProperties.POSITIVE_DURATION) @DefaultValue("30s") Duration maxDelay,
        @NotNull @DurationMin(millis = 1, message = CxoneProperties.POSITIVE_DURATION) @DefaultValue("10s") Duration httpTimeout,
        @NotNull @DurationMin(millis = 0, message = "must not be negative") @DefaultValue("120s") Duration maxRetryAfter,
        @NotNull @Pattern(regexp = "[a-zA-Z_][a-zA-Z0-9_]{0,40}", message = "must be a plain SQL table name")
        @DefaultValue("crm_batches") String repositoryName,
        @NotNull @Pattern(regexp = "[A-Za-z0-9][A-Za-z0-9._-]{0,252}",
                message = "must be a pod or host name (letters, digits, '.', '_', '-'), at most 253 characters")
        String instanceId,
        @NotNull @DurationMin(seconds = 1, message = "must be at least 1s") @DefaultValue("15s") Duration instanceTimeout,
        @NotNull @DurationMin(millis = 1, message = CxoneProperties.POSITIVE_DURATION) @DefaultValue("5s") Duration recoveryInterval,
        @Positive @DefaultValue("3") int maxRecoveries,
        @NotNull @DurationMin(seconds = 1, message = "must be at least 1s") @DefaultValue("10m") Duration redeliveryWindow,
        @Positive @DefaultValue("2") int consumers,
        String sslBundle) {}
