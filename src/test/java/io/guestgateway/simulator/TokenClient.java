package io.guestgateway.simulator;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;

/** Fetches one bearer token (contract §1); the simulator asks only for {@code webchat:read}. */
final class TokenClient {

    private TokenClient() {}

    static String fetch(SimulatorOptions options) {
        String base = options.apiBase().toString().replaceAll("/+$", "");
        URI uri = URI.create(base + "/oauth/v2/token");
        String form = "grant_type=client_credentials&client_id=" + enc(options.clientId())
                + "&client_secret=" + enc(options.clientSecret()) + "&scope=" + enc("webchat:read");
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(options.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpClient http = HttpClient.newBuilder().connectTimeout(options.timeout())
                .version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new SimulatorException("token endpoint " + uri + " did not answer within "
                    + options.timeout().toSeconds() + " s");
        } catch (ConnectException e) {
            throw new SimulatorException("cannot reach the token endpoint " + uri + ": connection refused");
        } catch (IOException e) {
            throw new SimulatorException("cannot reach the token endpoint " + uri + ": " + reason(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SimulatorException("interrupted while fetching a token");
        }
        return accessToken(uri, response);
    }

    private static String accessToken(URI uri, HttpResponse<String> response) {
        JsonObject body;
        try {
            body = new JsonObject(response.body());
        } catch (DecodeException | ClassCastException e) {
            body = new JsonObject();
        }
        if (response.statusCode() == 401) {
            throw new SimulatorException("token request refused (HTTP 401 " + error(body)
                    + "): check --client-id and --client-secret");
        }
        if (response.statusCode() != 200) {
            throw new SimulatorException("token endpoint " + uri + " answered HTTP " + response.statusCode()
                    + " " + error(body));
        }
        if (!(body.getValue("access_token") instanceof String token) || token.isBlank()) {
            throw new SimulatorException("token endpoint " + uri + " answered 200 without an access_token");
        }
        return token;
    }

    private static String error(JsonObject body) {
        return body.getValue("error") instanceof String e ? SimulatorArgs.printable(e) : "";
    }

    static String reason(Throwable e) {
        String message = e.getMessage();
        return message == null || message.isBlank() ? e.getClass().getSimpleName() : SimulatorArgs.printable(message);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
