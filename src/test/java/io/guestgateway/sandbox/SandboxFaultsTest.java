package io.guestgateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each fault knob, set through the Java API; {@link SandboxAdminApiTest} sets them over HTTP. */
class SandboxFaultsTest {

    static CxoneSandbox sandbox;
    static HttpTestClient http;
    static String token;
    static SandboxCalls calls;

    @BeforeAll
    static void start() {
        sandbox = CxoneSandbox.start(SandboxSettings.defaults());
        http = new HttpTestClient(sandbox.apiBase());
        token = http.token();
        calls = new SandboxCalls(http, token);
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.setFaults(Target.ROUTING, FaultSettings.none());
        sandbox.setFaults(Target.CRM, FaultSettings.none());
        sandbox.reset();
    }

    static int route(String conversationId) {
        return calls.route(conversationId);
    }

    static HttpResponse<String> routeResponse(String conversationId) {
        return calls.routeResponse(conversationId);
    }

    static int crm(String session) {
        return calls.crm(session);
    }

    @Test
    void failureRateAnswersAboutThatShareWith503AndIsReproducible() {
        sandbox.setFaults(Target.CRM, FaultSettings.none().withFailureRate(0.3));
        List<Integer> first = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            first.add(crm("c-" + i));
        }
        long failed = first.stream().filter(s -> s == 503).count();
        assertThat(failed).isBetween(40L, 80L); // 60 expected; 3 standard deviations either side
        assertThat(first).containsOnly(200, 503);
        assertThat(sandbox.state().crmCalls(503)).isEqualTo(failed);
        assertThat(sandbox.state().crmBatches()).isEqualTo(200 - failed);

