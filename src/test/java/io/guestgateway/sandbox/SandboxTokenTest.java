package io.guestgateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docs/cxone-contract.md §1: the client-credentials token endpoint. */
class SandboxTokenTest {

    static CxoneSandbox sandbox;
    static HttpTestClient http;

    @BeforeAll
    static void start() {
        sandbox = CxoneSandbox.start(SandboxSettings.defaults()
                .withTokenLifetime(Duration.ofSeconds(1800))
                .withGrantedScopes(Set.of("webchat:read", "routing:write", "users:read")));
        http = new HttpTestClient(sandbox.apiBase());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @Test
    void issuesABearerTokenWithLifetimeAndTheGrantedPartOfTheRequestedScopes() {
        long before = sandbox.state().tokensIssued();
        HttpResponse<String> response = http.form("/oauth/v2/token", Map.of("grant_type", "client_credentials",
                "client_id", "sandbox-client", "client_secret", "sandbox-secret",
                "scope", "webchat:read routing:write conversations:read users:read"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonObject body = new JsonObject(response.body());
        assertThat(body.getString("access_token")).isNotBlank();
        assertThat(body.getString("token_type")).isEqualTo("Bearer");
        assertThat(body.getLong("expires_in")).isEqualTo(1800L);
        // conversations:read is not granted to this client, so it is left out
        assertThat(body.getString("scope")).isEqualTo("webchat:read routing:write users:read");
        assertThat(sandbox.state().tokensIssued()).isEqualTo(before + 1);
    }

    @Test
    void eachTokenIsDifferent() {
        assertThat(http.token()).isNotEqualTo(http.token());
    }

    @Test
    void noScopeAskedMeansEveryGrantedScope() {
        HttpResponse<String> response = http.form("/oauth/v2/token", Map.of("grant_type", "client_credentials",
                "client_id", "sandbox-client", "client_secret", "sandbox-secret"));
        assertThat(new JsonObject(response.body()).getString("scope").split(" "))
                .containsExactlyInAnyOrder("webchat:read", "routing:write", "users:read");
    }

    @Test
    void wrongSecretIs401WithoutIssuingAToken() {
        long before = sandbox.state().tokensIssued();
        HttpResponse<String> response = http.form("/oauth/v2/token", Map.of("grant_type", "client_credentials",
                "client_id", "sandbox-client", "client_secret", "wrong"));

        assertThat(response.statusCode()).isEqualTo(401);
        JsonObject body = new JsonObject(response.body());
        assertThat(body.getString("error")).isEqualTo("invalid_client");
        assertThat(body.containsKey("access_token")).isFalse();
        assertThat(response.body()).doesNotContain("sandbox-secret");
        assertThat(sandbox.state().tokensIssued()).isEqualTo(before);
    }

    @Test
    void wrongClientIdIs401() {
        assertThat(http.form("/oauth/v2/token", Map.of("grant_type", "client_credentials",
                "client_id", "someone-else", "client_secret", "sandbox-secret")).statusCode()).isEqualTo(401);
    }

    @Test
    void onlyUngrantedScopesIs401() {
        HttpResponse<String> response = http.form("/oauth/v2/token", Map.of("grant_type", "client_credentials",
                "client_id", "sandbox-client", "client_secret", "sandbox-secret", "scope", "conversations:read"));
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(new JsonObject(response.body()).getString("error")).isEqualTo("invalid_scope");
    }

    @Test
    void otherGrantTypesAreRefused() {
        HttpResponse<String> response = http.form("/oauth/v2/token", Map.of("grant_type", "password",
                "client_id", "sandbox-client", "client_secret", "sandbox-secret"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(response.body()).getString("error")).isEqualTo("unsupported_grant_type");
    }

    @Test
    void aJsonBodyIsNotAForm() {
        HttpResponse<String> response = http.postJson("/oauth/v2/token",
                "{\"grant_type\":\"client_credentials\"}", Map.of());
        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void basicAuthCredentialsAreAccepted() {
        String basic = java.util.Base64.getEncoder().encodeToString("sandbox-client:sandbox-secret".getBytes());
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(sandbox.apiBase() + "/oauth/v2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Authorization", "Basic " + basic)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        int status = java.net.http.HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join().statusCode();
        assertThat(status).isEqualTo(200);
    }
}
