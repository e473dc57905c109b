package io.guestgateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guestgateway.support.GatewayRun;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import io.guestgateway.deadletter.DeadLetterHeaders;
import jakarta.jms.ConnectionFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.jolokia.jvmagent.JolokiaServer;
import org.jolokia.jvmagent.JolokiaServerConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.jms.core.JmsTemplate;
import org.yaml.snakeyaml.Yaml;

/**
 * What Hawtio reads over Jolokia, the two ways a console reaches the gateway (the embedded
 * console's actuator endpoint, and the Jolokia JVM agent that Hawtio Online calls, with the access
 * policy of deploy/jolokia-agent.yaml): the Camel context's route dumps, as XML and as YAML, that the
 * route diagram and the Source tab are drawn from (every route of routes/*.yaml, route-conversation
 * with its concurrent-requests throttle included), and the dead-letter queues under a clear name.
 */
class HawtioViewsTest {

    private static final String CONTEXT = "org.apache.camel:context=cxone-guest-gateway,type=context,name=%22cxone-guest-gateway%22";
    private static final String CONVERSATION_ROUTE = "org.apache.camel:context=cxone-guest-gateway,type=routes,name=%22route-conversation%22";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    private static GatewayRun gateway;
    private static JolokiaServer agent;
    private static List<String> routeIds;

    @BeforeAll
    static void start() throws IOException {
        gateway = GatewayRun.start(dataDir, "file:routes/*.yaml", Map.of());
        routeIds = gateway.context().getBean(CamelContext.class).getRoutes().stream().map(Route::getRouteId).sorted().toList();
        Path policy = Files.writeString(dataDir.resolve("jolokia-access.xml"), agentPolicy());
        agent = new JolokiaServer(new JolokiaServerConfig(Map.of(
                "host", "127.0.0.1", "port", "0", "discoveryEnabled", "false",
                "policyLocation", policy.toUri().toString())));
        agent.start();
    }

