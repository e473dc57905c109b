package io.guestgateway.config;

import io.guestgateway.cxone.TrustStoreException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * An SSL bundle named by {@code cxone.ssl-bundle} or {@code crm.ssl-bundle} that is not defined or
 * cannot be read stops start-up with its one-line reason, which names the key, instead of a
 * bean-creation stack trace. The reason never holds a password.
 */
public class TrustStoreFailureAnalyzer extends AbstractFailureAnalyzer<TrustStoreException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, TrustStoreException cause) {
        return new FailureAnalysis("Invalid configuration: " + cause.getMessage(),
                "Define the bundle under spring.ssl.bundle.jks.<name> or spring.ssl.bundle.pem.<name>, or correct its "
                        + "trust store location, password or type (application.yaml, --key=value or the environment).",
                cause);
    }
}
