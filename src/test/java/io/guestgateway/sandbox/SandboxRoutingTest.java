package io.guestgateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** docs/cxone-contract.md §3: the Task Routing API's statuses, and what the sandbox records. */
class SandboxRoutingTest {

    static final String PATH = "/api/v2/routing/conversations";

    static CxoneSandbox sandbox;
    static HttpTestClient http;
    static String token;

    @BeforeAll
    static void start() {
        sandbox = CxoneSandbox.start(SandboxSettings.defaults().withRestrictedQueues(Set.of("vip")));
        http = new HttpTestClient(sandbox.apiBase());
        token = http.token();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void reset() {
        sandbox.reset();
    }

    static JsonObject request(String conversationId, String queueId) {
        return new JsonObject()
                .put("type", "webchat")
                .put("queueId", queueId)
                .put("customer", new JsonObject().put("id", conversationId).put("firstName", "Guest")
                        .put("lastName", "fp-3b9d2").put("email", "guest_" + conversationId + "@temp.cxone.com"))
                .put("media", new JsonObject().put("webchat",
                        new JsonObject().put("message", "Hi, my order never arrived").put("url", "")));
    }

    static HttpResponse<String> post(String body, String bearer, Map<String, String> more) {
        Map<String, String> headers = new java.util.HashMap<>(more);
        if (bearer != null) {
            headers.put("Authorization", "Bearer " + bearer);
        }
        return http.postJson(PATH, body, headers);
    }

    @Test
    void routesAConversationAndRecordsTheCallWithItsHeaders() {
        String body = request("c-8f14e45f", "general-support").encode();
        HttpResponse<String> response = post(body, token, Map.of("Idempotency-Key", "c-8f14e45f"));

        assertThat(response.statusCode()).isEqualTo(201);
        JsonObject answer = new JsonObject(response.body());
        assertThat(answer.getString("taskId")).startsWith("task-");
        assertThat(answer.getString("conversationId")).isEqualTo("c-8f14e45f");

        List<RecordedCall> calls = sandbox.routingCalls();
        assertThat(calls).hasSize(1);
        RecordedCall call = calls.get(0);
        assertThat(call.method()).isEqualTo("POST");
        assertThat(call.path()).isEqualTo(PATH);
        assertThat(call.status()).isEqualTo(201);
        assertThat(call.body()).isEqualTo(body);
        assertThat(call.header("idempotency-key")).isEqualTo("c-8f14e45f");
        assertThat(call.header("Authorization")).isEqualTo("Bearer " + token);
        assertThat(call.toString()).doesNotContain(token);
        assertThat(call.time()).isCloseTo(System.currentTimeMillis(), org.assertj.core.data.Offset.offset(5_000L));

        SandboxState state = sandbox.state();
        assertThat(state.routedConversations()).isEqualTo(1);
        assertThat(state.duplicateRoutes()).isZero();
        assertThat(state.routingCallsByStatus()).isEqualTo(Map.of(201, 1L));
    }

    @Test
    void aSecondRouteForTheSameConversationIsCountedAsDuplicate() {
        assertThat(post(request("c-1", "billing").encode(), token, Map.of()).statusCode()).isEqualTo(201);
        assertThat(post(request("c-1", "billing").encode(), token, Map.of()).statusCode()).isEqualTo(201);
        assertThat(post(request("c-2", "sales").encode(), token, Map.of()).statusCode()).isEqualTo(201);

        assertThat(sandbox.state().routedConversations()).isEqualTo(2);
        assertThat(sandbox.state().duplicateRoutes()).isEqualTo(1);
    }

    @Test
    void aRepeatedIdempotencyKeyGetsTheFirstAnswerAndIsNoDuplicate() {
        HttpResponse<String> first = post(request("c-1", "billing").encode(), token, Map.of("Idempotency-Key", "k-1"));
        HttpResponse<String> again = post(request("c-1", "billing").encode(), token, Map.of("Idempotency-Key", "k-1"));

        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(new JsonObject(again.body()).getString("taskId"))
                .isEqualTo(new JsonObject(first.body()).getString("taskId"));
        assertThat(sandbox.state().duplicateRoutes()).isZero();
        assertThat(sandbox.state().idempotentReplays()).isEqualTo(1);
    }

    @Test
    void unknownQueueIs400NamingTheQueue() {
        HttpResponse<String> response = post(request("c-1", "no-such-queue").encode(), token, Map.of());
        assertThat(response.statusCode()).isEqualTo(400);
        JsonObject body = new JsonObject(response.body());
        assertThat(body.getString("error")).isEqualTo("unknown_queue");
        assertThat(body.getString("queueId")).isEqualTo("no-such-queue");
        assertThat(sandbox.state().routedConversations()).isZero();
    }

    @Test
    void restrictedQueueIs403() {
        HttpResponse<String> response = post(request("c-1", "vip").encode(), token, Map.of());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(new JsonObject(response.body()).getString("error")).isEqualTo("queue_restricted");
    }

    @Test
    void bodiesThatBreakTheContractAre400WithAReason() {
        JsonObject noCustomerId = request("c-1", "billing");
        noCustomerId.getJsonObject("customer").remove("id");
        JsonObject wrongType = request("c-1", "billing").put("type", "email");
        JsonObject noMessage = request("c-1", "billing");
        noMessage.getJsonObject("media").getJsonObject("webchat").remove("message");

        assertReason(post("{not json", token, Map.of()), "body is not valid JSON");
        assertReason(post("[1]", token, Map.of()), "body must be a JSON object");
        assertReason(post(noCustomerId.encode(), token, Map.of()), "customer.id must be a non-blank string");
        assertReason(post(wrongType.encode(), token, Map.of()), "type must be \"webchat\"");
        assertReason(post(noMessage.encode(), token, Map.of()), "media.webchat.message must be a string");
        assertThat(sandbox.state().routingCalls(400)).isEqualTo(5);
    }

    @Test
    void anEmptyGuestMessageIsStillAValidRequest() {
        JsonObject empty = request("c-empty", "default");
        empty.getJsonObject("media").getJsonObject("webchat").put("message", "");
        assertThat(post(empty.encode(), token, Map.of()).statusCode()).isEqualTo(201);
    }

    @Test
    void missingOrBadOrExpiredTokenIs401() {
        String body = request("c-1", "billing").encode();
        assertThat(post(body, null, Map.of()).statusCode()).isEqualTo(401);
        HttpResponse<String> bad = post(body, "forged", Map.of());
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));

