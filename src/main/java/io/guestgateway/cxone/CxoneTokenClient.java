package io.guestgateway.cxone;

import io.guestgateway.platform.RetryAfter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.camel.util.ObjectHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.OAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;

/**
 * Ours around Spring Security's token call for what it lacks: a 429 waited out (Retry-After,
 * capped, bounded attempts), a status turned into our named exception without the error body (it
 * may echo what was sent), the granted-scope check, and the JDK client over the configured trust.
 */
final class CxoneTokenClient implements OAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(CxoneTokenClient.class);

    /** An error status, with no body: it is never read. */
    private static final class Status extends RuntimeException {
        final int code;
        final String retryAfter;

        Status(int code, String retryAfter) {
            super("HTTP " + code, null, false, false);
            this.code = code;
            this.retryAfter = retryAfter;
        }
    }

    private final RestClientClientCredentialsTokenResponseClient library = new RestClientClientCredentialsTokenResponseClient();
    private final CxoneTokenProvider.Builder settings;

    CxoneTokenClient(CxoneTokenProvider.Builder settings) {
        this.settings = settings;
        HttpClient http = HttpClient.newBuilder().connectTimeout(settings.httpTimeout)
                .sslContext(settings.tls.sslContext()).build();  // the JDK client always checks the host name
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(settings.httpTimeout);
        library.setRestClient(RestClient.builder()
                .requestFactory(requests)
                .messageConverters(c -> {
                    c.clear();
                    c.add(new FormHttpMessageConverter());
                    c.add(new OAuth2AccessTokenResponseHttpMessageConverter());
                })
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
                    throw new Status(response.getStatusCode().value(), response.getHeaders().getFirst("Retry-After"));
                })
                .build());
        URI uri = settings.tokenUri();
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !Hosts.isLoopback(uri.getHost())) {
            LOG.warn("CXone token endpoint {} is not https: the client secret crosses the network in clear text", uri);
        }
    }

    @Override
    public OAuth2AccessTokenResponse getTokenResponse(OAuth2ClientCredentialsGrantRequest request) {
        Duration defaultWait = Duration.ofSeconds(1);
        for (int attempt = 1; ; attempt++) {
            try {
                OAuth2AccessTokenResponse response = library.getTokenResponse(request);
                checkScopes(response.getAccessToken().getScopes());
                return response;
            } catch (Status e) {
                if (e.code == 400 || e.code == 401 || e.code == 403) {
                    throw new TokenRejectedException("CXone refused the token request for client id '"
                            + LogSafe.escape(settings.clientId, 80) + "' (HTTP " + e.code
                            + "): check cxone.client-id, cxone.client-secret and the client's scopes in CXone");
                }
                if (e.code != 429) {
                    throw new TokenUnavailableException("CXone token endpoint answered HTTP " + e.code);
                }
                if (attempt >= settings.maxAttempts) {
                    throw new TokenUnavailableException("CXone token endpoint still rate limited (HTTP 429) after "
                            + attempt + " attempts");
                }
                Duration asked = RetryAfter.parse(e.retryAfter, Instant.now()).orElse(defaultWait);
                Duration wait = asked.compareTo(settings.maxRetryAfter) > 0 ? settings.maxRetryAfter : asked;
                defaultWait = defaultWait.multipliedBy(2);
                LOG.warn("CXone token endpoint rate limited (HTTP 429); retrying in {} ms (attempt {} of {})",
                        wait.toMillis(), attempt + 1, settings.maxAttempts);
                pause(wait);
            }
        }
    }

    /**
     * Our exception for any failure of a token call. The library's messages are not reused: they may
     * quote the response; only an I/O cause (which carries none) is kept.
     */
    CxoneTokenException classify(RuntimeException e) {
        if (e instanceof CxoneTokenException known) {
            return known;
        }
        URI uri = settings.tokenUri();
        IOException io = find(e, IOException.class);
        if (io != null) {
            String tls = TlsFailure.explain(io, uri.getHost(), settings.tls).orElse(null);
            return new TokenUnavailableException("CXone token endpoint " + uri
                    + (tls != null ? ": " + tls : " unreachable: " + LogSafe.describe(io)), io);
        }
        OAuth2AuthorizationException oauth = find(e, OAuth2AuthorizationException.class);
        return new TokenUnavailableException("CXone token call failed: " + (oauth != null
                ? "unusable answer (" + LogSafe.escape(oauth.getError().getErrorCode(), 60) + ")"
                : e.getClass().getSimpleName()));
    }

    private void checkScopes(Set<String> granted) {
        if (granted == null || granted.isEmpty()) {
            return;  // the contract makes scope optional; nothing to check
        }
        List<String> missing = CxoneTokenProvider.REQUIRED_SCOPES.stream().filter(s -> !granted.contains(s)).toList();
        if (!missing.isEmpty()) {
            throw new MissingScopeException("CXone granted client id '" + LogSafe.escape(settings.clientId, 80)
                    + "' a token without the scope " + String.join(" and ", missing)
                    + ", which the gateway needs; grant it to the client in CXone (and keep it in cxone.scope)",
                    missing);
        }
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        return ObjectHelper.getException(type, error);
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
