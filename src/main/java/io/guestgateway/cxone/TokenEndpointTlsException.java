package io.guestgateway.cxone;

/**
 * The TLS handshake with the token endpoint failed: an untrusted or expired certificate, or one
 * for another host. Not fatal: the same answer may come from a proxy or a certificate rotation in
 * progress, so the gateway keeps running and keeps trying, and says why in every attempt's log.
 */
public class TokenEndpointTlsException extends TokenUnavailableException {

    public TokenEndpointTlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
