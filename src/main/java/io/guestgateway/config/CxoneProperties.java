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

/**
 * Where CXone is and how to log in to it. {@code ssl-bundle} names the Spring Boot SSL bundle
 * ({@code spring.ssl.bundle.jks.*} or {@code .pem.*}) whose CAs the token call, the WebSocket and
 * the Task Routing call trust; unset, the JVM's default CAs. Certificate and host-name checks are
 * always on. The addresses and credentials are required.
 */
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
        String sslBundle) {

    public static final String POSITIVE_DURATION = "must be a positive duration such as 500ms or 30s";
    static final String REQUIRED = "is required";
    public static final String DEFAULT_SCOPE = "webchat:read routing:write conversations:read users:read";

    @ConstructorBinding
    public CxoneProperties {}

    /** The earlier form without {@code ssl-bundle}: the JVM's default CAs. */
    public CxoneProperties(URI apiBase, URI wsUrl, String clientId, String clientSecret, String scope,
            Duration tokenRefreshBuffer, Duration httpTimeout, WebSocket websocket) {
        this(apiBase, wsUrl, clientId, clientSecret, scope, tokenRefreshBuffer, httpTimeout, websocket, null);
    }

    /** The subscription's reconnect, heartbeat and frame limits. */
    public record WebSocket(
            @NotNull @DurationMin(millis = 1, message = POSITIVE_DURATION) @DefaultValue("1s") Duration reconnectInitialDelay,
            @NotNull @DurationMin(millis = 1, message = POSITIVE_DURATION) @DefaultValue("30s") Duration reconnectMaxDelay,
            @NotNull @DurationMin(seconds = 1, message = "must be at least 1s") @DefaultValue("20s") Duration heartbeat,
            @NotNull @DurationMin(millis = 1, message = POSITIVE_DURATION) @DefaultValue("10s") Duration connectTimeout,
            @Positive @DefaultValue("1048576") int maxFrameSize) {}

    @Override
    public String toString() {
        // keeps the secret out of anything that prints this record
        return "CxoneProperties[apiBase=" + apiBase + ", wsUrl=" + wsUrl + ", clientId=" + clientId
                + ", clientSecret=******, scope=" + scope + ", sslBundle=" + sslBundle + "]";
    }
}
