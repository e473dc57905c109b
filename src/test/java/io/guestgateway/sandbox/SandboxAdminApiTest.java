package io.guestgateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The admin HTTP API under /sandbox: the same knobs as the Java API, for curl and other processes. */
class SandboxAdminApiTest {

    static CxoneSandbox sandbox;
    static HttpTestClient http;
    static SandboxCalls calls;

    @BeforeAll
    static void start() {
        sandbox = CxoneSandbox.start(SandboxSettings.defaults());
        http = new HttpTestClient(sandbox.apiBase());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        calls = new SandboxCalls(http, http.token());
        http.put("/sandbox/faults/routing", "{}");
        http.put("/sandbox/faults/crm", "{}");
        http.post("/sandbox/reset");
    }

    @Test
    void faultsAreReadAndReplacedPerTarget() {
        HttpResponse<String> put = http.put("/sandbox/faults/routing",
                "{\"every429\":2,\"retryAfterSeconds\":5,\"latencyMs\":20}");
        assertThat(put.statusCode()).isEqualTo(200);

        JsonObject routing = new JsonObject(http.get("/sandbox/faults/routing").body());
        assertThat(routing.getMap()).isEqualTo(Map.of("failureRate", 0.0, "every429", 2, "retryAfterSeconds", 5,
                "latencyMs", 20, "outage", false));
        assertThat(sandbox.faults(Target.ROUTING)).isEqualTo(FaultSettings.none().withEvery429(2)
                .withRetryAfterSeconds(5).withLatency(Duration.ofMillis(20)));
        assertThat(sandbox.faults(Target.CRM)).isEqualTo(FaultSettings.none());

        HttpResponse<String> first = calls.routeResponse("c-1");
        HttpResponse<String> second = calls.routeResponse("c-2");
        assertThat(List.of(first.statusCode(), second.statusCode())).containsExactly(201, 429);
        assertThat(second.headers().firstValue("Retry-After")).hasValue("5");
    }

    @Test
    void tokenFaultsOverHttp() {
        http.put("/sandbox/faults/token", "{\"outage\":true}");
        try {
            assertThat(http.form("/oauth/v2/token", Map.of("grant_type", "client_credentials",
                    "client_id", "sandbox-client", "client_secret", "sandbox-secret")).statusCode()).isEqualTo(503);
            assertThat(new JsonObject(http.get("/sandbox/faults/token").body()).getBoolean("outage")).isTrue();
        } finally {
            http.put("/sandbox/faults/token", "{}");
        }
    }

    @Test
    void outageAndFailureRateOverHttp() {
        http.put("/sandbox/faults/crm", "{\"outage\":true}");
        assertThat(calls.crm("c-1")).isEqualTo(503);
        http.put("/sandbox/faults/crm", "{\"failureRate\":1.0}");
        assertThat(calls.crm("c-1")).isEqualTo(503);
        http.put("/sandbox/faults/crm", "{}");
        assertThat(calls.crm("c-1")).isEqualTo(200);
    }

    @Test
    void badFaultSettingsAre400AndChangeNothing() {
        assertThat(http.put("/sandbox/faults/routing", "{\"failureRate\":2}").statusCode()).isEqualTo(400);
        assertThat(http.put("/sandbox/faults/routing", "{\"failure_rate\":0.5}").statusCode()).isEqualTo(400);
        assertThat(http.put("/sandbox/faults/routing", "[]").statusCode()).isEqualTo(400);
        assertThat(http.put("/sandbox/faults/routing", "{\"every429\":\"two\"}").statusCode()).isEqualTo(400);
        assertThat(http.put("/sandbox/faults/nowhere", "{}").statusCode()).isEqualTo(404);
        assertThat(http.get("/sandbox/faults/nowhere").statusCode()).isEqualTo(404);
        assertThat(sandbox.faults(Target.ROUTING)).isEqualTo(FaultSettings.none());
    }

    @Test
    void stateShowsTheCounts() {
        http.token();
        assertThat(calls.route("c-1")).isEqualTo(201);
        assertThat(calls.crm("c-1")).isEqualTo(200);

        JsonObject state = new JsonObject(http.get("/sandbox/state").body());
        assertThat(state.getLong("routedConversations")).isEqualTo(1);
        assertThat(state.getLong("duplicateRoutes")).isZero();
        assertThat(state.getJsonObject("routingCallsByStatus").getMap()).isEqualTo(Map.of("201", 1));
        assertThat(state.getLong("crmBatches")).isEqualTo(1);
        assertThat(state.getLong("crmRecords")).isEqualTo(1);
        assertThat(state.getLong("tokensIssued")).isEqualTo(1);
        assertThat(state.fieldNames()).contains("wsConnections", "wsAuthenticated", "framesRelayed");
    }

    @Test
    void closeAllClosesWebSocketsWithTheGivenCode() {
        try (WsTestClient client = WsTestClient.authenticated(sandbox.wsUrl(), http.token())) {
            HttpResponse<String> response = http.post("/sandbox/websocket/close-all?code=4000");
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(new JsonObject(response.body()).getInteger("closed")).isEqualTo(1);
            assertThat(client.closeCode().orTimeout(5, TimeUnit.SECONDS).join()).isEqualTo(4000);
        }
        try (WsTestClient client = WsTestClient.connect(sandbox.wsUrl())) {
            await().atMost(Duration.ofSeconds(5)).until(() -> sandbox.state().wsConnections() == 1);
            http.post("/sandbox/websocket/close-all");
            assertThat(client.closeCode().orTimeout(5, TimeUnit.SECONDS).join()).isEqualTo(1001);
        }
        assertThat(http.post("/sandbox/websocket/close-all?code=1006").statusCode()).isEqualTo(400);
        assertThat(http.post("/sandbox/websocket/close-all?code=abc").statusCode()).isEqualTo(400);
    }

    @Test
    void expireTokensMakesIssuedTokensFail401() {
        assertThat(calls.route("c-1")).isEqualTo(201);
        assertThat(http.post("/sandbox/tokens/expire").statusCode()).isEqualTo(200);
        assertThat(calls.route("c-2")).isEqualTo(401);
    }

    @Test
    void resetClearsTheCounts() {
        assertThat(calls.route("c-1")).isEqualTo(201);
        assertThat(http.post("/sandbox/reset").statusCode()).isEqualTo(200);
        JsonObject state = new JsonObject(http.get("/sandbox/state").body());
        assertThat(state.getLong("routedConversations")).isZero();
        assertThat(state.getJsonObject("routingCallsByStatus").isEmpty()).isTrue();
        assertThat(sandbox.routingCalls()).isEmpty();
    }
}
