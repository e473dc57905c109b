package io.guestgateway.sandbox;

import io.vertx.ext.web.RoutingContext;

/** The bearer-token and scope check of the CXone APIs: 401 for no or a bad token, 403 for a missing scope. */
final class BearerCheck {

    private final TokenStore tokens;

    BearerCheck(TokenStore tokens) {
        this.tokens = tokens;
    }

    /** {@code null} when the call may go on, else the refusal to send. */
    Reply refusal(RoutingContext ctx, String scope) {
        String authorization = ctx.request().getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Reply.error(401, "invalid_token", "missing bearer token")
                    .withHeader("WWW-Authenticate", "Bearer");
        }
        String token = authorization.substring(7).trim();
        TokenStore.Verdict verdict = tokens.check(token);
        if (verdict != TokenStore.Verdict.VALID) {
            String reason = verdict == TokenStore.Verdict.EXPIRED ? "token expired" : "unknown token";
            return Reply.error(401, "invalid_token", reason)
                    .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        }
        if (!tokens.hasScope(token, scope)) {
            Reply refusal = Reply.error(403, "insufficient_scope", "the token lacks scope " + scope);
            refusal.body().put("scope", scope);
            return refusal.withHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\", scope=\"" + scope + "\"");
        }
        return null;
    }
}
