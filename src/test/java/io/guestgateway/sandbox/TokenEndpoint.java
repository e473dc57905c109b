package io.guestgateway.sandbox;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code POST /oauth/v2/token}, client-credentials grant (docs/cxone-contract.md §1). Credentials come from the
 * form, or from HTTP Basic as OAuth also allows. The token gets the requested scopes this client
 * is granted; no scope asked means all granted ones.
 */
final class TokenEndpoint extends FaultyEndpoint {

    private final SandboxSettings settings;
    private final TokenStore tokens;

    /** {@code recorder} should only count: a token request's body holds the client secret. */
    TokenEndpoint(Vertx vertx, SandboxSettings settings, TokenStore tokens, FaultInjector faults, CallRecorder recorder) {
        super(vertx, faults, recorder);
        this.settings = settings;
        this.tokens = tokens;
    }

    @Override
    protected Reply process(RoutingContext ctx) {
        String contentType = ctx.request().getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            return Reply.error(400, "invalid_request", "Content-Type must be application/x-www-form-urlencoded");
        }
        MultiMap form = ctx.request().formAttributes();
        if (!"client_credentials".equals(form.get("grant_type"))) {
            return Reply.error(400, "unsupported_grant_type", "grant_type must be client_credentials");
        }
        String[] credentials = credentials(ctx, form);
        if (!matches(credentials[0], settings.clientId()) || !matches(credentials[1], settings.clientSecret())) {
            return Reply.error(401, "invalid_client", "unknown client or wrong secret")
                    .withHeader("WWW-Authenticate", "Basic realm=\"sandbox\"");
        }
        Set<String> granted = grant(form.get("scope"));
        if (granted.isEmpty()) {
            return Reply.error(401, "invalid_scope", "none of the requested scopes is granted to this client");
        }
        String token = tokens.issue(granted);
        long seconds = Math.max(1, (settings.tokenLifetime().toMillis() + 999) / 1000);
        return Reply.json(200, new JsonObject()
                .put("access_token", token)
                .put("token_type", "Bearer")
                .put("expires_in", seconds)
                .put("scope", String.join(" ", granted)));
    }

    private Set<String> grant(String requested) {
        if (requested == null || requested.isBlank()) {
            return new LinkedHashSet<>(settings.grantedScopes().stream().sorted().toList());
        }
        return Arrays.stream(requested.trim().split("\\s+"))
                .filter(settings.grantedScopes()::contains)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    private static String[] credentials(RoutingContext ctx, MultiMap form) {
        String authorization = ctx.request().getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon >= 0) {
                    return new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
                }
            } catch (IllegalArgumentException badBase64) {
                return new String[] {null, null};
            }
        }
        return new String[] {form.get("client_id"), form.get("client_secret")};
    }

    private static boolean matches(String given, String expected) {
        // constant time, as a real token server would compare secrets
        return given != null && MessageDigest.isEqual(
                given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
