package io.guestgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.guestgateway.sandbox.SandboxDefaults;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * Binds the real configuration records (with the real defaults post-processor) in a small
 * context, so each key's rule is checked quickly; GatewayStartupFailureTest checks the whole
 * application's output once.
 */
class ConfigurationValidationTest {

    /** A complete production configuration (ConfigurationCheckTest starts from it too). */
    static final Map<String, String> PRODUCTION = Map.of(
            "cxone.sandbox.enabled", "false",
            "cxone.api-base", "https://api.example.test",
            "cxone.ws-url", "wss://api.example.test/webchat/v1/ws",
            "cxone.client-id", "client-1",
            "cxone.client-secret", "s3cr3t-value",
            "crm.url", "https://crm.example.test/batch",
            "gateway.admin.password", "admin-pass-1");

    @Configuration
    @EnableConfigurationProperties({CxoneProperties.class, GatewayProperties.class, RoutingProperties.class,
            CrmProperties.class, SlaProperties.class})
    static class ConfigOnly {}

    @Test
    void defaultsMatchTheContract() {
        try (ConfigurableApplicationContext ctx = start(Map.of("cxone.sandbox.port", "18089"))) {
            CxoneProperties cxone = ctx.getBean(CxoneProperties.class);
            assertThat(cxone.apiBase()).hasToString("http://127.0.0.1:18089");
            assertThat(cxone.wsUrl()).hasToString("ws://127.0.0.1:18089/webchat/v1/ws");
            assertThat(cxone.tokenRefreshBuffer()).hasSeconds(300);
            GatewayProperties gateway = ctx.getBean(GatewayProperties.class);
            assertThat(gateway.flood().maxMessages()).isEqualTo(15);
            assertThat(gateway.flood().window()).hasSeconds(60);
            assertThat(gateway.flood().maxTracked()).isEqualTo(1_000_000);
            assertThat(gateway.admin().username()).isEqualTo("admin");
            assertThat(gateway.admin().password()).hasSizeGreaterThanOrEqualTo(20);
            assertThat(ctx.getEnvironment().getProperty(SandboxDefaults.PASSWORD_GENERATED)).isEqualTo("true");
            RoutingProperties routing = ctx.getBean(RoutingProperties.class);
            assertThat(routing.maxConcurrent()).isEqualTo(10);
            assertThat(routing.maxRetries()).isEqualTo(4);
            assertThat(routing.initialDelay()).hasSeconds(2);
            assertThat(routing.maxDelay()).hasSeconds(30);
            CrmProperties crm = ctx.getBean(CrmProperties.class);
            assertThat(crm.url()).hasToString("http://127.0.0.1:18089/crm/batch");
            assertThat(crm.batchSize()).isEqualTo(5);
            assertThat(crm.flushInterval()).hasSeconds(30);
            assertThat(crm.instanceId()).as("the pod's name, else the host name").isNotBlank();
            assertThat(crm.instanceTimeout()).hasSeconds(15);
        }
    }

