package io.guestgateway.cxone;

import io.guestgateway.platform.RetryAfter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client-credentials call to CXone (contract §1), waiting out 429s within a bounded number of
 * attempts. Knows nothing about caching; {@link CxoneTokenProvider} does that.
 */
final class TokenEndpointClient {

    private static final Logger LOG = LoggerFactory.getLogger(TokenEndpointClient.class);
    private static final int MAX_BODY = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What CXone granted. {@code scopes} is null when the answer had no {@code scope} field. */
    record Grant(String token, Duration lifetime, List<String> scopes) {
        @Override
        public String toString() {
            return "Grant[token=******, lifetime=" + lifetime + ", scopes=" + scopes + "]";
        }
    }

    private final TokenSettings settings;
    private final TrustStore trust;
    private final HttpClient http;

    /** The JDK client checks certificate chain and host name for https; {@code trust} picks the CAs. */
    TokenEndpointClient(TokenSettings settings, TrustStore trust) {
        this.settings = settings;
        this.trust = trust;
        HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(settings.httpTimeout());
        if (trust.custom()) {
            builder.sslContext(trust.sslContext());
        }
        this.http = builder.build();
        if (!"https".equalsIgnoreCase(settings.tokenUri().getScheme()) && !Hosts.isLoopback(settings.tokenUri().getHost())) {
            LOG.warn("CXone token endpoint {} is not https: the client secret crosses the network in clear text",
                    settings.tokenUri());
        }
    }

    Grant fetch() {
        Duration defaultWait = Duration.ofSeconds(1);
        for (int attempt = 1; ; attempt++) {
            HttpResponse<InputStream> response = post();
            int status = response.statusCode();
            if (status == 200) {
                return parse(readBody(response));
            }
            drain(response);
            if (status == 400 || status == 401 || status == 403) {
                throw new TokenRejectedException("CXone refused the token request for client id '"
                        + LogSafe.escape(settings.clientId(), 80) + "' (HTTP " + status
                        + "): check cxone.client-id, cxone.client-secret and the client's scopes in CXone");
            }
            if (status != 429) {
                throw new TokenUnavailableException("CXone token endpoint answered HTTP " + status);
            }
            if (attempt >= settings.maxAttempts()) {
                throw new TokenUnavailableException("CXone token endpoint still rate limited (HTTP 429) after "
                        + attempt + " attempts");
            }
            Duration asked = RetryAfter.parse(response.headers().firstValue("Retry-After").orElse(null), Instant.now())
                    .orElse(defaultWait);
            Duration wait = asked.compareTo(settings.maxRetryAfter()) > 0 ? settings.maxRetryAfter() : asked;
            defaultWait = defaultWait.multipliedBy(2);
            LOG.warn("CXone token endpoint rate limited (HTTP 429); retrying in {} ms (attempt {} of {})",
                    wait.toMillis(), attempt + 1, settings.maxAttempts());
            pause(wait);
        }
    }

    private HttpResponse<InputStream> post() {
        String form = "grant_type=client_credentials"
                + "&client_id=" + URLEncoder.encode(settings.clientId(), StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(settings.clientSecret(), StandardCharsets.UTF_8)
                + "&scope=" + URLEncoder.encode(settings.scope(), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(settings.tokenUri())
                .timeout(settings.httpTimeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            String tls = TlsFailure.explain(e, settings.tokenUri().getHost(), trust).orElse(null);
            if (tls != null) {
                throw new TokenEndpointTlsException("CXone token endpoint " + settings.tokenUri() + ": " + tls, e);
            }
            throw new TokenUnavailableException("CXone token endpoint " + settings.tokenUri() + " unreachable: "
                    + LogSafe.describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenUnavailableException("interrupted while fetching a CXone token", e);
        }
    }

    private static byte[] readBody(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            if (body.length > MAX_BODY) {
                throw new TokenUnavailableException("CXone token response larger than " + MAX_BODY + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw new TokenUnavailableException("CXone token response could not be read: "
                    + e.getClass().getSimpleName(), e);
        }
    }

    private static void drain(HttpResponse<InputStream> response) {
        try (InputStream in = response.body()) {
            in.readNBytes(MAX_BODY);
        } catch (IOException e) {
            // nothing to do: the status code already says what happened
        }
    }

    private static Grant parse(byte[] body) {
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            throw new TokenUnavailableException("CXone token response is not JSON");
        }
        JsonNode token = json == null ? null : json.get("access_token");
        JsonNode expires = json == null ? null : json.get("expires_in");
        if (token == null || !token.isTextual() || token.asText().isBlank()) {
            throw new TokenUnavailableException("CXone token response has no access_token");
        }
        if (expires == null || !expires.canConvertToLong() || expires.asLong() <= 0) {
            throw new TokenUnavailableException("CXone token response has no positive expires_in");
        }
        JsonNode scope = json.get("scope");
        List<String> scopes = scope == null || scope.isNull() ? null
                : Arrays.stream(scope.asText().trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
        return new Grant(token.asText(), Duration.ofSeconds(expires.asLong()), scopes);
    }

    private static void pause(Duration wait) {
        try {
            TimeUnit.MILLISECONDS.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TokenUnavailableException("interrupted while waiting out a CXone rate limit", e);
        }
    }
}
