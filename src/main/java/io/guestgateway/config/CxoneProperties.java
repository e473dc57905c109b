package io.guestgateway.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/** Where CXone is and how to log in to it: the addresses and credentials are required. */
@Validated
@ConfigurationProperties("cxone")
public record CxoneProperties(
        @NotNull(message = REQUIRED) @AbsoluteUrl(schemes = {"http", "https"}) URI apiBase,
        @NotNull(message = REQUIRED) @AbsoluteUrl(schemes = {"ws", "wss"}) URI wsUrl,
        @NotBlank(message = REQUIRED) String clientId,
        @NotBlank(message = REQUIRED) String clientSecret,
        @NotBlank @DefaultValue(DEFAULT_SCOPE) String scope,
        @NotNull @DurationMin(seconds = 0, message = "must not be negative") @DefaultValue("300s") Duration tokenRefreshBuffer,
        @NotNull @DurationMin(millis = 1, message = POSITIVE_DURATION) @DefaultValue("10s") Duration httpTimeout,
        @Valid @NotNull @DefaultValue WebSocket websocket,
        @Valid @NotNull @DefaultValue Tls tls) {

    public static final String POSITIVE_DURATION = "must be a positive duration such as 500ms or 30s";
    static final String REQUIRED = "is required";
    public static final String DEFAULT_SCOPE = "webchat:read routing:write conversations:read users:read";

    @ConstructorBinding
    public CxoneProperties {}

    /** The earlier form without {@code tls}: the JVM's default trust store. */
    public CxoneProperties(URI apiBase, URI wsUrl, String clientId, String clientSecret, String scope,
            Duration tokenRefreshBuffer, Duration httpTimeout, WebSocket websocket) {
        this(apiBase, wsUrl, clientId, clientSecret, scope, tokenRefreshBuffer, httpTimeout, websocket,
                Tls.JVM_DEFAULT);
    }

    /** The subscription's reconnect, heartbeat and frame limits. */
    public record WebSocket(
            @NotNull @DurationMin(millis = 1, message = POSITIVE_DURATION) @DefaultValue("1s") Duration reconnectInitialDelay,
            @NotNull @DurationMin(millis = 1, message = POSITIVE_DURATION) @DefaultValue("30s") Duration reconnectMaxDelay,
            @NotNull @DurationMin(seconds = 1, message = "must be at least 1s") @DefaultValue("20s") Duration heartbeat,
            @NotNull @DurationMin(millis = 1, message = POSITIVE_DURATION) @DefaultValue("10s") Duration connectTimeout,
            @Positive @DefaultValue("1048576") int maxFrameSize) {}

    /**
     * Whom the token client, the WebSocket and the Task Routing call trust ({@code cxone.tls.*}); the
     * CRM POST has the same keys under {@code crm.tls.*}. Certificate and host-name checks are
     * always on; without a trust store the JVM's default one decides. A trust store (for a private
     * CA, e.g. a TLS-inspecting proxy) replaces the JVM's for those calls.
     */
    public record Tls(
            String trustStore,
            String trustStorePassword,
            @NotBlank @DefaultValue("PKCS12") String trustStoreType) {

        public static final Tls JVM_DEFAULT = new Tls(null, null, "PKCS12");

        @Override
        public String toString() {
            return "Tls[trustStore=" + (trustStore == null ? "JVM default" : trustStore) + ", trustStorePassword="
                    + (trustStorePassword == null ? "none" : "******") + ", trustStoreType=" + trustStoreType + "]";
        }
    }

    @Override
    public String toString() {
        // keeps the secret out of anything that prints this record
        return "CxoneProperties[apiBase=" + apiBase + ", wsUrl=" + wsUrl + ", clientId=" + clientId
                + ", clientSecret=******, scope=" + scope + ", tls=" + tls + "]";
    }
}
