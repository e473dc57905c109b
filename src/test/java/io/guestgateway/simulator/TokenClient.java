package io.guestgateway.simulator;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;

/**
 * Fetches one bearer token (docs/cxone-contract.md §1) with Spring Security's client-credentials client; the
 * simulator asks only for {@code webchat:read}. What remains here is one clear line per failure.
 */
final class TokenClient {

    private TokenClient() {}

    static String fetch(SimulatorOptions options) {
        String uri = options.apiBase().toString().replaceAll("/+$", "") + "/oauth/v2/token";
        ClientRegistration registration = ClientRegistration.withRegistrationId("simulator")
                .tokenUri(uri)
                .clientId(options.clientId())
                .clientSecret(options.clientSecret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                .scope("webchat:read")
                .build();
        JdkClientHttpRequestFactory http = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(options.timeout()).version(HttpClient.Version.HTTP_1_1).build());
        http.setReadTimeout(options.timeout());
        RestClientClientCredentialsTokenResponseClient client = new RestClientClientCredentialsTokenResponseClient();
        // as the client builds its own, with this request factory's timeouts
        client.setRestClient(RestClient.builder()
                .messageConverters(converters -> {
                    converters.clear();
                    converters.add(new FormHttpMessageConverter());
                    converters.add(new OAuth2AccessTokenResponseHttpMessageConverter());
                })
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .requestFactory(http)
                .build());
        try {
            return client.getTokenResponse(new OAuth2ClientCredentialsGrantRequest(registration))
                    .getAccessToken().getTokenValue();
        } catch (OAuth2AuthorizationException e) {
            throw failure(uri, options, e);
        }
    }

    private static SimulatorException failure(String uri, SimulatorOptions options, OAuth2AuthorizationException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof RestClientResponseException response) {
                String error = errorCode(response);
                if (response.getStatusCode().value() == 401) {
                    return new SimulatorException("token request refused (HTTP 401 " + error
                            + "): check --client-id and --client-secret");
                }
                return new SimulatorException("token endpoint " + uri + " answered HTTP "
                        + response.getStatusCode().value() + " " + error);
            }
            if (cause instanceof HttpTimeoutException || cause instanceof SocketTimeoutException) {
                return new SimulatorException("token endpoint " + uri + " did not answer within "
                        + options.timeout().toSeconds() + " s");
            }
            if (cause instanceof ConnectException) {
                return new SimulatorException("cannot reach the token endpoint " + uri + ": connection refused");
            }
        }
        // an OAuth error answer (HTTP 400) or a 200 that is not a token response
        return new SimulatorException("token endpoint " + uri + ": " + reason(e));
    }

    private static String errorCode(RestClientResponseException response) {
        var matcher = java.util.regex.Pattern.compile("\"error\"\\s*:\\s*\"([^\"]*)\"")
                .matcher(response.getResponseBodyAsString());
        return matcher.find() ? SimulatorArgs.printable(matcher.group(1)) : "";
    }

    static String reason(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : SimulatorArgs.printable(message);
    }
}