        sandbox.setFaults(Target.CRM, FaultSettings.none().withFailureRate(0.3));
        List<Integer> again = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            again.add(crm("c-" + i));
        }
        assertThat(again).as("same seed, same sequence").isEqualTo(first);
    }

    @Test
    void onTheRoutingApiEachConversationDrawsFromItsOwnSeededSequence() {
        sandbox.setFaults(Target.ROUTING, FaultSettings.none().withFailureRate(0.5));
        List<Integer> alone = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            alone.add(calls.routeWithKey("c-keyed"));
        }
        assertThat(alone).contains(201, 503);

        sandbox.setFaults(Target.ROUTING, FaultSettings.none().withFailureRate(0.5));
        List<Integer> amongOthers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            calls.routeWithKey("c-other-" + i);
            route("c-without-key-" + i);
            amongOthers.add(calls.routeWithKey("c-keyed"));
        }
        assertThat(amongOthers).as("other conversations' calls do not shift its sequence").isEqualTo(alone);
    }

    @Test
    void failureRateOneFailsEverythingAndZeroNothing() {
        sandbox.setFaults(Target.ROUTING, FaultSettings.none().withFailureRate(1.0));
        for (int i = 0; i < 5; i++) {
            assertThat(route("c-" + i)).isEqualTo(503);
        }
        sandbox.setFaults(Target.ROUTING, FaultSettings.none().withFailureRate(0.0));
        for (int i = 0; i < 5; i++) {
            assertThat(route("c-" + i)).isEqualTo(201);
        }
    }

    @Test
    void everyKthCallIs429WithRetryAfter() {
        sandbox.setFaults(Target.ROUTING, FaultSettings.none().withEvery429(3).withRetryAfterSeconds(7));
        List<Integer> statuses = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            HttpResponse<String> response = routeResponse("c-" + i);
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
            } else {
                assertThat(response.headers().firstValue("Retry-After")).isEmpty();
            }
        }
        assertThat(statuses).containsExactly(201, 201, 429, 201, 201, 429, 201, 201, 429);
        assertThat(sandbox.state().routingCallsByStatus()).isEqualTo(Map.of(201, 6L, 429, 3L));
        assertThat(sandbox.routingCalls()).extracting(RecordedCall::status).isEqualTo(statuses);
    }

    @Test
    void theTokenEndpointHasItsOwnKnobsAndCountsItsCalls() {
        sandbox.setFaults(Target.TOKEN, FaultSettings.none().withEvery429(2).withRetryAfterSeconds(4));
        try {
            Map<String, String> form = Map.of("grant_type", "client_credentials", "client_id", "sandbox-client",
                    "client_secret", "sandbox-secret");
            assertThat(http.form("/oauth/v2/token", form).statusCode()).isEqualTo(200);
            HttpResponse<String> limited = http.form("/oauth/v2/token", form);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).hasValue("4");
            assertThat(sandbox.state().tokenCallsByStatus()).isEqualTo(Map.of(200, 1L, 429, 1L));
            assertThat(sandbox.state().tokensIssued()).isEqualTo(1);
            assertThat(sandbox.faults(Target.ROUTING)).isEqualTo(FaultSettings.none());
        } finally {
            sandbox.setFaults(Target.TOKEN, FaultSettings.none());
        }
    }

    @Test
    void faultsComeBeforeTheTokenCheck() {
        sandbox.setFaults(Target.ROUTING, FaultSettings.none().withOutage(true));
        assertThat(http.postJson(SandboxRoutingTest.PATH, "{}", Map.of()).statusCode()).isEqualTo(503);
    }

    @Test
    void outageAnswersEverything503UntilLifted() {
        sandbox.setFaults(Target.ROUTING, FaultSettings.none().withOutage(true));
        sandbox.setFaults(Target.CRM, FaultSettings.none().withOutage(true));
        for (int i = 0; i < 3; i++) {
            assertThat(route("c-" + i)).isEqualTo(503);
            assertThat(crm("c-" + i)).isEqualTo(503);
        }
        assertThat(sandbox.state().routedConversations()).isZero();

        sandbox.setFaults(Target.ROUTING, sandbox.faults(Target.ROUTING).withOutage(false));
        assertThat(route("c-0")).isEqualTo(201);
        assertThat(crm("c-0")).isEqualTo(503);
    }

    @Test
    void latencyDelaysTheAnswerWithoutBlockingOtherCalls() {
        sandbox.setFaults(Target.ROUTING, FaultSettings.none().withLatency(Duration.ofMillis(600)));
        long start = System.nanoTime();
        CompletableFuture<Integer> slow = CompletableFuture.supplyAsync(() -> route("c-slow"));
        // the CRM endpoint shares the event loop: it still answers at once
        assertThat(crm("c-fast")).isEqualTo(200);
        long fastMillis = (System.nanoTime() - start) / 1_000_000;
        assertThat(slow.orTimeout(10, TimeUnit.SECONDS).join()).isEqualTo(201);
        long slowMillis = (System.nanoTime() - start) / 1_000_000;

        assertThat(slowMillis).isGreaterThanOrEqualTo(600);
        assertThat(fastMillis).isLessThan(500);
    }

    @Test
    void forceCloseClosesEveryConnectionWithTheCode() {
        try (WsTestClient a = WsTestClient.authenticated(sandbox.wsUrl(), token);
                WsTestClient b = WsTestClient.connect(sandbox.wsUrl())) {
            sandbox.closeAllWebSockets(1001);
            assertThat(a.closeCode().orTimeout(5, TimeUnit.SECONDS).join()).isEqualTo(1001);
            assertThat(b.closeCode().orTimeout(5, TimeUnit.SECONDS).join()).isEqualTo(1001);
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> sandbox.state().wsConnections() == 0 && sandbox.state().wsAuthenticated() == 0);
        assertThatThrownBy(() -> sandbox.closeAllWebSockets(1005)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidSettingsAreRefused() {
        assertThatThrownBy(() -> FaultSettings.none().withFailureRate(1.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultSettings.none().withEvery429(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FaultSettings.none().withLatency(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resetClearsCountsButKeepsFaultsAndTokens() {
        sandbox.setFaults(Target.ROUTING, FaultSettings.none().withEvery429(2));
        assertThat(route("c-1")).isEqualTo(201);
        assertThat(route("c-2")).isEqualTo(429);
        sandbox.reset();

        SandboxState state = sandbox.state();
        assertThat(state.routedConversations()).isZero();
        assertThat(state.routingCallsByStatus()).isEmpty();
        assertThat(sandbox.routingCalls()).isEmpty();
        assertThat(route("c-1")).as("the old token still works; the count starts again").isEqualTo(201);
        assertThat(route("c-3")).isEqualTo(429);
    }

    @Test
    void stateSnapshotIsImmutable() {
        assertThat(route("c-1")).isEqualTo(201);
        Map<Integer, Long> byStatus = sandbox.state().routingCallsByStatus();
        assertThatThrownBy(() -> byStatus.put(500, 1L)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new JsonObject(http.get("/sandbox/state").body()).getLong("routedConversations")).isEqualTo(1L);
    }
}
