package io.guestgateway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A token from the sandbox's token endpoint (client credentials), for the bench's own clients. */
final class SandboxToken {

    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private SandboxToken() {}

    static String fetch(HttpClient http, String apiBase, String scope) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(apiBase + "/oauth/v2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&client_id=sandbox-client"
                        + "&client_secret=sandbox-secret&scope=" + scope.replace(" ", "%20")))
                .build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = ACCESS_TOKEN.matcher(answer.body());
        if (answer.statusCode() != 200 || !m.find()) {
            throw new IllegalStateException("sandbox token endpoint answered " + answer.statusCode());
        }
        return m.group(1);
    }
}
