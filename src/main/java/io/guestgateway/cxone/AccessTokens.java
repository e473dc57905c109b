package io.guestgateway.cxone;

/** Hands out a valid CXone bearer token; the one place that knows how tokens are fetched. */
public interface AccessTokens {

    /** A token valid for a while yet; fetches or refreshes as needed. Never logs it. */
    String token();

    /**
     * Tells the provider that CXone refused {@code token} (a 401 or a 4401 close), so the next
     * {@link #token()} fetches a new one. A stale call for an already replaced token does nothing.
     */
    void invalidate(String token);
}
