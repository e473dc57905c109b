package io.guestgateway.ops;

import static io.guestgateway.support.GatewayRun.freePort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The whole gateway on a random port, called the way a browser, a script and a probe would: who
 * gets into Hawtio, Jolokia, the admin API and the actuator, what Jolokia shows of Camel and
 * Artemis, and that no secret comes back from the consoles. The one route is the browser check's
 * fixture ({@code e2e/fixtures}), so the test does not depend on the pipeline's routes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability(tracing = false) // tests switch the Prometheus registry off unless asked
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ConsoleSecurityTest {

    static final String PASSWORD = "adm-Pw-5f1c9e";
    static final String CLIENT_SECRET = "cs-Secret-77d0a4";
    private static final int SANDBOX_PORT = freePort();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDir;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("camel.main.routes-include-pattern", () -> "file:" + Path.of("e2e/fixtures/*.yaml").toAbsolutePath());
        registry.add("gateway.data-dir", () -> dataDir.toString());
        registry.add("gateway.admin.password", () -> PASSWORD);
        registry.add("gateway.max-text-length", () -> "4321");
        // the sandbox's addresses are derived from its port before test properties exist: set them here
        registry.add("cxone.sandbox.port", () -> SANDBOX_PORT);
        registry.add("cxone.api-base", () -> "http://127.0.0.1:" + SANDBOX_PORT);
        registry.add("cxone.ws-url", () -> "ws://127.0.0.1:" + SANDBOX_PORT + "/webchat/v1/ws");
        registry.add("crm.url", () -> "http://127.0.0.1:" + SANDBOX_PORT + "/crm/batch");
        registry.add("cxone.sandbox.client-secret", () -> CLIENT_SECRET);
        registry.add("cxone.client-secret", () -> CLIENT_SECRET);
    }

    @Test
    void anonymousCallersGetNoConsoleNoJolokiaNoAdminApiAndNoEnvironment() {
        for (String path : List.of("/actuator/hawtio", "/actuator/hawtio/index.html", "/actuator/hawtio/jolokia",
                "/actuator/jolokia", "/actuator/jolokia/read/java.lang:type=Runtime/Uptime", "/admin/anything",
                "/actuator/env", "/actuator/configprops", "/actuator/metrics")) {
            assertThat(get(path).statusCode()).as("script GET %s", path).isEqualTo(401);
            HttpResponse<String> browser = send(request(path).header("Accept", "text/html").GET());
            assertThat(browser.statusCode()).as("browser GET %s", path).isEqualTo(302);
            assertThat(browser.headers().firstValue("Location")).as("browser GET %s", path)
                    .hasValueSatisfying(l -> assertThat(URI.create(l).getPath()).isEqualTo("/login"));
        }
        assertThat(send(request("/actuator/jolokia").POST(body("{\"type\":\"version\"}"))).statusCode())
                .isIn(401, 403);
        assertThat(send(request("/actuator/jolokia/version").header("Authorization", basic("wrong"))
                .GET()).statusCode()).isEqualTo(401);
    }

    @Test
    void probesAndTheScrapeNeedNoLogin() {
        assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/liveness").body()).contains("\"UP\"");
        HttpResponse<String> scrape = get("/actuator/prometheus");
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("# TYPE jvm_memory_used_bytes gauge");
        assertThat(scrape.headers().allValues("Set-Cookie")).as("no session or CSRF cookie for a scraper").isEmpty();
        assertThat(get("/login").statusCode()).isEqualTo(200);
    }

    @Test
    void jolokiaShowsTheRouteByIdWithStatistics() {
        JsonNode routes = jolokia("/search/org.apache.camel:context=cxone-guest-gateway,type=routes,*");
        assertThat(routes.get("value").toString()).contains("name=\\\"e2e-heartbeat\\\"");
        String route = "/read/org.apache.camel:context=cxone-guest-gateway,type=routes,name=%22e2e-heartbeat%22";
        assertThat(jolokia(route + "/RouteId").get("value").asText()).isEqualTo("e2e-heartbeat");
        // the fixture's timer fires every second: the counters move
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(jolokia(route + "/ExchangesCompleted").get("value").asLong()).isPositive());
        assertThat(jolokia(route + "/ExchangesFailed").get("value").asLong()).isZero();
    }

    @Test
    void jolokiaBrowsesTheBrokersQueuesIncludingDeadLetters() {
        JsonNode queues = jolokia("/search/org.apache.activemq.artemis:component=addresses,subcomponent=queues,*");
        assertThat(queues.get("value").toString()).contains("queue=\\\"guest.routing\\\"", "queue=\\\"guest.crm\\\"",
                "queue=\\\"guest.rejected\\\"", "queue=\\\"guest.routing.dlq\\\"", "queue=\\\"guest.crm.dlq\\\"");
        String dlq = "org.apache.activemq.artemis:broker=%22localhost%22,component=addresses,"
                + "address=%22guest.routing.dlq%22,subcomponent=queues,routing-type=%22anycast%22,"
                + "queue=%22guest.routing.dlq%22";
        assertThat(jolokia("/read/" + dlq + "/MessageCount").get("value").asLong()).isZero();
        JsonNode browse = jolokia("/exec/" + dlq + "/browse()");
        assertThat(browse.get("status").asInt()).isEqualTo(200);
        assertThat(browse.get("value").isArray()).isTrue();
    }

    @Test
    void postsNeedTheCsrfTokenExceptOnTheAdminApi() {
        HttpRequest.BodyPublisher version = body("{\"type\":\"version\"}");
        assertThat(send(request("/actuator/jolokia").header("Authorization", basic(PASSWORD)).POST(version))
                .statusCode()).as("POST without token").isEqualTo(403);
        // what Hawtio's JavaScript does: read the XSRF-TOKEN cookie, echo it in X-XSRF-TOKEN
        String token = get("/login").headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("XSRF-TOKEN=")).findFirst().orElseThrow()
                .split(";")[0].substring("XSRF-TOKEN=".length());
        HttpResponse<String> withToken = send(request("/actuator/jolokia").header("Authorization", basic(PASSWORD))
                .header("Cookie", "XSRF-TOKEN=" + token).header("X-XSRF-TOKEN", token).POST(version));
        assertThat(withToken.statusCode()).isEqualTo(200);
        assertThat(withToken.body()).contains("\"agent\"");
        assertThat(send(request("/admin/anything").header("Authorization", basic(PASSWORD)).POST(body("{}")))
                .statusCode()).as("admin API: no CSRF token needed, nothing mapped there").isEqualTo(404);
    }

    @Test
    void otherSitesGetNoCorsGrantFromJolokia() {
        HttpResponse<String> answer = send(request("/actuator/jolokia/version")
                .header("Authorization", basic(PASSWORD)).header("Origin", "http://evil.example").GET());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Access-Control-Allow-Origin")).isEmpty();
    }

    @Test
    void envAndConfigpropsShowValuesButNoSecret() {
        for (String path : List.of("/actuator/env", "/actuator/configprops", "/actuator/env/cxone.client-secret",
                "/actuator/env/gateway.admin.password", "/actuator/env/cxone.sandbox.client-secret")) {
            HttpResponse<String> answer = send(request(path).header("Authorization", basic(PASSWORD)).GET());
            assertThat(answer.statusCode()).as(path).isEqualTo(200);
            assertThat(answer.body()).as(path).doesNotContain(PASSWORD, CLIENT_SECRET);
        }
        String secret = send(request("/actuator/env/cxone.client-secret").header("Authorization", basic(PASSWORD))
                .GET()).body();
        assertThat(secret).contains("\"value\":\"******\"");
        String plain = send(request("/actuator/env/gateway.max-text-length").header("Authorization", basic(PASSWORD))
                .GET()).body();
        assertThat(plain).as("non-secret values stay readable").contains("\"value\":\"4321\"");
    }

    @Test
    void jolokiaKeepsSystemPropertiesAndTheCommandLineBack() {
        assertThat(jolokia("/read/java.lang:type=Runtime/SystemProperties").get("status").asInt()).isEqualTo(403);
        assertThat(jolokia("/read/java.lang:type=Runtime/InputArguments").get("status").asInt()).isEqualTo(403);
        for (String op : List.of("vmSystemProperties", "vmCommandLine", "vmInfo")) {
            assertThat(jolokia("/exec/com.sun.management:type=DiagnosticCommand/" + op).get("status").asInt())
                    .as(op).isEqualTo(403);
        }
        // all attributes at once, as Hawtio's JMX tab reads them: the two come back as errors
        JsonNode runtime = jolokia("/read/java.lang:type=Runtime?ignoreErrors=true").get("value");
        assertThat(runtime.get("Uptime").asLong()).isPositive();
        assertThat(runtime.get("SystemProperties").get("error").asText()).contains("forbidden");
        assertThat(runtime.get("InputArguments").get("error").asText()).contains("forbidden");
        assertThat(runtime.toString()).doesNotContain(PASSWORD, CLIENT_SECRET);
    }

    private JsonNode jolokia(String path) {
        HttpResponse<String> answer = send(request("/actuator/jolokia" + path)
                .header("Authorization", basic(PASSWORD)).GET());
        assertThat(answer.statusCode()).as("HTTP status of %s", path).isEqualTo(200);
        try {
            return JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private HttpResponse<String> get(String path) {
        return send(request(path).GET());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
    }

    private static HttpRequest.BodyPublisher body(String json) {
        return HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String basic(String password) {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
    }
}
