package io.guestgateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** docs/cxone-contract.md §4: the CRM batch endpoint records every batch. */
class SandboxCrmTest {

    static CxoneSandbox sandbox;
    static HttpTestClient http;

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
        sandbox.reset();
    }

    static JsonObject record(String session) {
        return new JsonObject().put("external_id", session).put("fingerprint", "fp-3b9d2c71a0")
                .put("last_message", "Hi, my order never arrived").put("queued_at", 1764412345.127);
    }

    @Test
    void acceptsAndRecordsBatches() {
        String first = new JsonArray().add(record("c-1")).add(record("c-2")).encode();
        String second = new JsonArray().add(record("c-3")).encode();

        HttpResponse<String> response = http.postJson("/crm/batch", first, Map.of());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(response.body()).getInteger("accepted")).isEqualTo(2);
        assertThat(http.postJson("/crm/batch", second, Map.of()).statusCode()).isEqualTo(200);

        SandboxState state = sandbox.state();
        assertThat(state.crmBatches()).isEqualTo(2);
        assertThat(state.crmRecords()).isEqualTo(3);
        assertThat(state.crmCallsByStatus()).isEqualTo(Map.of(200, 2L));
        assertThat(sandbox.crmCalls()).extracting(RecordedCall::body).containsExactly(first, second);
        assertThat(sandbox.crmUrl()).isEqualTo(sandbox.apiBase() + "/crm/batch");
    }

    @Test
    void refusesWhatIsNotABatchOfRecords() {
        JsonObject noId = record("c-1");
        noId.remove("external_id");
        JsonObject textTime = record("c-1").put("queued_at", "yesterday");

        assertThat(http.postJson("/crm/batch", "{\"external_id\":\"c-1\"}", Map.of()).statusCode()).isEqualTo(400);
        assertThat(http.postJson("/crm/batch", "[]", Map.of()).statusCode()).isEqualTo(400);
        assertThat(http.postJson("/crm/batch", "not json", Map.of()).statusCode()).isEqualTo(400);
        assertThat(http.postJson("/crm/batch", new JsonArray().add(noId).encode(), Map.of()).statusCode()).isEqualTo(400);
        assertThat(http.postJson("/crm/batch", new JsonArray().add(textTime).encode(), Map.of()).statusCode())
                .isEqualTo(400);
        HttpResponse<String> twice = http.postJson("/crm/batch",
                new JsonArray().add(record("c-1")).add(record("c-1")).encode(), Map.of());
        assertThat(twice.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(twice.body()).getString("error_description")).contains("twice");

        assertThat(sandbox.state().crmBatches()).isZero();
        assertThat(sandbox.state().crmCalls(400)).isEqualTo(6);
        assertThat(sandbox.crmCalls()).hasSize(6);
    }
}
