package io.guestgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The settings records bound without Spring Boot read the same keys, defaults and formats. */
class SettingsBinderTest {

    @Test
    void unsetKeysTakeTheRecordsDefaults() {
        RoutingProperties routing = SettingsBinder.bind("routing", RoutingProperties.class, keys(Map.of(
                "routing.max-concurrent", "7", "routing.initial-delay", "250ms",
                "routing.circuit-breaker.wait-in-open", "3s")), path -> false);
        assertThat(routing.maxConcurrent()).isEqualTo(7);
        assertThat(routing.initialDelay()).isEqualTo(Duration.ofMillis(250));
        assertThat(routing.maxDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(routing.emailDomain()).isEqualTo("temp.cxone.com");
        assertThat(routing.fallbackQueueId()).isNull();
        assertThat(routing.circuitBreaker().waitInOpen()).isEqualTo(Duration.ofSeconds(3));
        assertThat(routing.circuitBreaker().maxWaitInOpen()).isEqualTo(Duration.ofSeconds(15));
        assertThat(routing.circuitBreaker().slidingWindowSize()).isEqualTo(20);
    }

    @Test
    void durationsAndFlagsReadAsSpringBootReadsThem() {
        assertThat(SettingsBinder.duration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(SettingsBinder.duration("5ms")).isEqualTo(Duration.ofMillis(5));
        assertThat(SettingsBinder.duration("1500")).isEqualTo(Duration.ofMillis(1500));
        assertThat(SettingsBinder.duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(SettingsBinder.duration("PT2S")).isEqualTo(Duration.ofSeconds(2));
        CxoneProperties cxone = SettingsBinder.bind("cxone", CxoneProperties.class, keys(Map.of(
                "cxone.api-base", "https://api.example.test",
                "cxone.ws-url", "wss://api.example.test/ws", "cxone.client-id", "id",
                "cxone.client-secret", "secret")), path -> false);
        assertThat(cxone.apiBase()).isEqualTo(URI.create("https://api.example.test"));
        assertThat(cxone.websocket().heartbeat()).isEqualTo(Duration.ofSeconds(20));
        assertThat(cxone.tls().trustStoreType()).isEqualTo("PKCS12");
    }

    @Test
    void aBadValueNamesTheKeyAndNotTheValue() {
        assertThatThrownBy(() -> SettingsBinder.bind("crm", CrmProperties.class, keys(Map.of(
                "crm.url", "http://127.0.0.1:1/crm", "crm.batch-size", "five-ish")), path -> false))
                .hasMessage("Invalid configuration: crm.batch-size cannot be read as int");
        assertThatThrownBy(() -> SettingsBinder.bind("crm", CrmProperties.class, keys(Map.of(
                "crm.url", "relative/path", "crm.batch-size", "0")), path -> false))
                .hasMessageContaining("Invalid configuration: crm.batch-size must be greater than 0")
                .hasMessageContaining("Invalid configuration: crm.url must be an absolute URL")
                .hasMessageNotContaining("relative/path");
        assertThatThrownBy(() -> SettingsBinder.bind("cxone", CxoneProperties.class, keys(Map.of()), path -> false))
                .hasMessageContaining("Invalid configuration: cxone.api-base is required");
    }

    @Test
    void pathsTheRuntimeDoesNotUseAreNotRequired() {
        GatewayProperties gateway = SettingsBinder.bind("gateway", GatewayProperties.class,
                keys(Map.of("gateway.data-dir", "/var/gateway")), path -> path.startsWith("admin"));
        assertThat(gateway.dataDir()).hasToString("/var/gateway");
        assertThat(gateway.flood().maxMessages()).isEqualTo(15);
        assertThatThrownBy(() -> SettingsBinder.bind("gateway", GatewayProperties.class, keys(Map.of()), path -> false))
                .hasMessageContaining("Invalid configuration: gateway.admin.password");
    }

    private static Function<String, Optional<String>> keys(Map<String, String> values) {
        return key -> Optional.ofNullable(values.get(key));
    }
}
