package io.guestgateway.routing;

import io.guestgateway.cxone.AccessTokens;
import io.guestgateway.guest.GuestMessage;
import java.nio.charset.StandardCharsets;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * The request part route-conversation.yaml cannot write itself: the docs/cxone-contract.md §3 JSON body (Camel's
 * simple language cannot escape the guest's text into JSON) for the queue of this attempt (the
 * fallback after a 400), and the bearer token, noted in {@link RoutingState} so that a 401 drops
 * exactly the token that was refused. The route sets the other headers.
 */
public class RoutingCall {

    /** The exchange property with the queue of the current attempt; the error handling reads it. */
    public static final String QUEUE = "GatewayQueue";

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
        // bytes, so the body is UTF-8 whatever the platform charset, under a plain application/json
        message.setBody(builder.body(guest, state.queue()).getBytes(StandardCharsets.UTF_8));
        message.setHeader("Authorization", "Bearer " + token);
        exchange.setProperty(QUEUE, state.queue());
        state.calling(token);
    }

    private String token() {
        try {
            return tokens.token();
        } catch (RuntimeException e) {
            // no token means CXone's login is unreachable or refusing: as transient as a 503
            throw new RoutingTransientException("no access token: " + e.getClass().getSimpleName());
        }
    }
}
