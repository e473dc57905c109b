package io.guestgateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.guestgateway.cxone.AccessTokens;
import io.guestgateway.cxone.ws.GuestClient;
import io.guestgateway.routing.RoutingCall;
import io.guestgateway.routing.RoutingMetrics;
import io.guestgateway.sandbox.CxoneSandbox;
import io.guestgateway.sandbox.RecordedCall;
import io.guestgateway.sandbox.SandboxSettings;
import io.guestgateway.support.GatewayRun;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.main.Main;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routes of {@code routes/} and their beans outside Spring Boot: plain Camel Main, as Camel
 * JBang and Camel K run them, with the settings of application.yaml and the Camel Main wiring of
 * deploy/camel-main.properties, against the sandbox, an embedded Artemis and H2. One conversation
 * goes from the CXone WebSocket to the Task Routing API (once) and to the CRM.
 */
class CamelMainRoutesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEXT = "Hi, my order never arrived";

    @TempDir
    Path dataDir;

    @Test
    void aConversationIsRoutedOnceAndSyncedWithoutSpring() throws Exception {
        int brokerPort = GatewayRun.freePort();
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ().setConfiguration(new ConfigurationImpl()
                .setPersistenceEnabled(false).setSecurityEnabled(false)
                .addAcceptorConfiguration("tcp", "tcp://127.0.0.1:" + brokerPort));
        JdbcConnectionPool database = JdbcConnectionPool.create(
                "jdbc:h2:file:" + dataDir.resolve("db/gateway") + ";WRITE_DELAY=0", "sa", "");
        MeterRegistry meters = new SimpleMeterRegistry();
        Main main = new Main();
        try (CxoneSandbox sandbox = CxoneSandbox.start(SandboxSettings.defaults().withPort(0))) {
            broker.start();
            // what Spring Boot or Camel Quarkus would create from their own settings
            main.bind("dataSource", database);
            main.bind("jmsConnectionFactory", new ActiveMQConnectionFactory(
                    "tcp://127.0.0.1:" + brokerPort + "?consumerWindowSize=0"));
            main.bind("meterRegistry", meters);
            main.bind("objectMapper", new ObjectMapper());
            main.setPropertyPlaceholderLocations("file:deploy/camel-main.properties");
            applicationYaml().forEach(main::addInitialProperty);
            overrides(sandbox).forEach(main::addOverrideProperty);
            main.start();
            try {
                CamelContext camel = main.getCamelContext();
                assertThat(camel.getClass().getName()).doesNotContain("Spring");
                assertThat(camel.getRoutes()).extracting(Route::getRouteId)
                        .contains("ingest-guest-frames", "route-conversation", "sync-crm-batch");
                // the leader (file lock under gateway.data-dir) subscribes to the sandbox hub
                await().atMost(Duration.ofSeconds(20)).until(() -> sandbox.state().wsAuthenticated() == 1);
                String token = camel.getRegistry().lookupByNameAndType("cxoneTokens", AccessTokens.class).token();
                try (GuestClient guest = GuestClient.authenticated(sandbox.wsUrl(), token)) {
                    guest.send(frame("c-main-1"));
                    guest.send(frame("c-main-1"));   // a later message of the same conversation
                }

                await().atMost(Duration.ofSeconds(20)).until(() -> sandbox.state().routedConversations() == 1
                        && meters.find(RoutingMetrics.OUTCOMES).tag("outcome", "duplicate").counters().stream()
                                .mapToDouble(c -> c.count()).sum() == 1);
                List<RecordedCall> calls = sandbox.routingCalls().stream()
                        .filter(call -> "c-main-1".equals(call.header(RoutingCall.IDEMPOTENCY_KEY))).toList();
                assertThat(calls).singleElement().satisfies(call -> {
                    assertThat(call.status()).isEqualTo(201);
                    assertThat(JSON.readTree(call.body())).isEqualTo(JSON.readTree("""
                            {"type": "webchat", "queueId": "general-support",
                             "customer": {"id": "c-main-1", "firstName": "Guest", "lastName": "fp-3b9d2",
                                          "email": "guest_c-main-1@temp.cxone.com"},
                             "media": {"webchat": {"message": "%s", "url": ""}}}""".formatted(TEXT)));
                });

                // camel-resilience4j-micrometer, found on the class path, exports the routing breaker
                assertThat(meters.get("resilience4j.circuitbreaker.calls").tag("name", "routing-circuit-breaker")
                        .tag("kind", "successful").timer().count()).isEqualTo(1);
                assertThat(meters.get("resilience4j.circuitbreaker.state").tag("name", "routing-circuit-breaker")
                        .tag("state", "closed").gauge().value()).isEqualTo(1.0);

                await().atMost(Duration.ofSeconds(20)).until(() -> crmRecord(sandbox, "c-main-1") != null);
                JsonNode record = crmRecord(sandbox, "c-main-1");
                assertThat(record.get("fingerprint").asText()).isEqualTo("fp-3b9d2c71a0");
                assertThat(record.get("last_message").asText()).isEqualTo(TEXT);
            } finally {
                main.stop();
            }
        } finally {
            broker.stop();
            database.dispose();
        }
    }

    /** The gateway's own settings from application.yaml, flattened as Camel Main reads properties. */
    private static Map<String, String> applicationYaml() throws IOException {
        JsonNode yaml = new YAMLMapper().readTree(Path.of("application.yaml").toFile());
        Map<String, String> properties = new LinkedHashMap<>();
        for (String section : List.of("cxone", "crm", "gateway", "routing", "sla")) {
            flatten(section, yaml.get(section), properties);
        }
        return properties;
    }

    /** Where this run's sandbox, data and routes are, and a CRM batch per record. */
    private Map<String, String> overrides(CxoneSandbox sandbox) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("cxone.sandbox.enabled", "false");
        p.put("cxone.api-base", sandbox.apiBase());
        p.put("cxone.ws-url", sandbox.wsUrl());
        p.put("cxone.client-id", sandbox.settings().clientId());
        p.put("cxone.client-secret", sandbox.settings().clientSecret());
        p.put("cxone.websocket.reconnect-initial-delay", "100ms");
        p.put("crm.url", sandbox.crmUrl());
        p.put("crm.batch-size", "1");
        p.put("gateway.data-dir", dataDir.toString());
        p.put("camel.main.routes-include-pattern", "file:routes/*.yaml");
        return p;
    }

    private static JsonNode crmRecord(CxoneSandbox sandbox, String conversationId) throws IOException {
        for (RecordedCall call : sandbox.crmCalls()) {
            for (JsonNode record : JSON.readTree(call.body())) {
                if (conversationId.equals(record.path("external_id").asText())) {
                    return record;
                }
            }
        }
        return null;
    }

    private static String frame(String conversationId) {
        return "{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":\"" + conversationId
                + "\",\"text\":\"" + TEXT + "\",\"timestamp\":1764412345.127,\"metadata\":{\"browserFingerprint\":"
                + "\"fp-3b9d2c71a0\",\"routing\":{\"queueId\":\"general-support\"}}}";
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> properties) {
        if (node == null) {
            return;
        }
        if (!node.isObject()) {
            properties.put(prefix, node.asText());
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            flatten(prefix + "." + field.getKey(), field.getValue(), properties);
        }
    }
}
