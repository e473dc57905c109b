package io.guestgateway.sandbox;

import io.vertx.core.json.JsonArray;
import java.net.http.HttpResponse;
import java.util.Map;

/** Contract-valid routing and CRM calls for the fault tests. */
record SandboxCalls(HttpTestClient http, String token) {

    int route(String conversationId) {
        return routeResponse(conversationId).statusCode();
    }

    HttpResponse<String> routeResponse(String conversationId) {
        return http.postJson(SandboxRoutingTest.PATH, SandboxRoutingTest.request(conversationId, "billing").encode(),
                Map.of("Authorization", "Bearer " + token));
    }

    /** A routing call as the gateway makes it: {@code Idempotency-Key} is the conversation id. */
    int routeWithKey(String conversationId) {
        return http.postJson(SandboxRoutingTest.PATH, SandboxRoutingTest.request(conversationId, "billing").encode(),
                Map.of("Authorization", "Bearer " + token, "Idempotency-Key", conversationId)).statusCode();
    }

    int crm(String session) {
        return http.postJson("/crm/batch", new JsonArray().add(SandboxCrmTest.record(session)).encode(), Map.of())
                .statusCode();
    }
}
