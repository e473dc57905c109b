package io.guestgateway.cxone;

/** An outbound client's trust cannot be set up: an unknown SSL bundle, or a store that cannot be read. */
public class TrustStoreException extends IllegalStateException {

    public TrustStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