        try (CxoneSandbox other = CxoneSandbox.start(SandboxSettings.defaults())) {
            HttpTestClient otherHttp = new HttpTestClient(other.apiBase());
            String soonExpired = otherHttp.token();
            other.expireAllTokens();
            HttpResponse<String> expired = otherHttp.postJson(PATH, body, Map.of("Authorization", "Bearer " + soonExpired));
            assertThat(expired.statusCode()).isEqualTo(401);
            assertThat(new JsonObject(expired.body()).getString("error_description")).isEqualTo("token expired");
        }
        assertThat(sandbox.state().routingCalls(401)).isEqualTo(2);
    }

    @Test
    void tokenWithoutRoutingWriteIs403NamingTheScope() {
        HttpResponse<String> response = post(request("c-1", "billing").encode(), http.token("webchat:read"), Map.of());
        assertThat(response.statusCode()).isEqualTo(403);
        JsonObject body = new JsonObject(response.body());
        assertThat(body.getString("error")).isEqualTo("insufficient_scope");
        assertThat(body.getString("scope")).isEqualTo("routing:write");
        assertThat(body.getString("error_description")).contains("routing:write");
    }

    @Test
    void contentTypeMustBeJson() {
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(sandbox.apiBase() + PATH))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/plain")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(request("c-1", "billing").encode())).build();
        assertThat(java.net.http.HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join().statusCode()).isEqualTo(400);
    }

    private static void assertReason(HttpResponse<String> response, String reason) {
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(response.body()).getString("error_description")).isEqualTo(reason);
    }
}
