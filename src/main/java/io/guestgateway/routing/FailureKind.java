package io.guestgateway.routing;

/** What a failed routing attempt means for the conversation; read by {@link RoutingRedeliveryPlanner}. */
public enum FailureKind {
    /** 400 and other refusals of the request: dead-lettered at once (a 400 may first try the fallback queue). */
    REJECTED,
    /** 403: dead-lettered at once, with an error naming the scope. */
    FORBIDDEN,
    /** 401: the token is dropped and the call retried. */
    TOKEN_EXPIRED,
    /** 408, 5xx, no answer, no token, state store or broker hiccup: retried with backoff. */
    TRANSIENT,
    /** 429: CXone pacing us. Waits as asked; costs no retry, bounded by {@code routing.max-pacing}. */
    PACED,
    /** The circuit breaker refused the call: the conversation waits, nothing is spent. */
    BREAKER_OPEN,
    /** The gateway is stopping: the message goes back to its queue untouched. */
    STOPPING,
    /** A later message of a conversation came before its first: back to its queue, behind the first. */
    NOT_FIRST,
    /** The message itself is broken (unreadable, no conversation id): dead-lettered at once. */
    POISON
}
