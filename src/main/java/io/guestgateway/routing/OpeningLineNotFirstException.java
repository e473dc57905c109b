package io.guestgateway.routing;

/**
 * A later message of a conversation claimed it before the conversation's first message was routed
 * (route-conversation.yaml, "The opening line"): it goes back to guest.routing, not to a dead letter.
 */
public class OpeningLineNotFirstException extends RuntimeException {

    public OpeningLineNotFirstException(String message) {
        super(message, null, false, false);
    }
}