    @AfterAll
    static void stop() {
        if (agent != null) {
            agent.stop();
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void theGatewayRunsEveryRouteFileWithTheConcurrentThrottle() {
        assertThat(routeIds).contains("ingest-guest-frames", "screen-guest-frame", "route-conversation",
                "call-routing-api", "dead-letter-conversation").hasSizeGreaterThanOrEqualTo(12);
    }

    /** Hawtio 4 fails on the routes table ("Cannot read properties of undefined (reading 'weight')"). */
    @Test
    @SuppressWarnings("unchecked")
    void noRouteDeclaresAnErrorHandlerOfItsOwnWhichTheConsoleCannotDraw() throws IOException {
        try (var files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                List<Map<String, Object>> items = new Yaml().load(Files.readString(file));
                for (Map<String, Object> item : items) {
                    if (item.get("route") instanceof Map<?, ?> found) {
                        Map<String, Object> route = (Map<String, Object>) found;
                        assertThat(route).as("%s: route %s sets errorHandler; use a routeConfiguration", file, route.get("id"))
                                .doesNotContainKey("errorHandler");
                    }
                }
            }
        }
    }

    @Test
    void theEmbeddedConsoleGetsEveryRouteAsXmlAndAsYaml() {
        assertEveryRouteIn(embedded("/exec/" + CONTEXT + "/dumpRoutesAsXml()"), "XML");
        assertEveryRouteIn(embedded("/exec/" + CONTEXT + "/dumpRoutesAsYaml()"), "YAML");
    }

    @Test
    void hawtioOnlineGetsEveryRouteAsXmlAndAsYamlThroughTheJolokiaAgent() {
        assertEveryRouteIn(throughAgent("exec/" + CONTEXT + "/dumpRoutesAsXml()"), "XML");
        assertEveryRouteIn(throughAgent("exec/" + CONTEXT + "/dumpRoutesAsYaml()"), "YAML");
    }

    @Test
    void theConversationRouteAloneShowsItsThrottleCircuitBreakerAndRoutingCall() {
        String xml = value(embedded("/exec/" + CONVERSATION_ROUTE + "/dumpRouteAsXml()"));
        assertThat(xml).contains(" id=\"route-conversation\"", "<throttle id=\"cap-concurrent-calls\"",
                "mode=\"ConcurrentRequests\"", "direct:call-routing-api").doesNotContain("timePeriodMillis");
        String context = value(embedded("/exec/" + CONTEXT + "/dumpRoutesAsXml()"));
        assertThat(context).contains("<circuitBreaker id=\"routing-circuit-breaker\"", "id=\"post-routing-task\"",
                "<throttle id=\"cap-calls-per-second\">");
    }

    private static void assertEveryRouteIn(JsonNode answer, String format) {
        assertThat(answer.path("status").asInt()).as("%s dump status, error %s", format, answer.path("error").asText())
                .isEqualTo(200);
        String dump = value(answer);
        List<String> dumped = "XML".equals(format) ? xmlRouteIds(dump) : yamlRouteIds(dump);
        assertThat(dumped).as("route ids in the %s dump", format).containsExactlyInAnyOrderElementsOf(routeIds);
        assertThat(dump).contains("ConcurrentRequests");
    }

    private static List<String> xmlRouteIds(String xml) {
        return Pattern.compile("<route [^>]*?\\bid=\"([^\"]+)\"").matcher(xml).results().map(m -> m.group(1)).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<String> yamlRouteIds(String yaml) {
        List<Map<String, Object>> entries = new Yaml().load(yaml);
        return entries.stream().filter(e -> e.containsKey("route"))
                .map(e -> (String) ((Map<String, Object>) e.get("route")).get("id")).toList();
    }

    @Test
    void theDeadLetterQueuesAreBrowsableByNameWithTheirReasons() {
        String routingDlq = "io.guestgateway:name=%22guest.routing.dlq%22,type=DeadLetters";
        String crmDlq = "io.guestgateway:name=%22guest.crm.dlq%22,type=DeadLetters";
        assertThat(value(embedded("/exec/" + crmDlq + "/browse()"))).isEqualTo("guest.crm.dlq is empty: no dead letters.");
        assertThat(value(throughAgent("read/" + crmDlq + "/Queue"))).isEqualTo("guest.crm.dlq");

        JmsTemplate jms = new JmsTemplate(gateway.context().getBean(ConnectionFactory.class));
        jms.convertAndSend("guest.routing.dlq", "{\"sessionId\":\"c-dlq-1\",\"text\":\"my card number is 4111\"}", m -> {
            m.setStringProperty(DeadLetterHeaders.KEY, "c-dlq-1");
            m.setStringProperty(DeadLetterHeaders.REASON, "HTTP 400 from Task Routing: unknown queue");
            m.setIntProperty(DeadLetterHeaders.LAST_STATUS, 400);
            m.setIntProperty(DeadLetterHeaders.ATTEMPTS, 1);
            return m;
        });
        String listing = value(embedded("/exec/" + routingDlq + "/browse()"));
        assertThat(listing).startsWith("guest.routing.dlq holds 1 dead letter(s):")
                .contains("key=c-dlq-1", "reason=HTTP 400 from Task Routing: unknown queue", "last-status=400",
                        "attempts=1")
                .doesNotContain("4111");
        assertThat(value(throughAgent("exec/" + routingDlq + "/browse()"))).isEqualTo(listing);
    }

    private static String value(JsonNode answer) {
        return answer.path("value").asText();
    }

    private static JsonNode embedded(String path) {
        int port = ((WebServerApplicationContext) gateway.context()).getWebServer().getPort();
        String basic = Base64.getEncoder().encodeToString("admin:test-admin-password".getBytes(StandardCharsets.UTF_8));
        return get(URI.create("http://127.0.0.1:" + port + "/actuator/jolokia" + path), basic);
    }

    private static JsonNode throughAgent(String path) {
        return get(URI.create(agent.getUrl() + path), null);
    }

    private static JsonNode get(URI uri, String basic) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET();
        if (basic != null) {
            request.header("Authorization", "Basic " + basic);
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("HTTP status of %s", uri).isEqualTo(200);
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The access policy Hawtio Online's agent runs with, as deploy/jolokia-agent.yaml ships it. */
    @SuppressWarnings("unchecked")
    private static String agentPolicy() throws IOException {
        Map<String, Object> configMap = new Yaml().load(Files.readString(Path.of("deploy/jolokia-agent.yaml")));
        return (String) ((Map<String, Object>) configMap.get("data")).get("jolokia-access.xml");
    }
}
