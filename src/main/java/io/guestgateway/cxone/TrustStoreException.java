package io.guestgateway.cxone;

/** The configured trust store cannot be used (missing file, wrong password or type, empty). */
public class TrustStoreException extends IllegalStateException {

    public TrustStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