    @Test
    void productionSettingsBindAndOverrideTheSandbox() {
        try (ConfigurableApplicationContext ctx = start(PRODUCTION)) {
            CxoneProperties cxone = ctx.getBean(CxoneProperties.class);
            assertThat(cxone.apiBase()).hasToString("https://api.example.test");
            assertThat(cxone.toString()).doesNotContain("s3cr3t-value");
            assertThat(ctx.getBean(GatewayProperties.class).admin().toString()).doesNotContain("admin-pass-1");
            assertThat(ctx.getEnvironment().getProperty(SandboxDefaults.PASSWORD_GENERATED)).isNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cxone.api-base", "cxone.ws-url", "cxone.client-id", "cxone.client-secret",
            "crm.url", "gateway.admin.password"})
    void eachRequiredKeyIsNamedWhenMissingWithTheSandboxOff(String key) {
        Map<String, String> props = new LinkedHashMap<>(PRODUCTION);
        props.remove(key);
        assertThat(failure(props)).isEqualTo("Invalid configuration: " + key + " is required");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "crm.batch-size|-1|crm.batch-size must be greater than 0",
            "routing.max-concurrent|0|routing.max-concurrent must be greater than 0",
            "routing.max-retries|-2|routing.max-retries must be greater than or equal to 0",
            "gateway.flood.max-messages|0|gateway.flood.max-messages must be greater than 0",
            "gateway.broker.consumer-window-size|-2|gateway.broker.consumer-window-size must be greater than or equal to -1",
            "cxone.api-base|not a url|cxone.api-base cannot be read",
            "cxone.api-base|ftp://files.example.test|cxone.api-base must be an absolute URL",
            "cxone.ws-url|https://api.example.test/ws|cxone.ws-url must be an absolute URL",
            "crm.url|/relative/path|crm.url must be an absolute URL",
            "routing.max-retries|four|routing.max-retries cannot be read",
            "crm.flush-interval|-5s|crm.flush-interval must be a positive duration",
            "crm.instance-id|pod/a|crm.instance-id must be a pod or host name",
            "crm.instance-timeout|10s|crm.instance-timeout must be at least 3 times crm.recovery-interval",
            "crm.redelivery-window|0s|crm.redelivery-window must be at least 1s",
            "cxone.websocket.max-frame-size|0|cxone.websocket.max-frame-size must be greater than 0",
            "gateway.leader.kind|zookeeper|gateway.leader.kind cannot be read",
            "gateway.leader.kubernetes.lease-duration|500ms|gateway.leader.kubernetes.lease-duration must be at least 1s",
            "gateway.leader.kubernetes.jitter-factor|0.5|gateway.leader.kubernetes.jitter-factor must be at least 1.0",
            "gateway.leader.kubernetes.master-url|kubernetes.default.svc|gateway.leader.kubernetes.master-url must be an absolute URL"})
    void anInvalidValueIsNamedWithWhatIsWrong(String key, String value, String expected) {
        Map<String, String> props = new LinkedHashMap<>(PRODUCTION);
        props.put(key, value);
        assertThat(failure(props)).startsWith("Invalid configuration: " + expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "renew-deadline=15s|renew-deadline must be shorter than gateway.leader.kubernetes.lease-duration",
            "renew-deadline=2s,retry-period=2s|renew-deadline must be longer than gateway.leader.kubernetes.retry-period"
                    + " times gateway.leader.kubernetes.jitter-factor",
            "pod-selector=app|pod-selector must be labels as key=value, separated by commas",
            "pod-name=|pod-name is required with gateway.leader.kind=kubernetes-lease",
            "master-url=https://k8s.example.test:6443|namespace is required when gateway.leader.kubernetes.master-url is set"})
    void kubernetesLeaseSettingsThatDisagreeAreNamedByKey(String settings, String expected) {
        Map<String, String> props = new LinkedHashMap<>(PRODUCTION);
        props.put("gateway.leader.kind", "kubernetes-lease");
        props.put("gateway.leader.kubernetes.pod-name", "gateway-0");
        for (String setting : settings.split(",")) {
            String[] keyValue = setting.split("=", 2);
            props.put("gateway.leader.kubernetes." + keyValue[0], keyValue[1]);
        }
        assertThat(failure(props)).startsWith("Invalid configuration: gateway.leader.kubernetes." + expected);
    }

    @Test
    void kubernetesLeaseSettingsBind() {
        Map<String, String> props = new LinkedHashMap<>(PRODUCTION);
        props.put("gateway.leader.kind", "kubernetes-lease");
        props.put("gateway.leader.kubernetes.pod-name", "gateway-0");
        props.put("gateway.leader.kubernetes.pod-selector", "app.kubernetes.io/name=gateway, tier=ingest");
        try (ConfigurableApplicationContext ctx = start(props)) {
            GatewayProperties.Leader leader = ctx.getBean(GatewayProperties.class).leader();
            assertThat(leader.kind()).isEqualTo(GatewayProperties.Leader.Kind.KUBERNETES_LEASE);
            assertThat(leader.kubernetes().podLabels())
                    .containsExactly(Map.entry("app.kubernetes.io/name", "gateway"), Map.entry("tier", "ingest"));
            assertThat(leader.kubernetes().leaseDuration()).hasSeconds(15);
            assertThat(leader.kubernetes().renewDeadline()).hasSeconds(10);
            assertThat(leader.kubernetes().retryPeriod()).hasSeconds(2);
            assertThat(leader.kubernetes().jitterFactor()).isEqualTo(1.2);
        }
    }

    @Test
    void aSecretIsNeverEchoedInTheFailure() {
        Map<String, String> props = new LinkedHashMap<>(PRODUCTION);
        props.remove("crm.url");
        assertThat(failure(props)).doesNotContain("s3cr3t-value").doesNotContain("admin-pass-1");
    }

    private static String failure(Map<String, String> props) {
        Throwable thrown = catchThrowable(() -> start(props).close());
        assertThat(thrown).as("start-up should fail").isNotNull();
        FailureAnalysis analysis = new ConfigFailureAnalyzer().analyze(thrown);
        assertThat(analysis).as("analysed failure for %s", thrown).isNotNull();
        return analysis.getDescription();
    }

    private static ConfigurableApplicationContext start(Map<String, String> props) {
        List<String> args = new ArrayList<>();
        props.forEach((k, v) -> args.add("--" + k + "=" + v));
        return new SpringApplicationBuilder(ConfigOnly.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .run(args.toArray(String[]::new));
    }
}
