package io.guestgateway.routing;

import io.guestgateway.cxone.AccessTokens;
import io.guestgateway.guest.GuestMessage;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Turns the exchange into exactly the Task Routing request of contract §3, just before each call
 * (so a retry after a 401 carries the fresh token): body, {@code Authorization},
 * {@code Content-Type} and {@code Idempotency-Key}, and no other header.
 */
public class RoutingCall {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final RoutingRequestBuilder builder;
    private final AccessTokens tokens;

    public RoutingCall(RoutingRequestBuilder builder, AccessTokens tokens) {
        this.builder = builder;
        this.tokens = tokens;
    }

    public void prepare(Exchange exchange) {
        RoutingState state = RoutingState.of(exchange);
        GuestMessage guest = state.guest();
        String token = token();
        Message message = exchange.getMessage();
        // JMS and Gateway* headers would otherwise travel to CXone as HTTP headers; Camel's own are
        // filtered by camel-http and needed by the error handler
        message.removeHeaders("*", "Camel*");
        // bytes, so the body is UTF-8 whatever the platform charset, under a plain application/json
        message.setBody(builder.body(guest, state.queue()).getBytes(StandardCharsets.UTF_8));
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("Authorization", "Bearer " + token);
        message.setHeader(IDEMPOTENCY_KEY, guest.sessionId());
        state.calling(token);
    }

    private String token() {
        try {
            return tokens.token();
        } catch (RuntimeException e) {
            // no token means CXone's login is unreachable or refusing: as transient as a 503
            throw new RoutingTransientException(RoutingFailure.NO_ANSWER,
                    "no access token: " + e.getClass().getSimpleName());
        }
    }
}
