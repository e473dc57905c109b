package io.guestgateway.config;

import io.guestgateway.cxone.TrustStoreException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A trust store ({@code cxone.tls.*}, {@code crm.tls.*}) that cannot be read stops start-up with
 * its one-line reason, which names the key, instead of a bean-creation stack trace. The reason
 * never holds the password.
 */
public class TrustStoreFailureAnalyzer extends AbstractFailureAnalyzer<TrustStoreException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TrustStoreException cause) {
        return new FailureAnalysis("Invalid configuration: " + cause.getMessage(),
                "Correct the trust store, its password or type (application.yaml, --key=value or the environment).",
                cause);
    }
}
