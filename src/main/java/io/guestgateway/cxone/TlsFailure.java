package io.guestgateway.cxone;

import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Optional;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.camel.util.ObjectHelper;
import org.springframework.core.NestedExceptionUtils;

/**
 * Turns a failed TLS handshake (with CXone or the CRM) into a sentence an operator can act on.
 * The JDK's own messages ("PKIX path building failed: ...SunCertPathBuilderException...") are
 * accurate but do not say which setting to look at.
 */
public final class TlsFailure {

    private static final int MAX_DEPTH = 10;

    private TlsFailure() {
    }

    /**
     * Empty when {@code error} is not a TLS failure (refused connection, timeout, ...).
     *
     * @param host  the host name the client asked for (from configuration)
     * @param trust what the client trusted
     */
    public static Optional<String> explain(Throwable error, String host, TlsTrust trust) {
        return explainWith(error, "the server's certificate is not trusted by " + trust.describe()
                        + (trust.custom() ? "" : "; for a private CA, set " + trust.key()),
                "the server's certificate is not valid for host '" + LogSafe.escape(host, 100) + "'");
    }

    /**
     * As above, for a caller that knows only which key sets its trust ({@code crm.ssl-bundle}),
     * such as the reason of a dead letter.
     */
    public static Optional<String> explain(Throwable error, String trustKey) {
        return reason(error, trustKey).map(text -> "TLS handshake failed: " + text);
    }

    /** {@link #explain(Throwable, String)} without its "TLS handshake failed: ". */
    public static Optional<String> reason(Throwable error, String trustKey) {
        return reasonWith(error, "the server's certificate is not trusted (check " + trustKey + ")",
                "the server's certificate is not valid for the host name called");
    }

    private static Optional<String> explainWith(Throwable error, String untrusted, String wrongHost) {
        return reasonWith(error, untrusted, wrongHost).map(text -> "TLS handshake failed: " + text);
    }

    private static Optional<String> reasonWith(Throwable error, String untrusted, String wrongHost) {
        if (find(error, SSLException.class) == null) {
            return Optional.empty();
        }
        String reason;
        if (find(error, CertificateExpiredException.class) != null
                || find(error, CertificateNotYetValidException.class) != null) {
            reason = "the server's certificate has expired or is not yet valid";
        } else if (find(error, CertPathBuilderException.class) != null
                || find(error, CertPathValidatorException.class) != null) {
            reason = untrusted;
        } else if (hostMismatch(error)) {
            reason = wrongHost;
        } else {
            reason = LogSafe.describe(deepest(error));
        }
        return Optional.of(reason);
    }

    /**
     * The JDK's host-name checker reports "No subject alternative ... matching" or "No name
     * matching"; Apache HttpClient's (camel-http) "Certificate for &lt;host&gt; doesn't match ...".
     */
    private static boolean hostMismatch(Throwable error) {
        Throwable e = error;
        for (int i = 0; i < MAX_DEPTH && e != null; i++, e = e.getCause()) {
            String m = e.getMessage();
            if (m != null && (m.contains("No subject alternative") || m.contains("No name matching")
                    || e instanceof SSLPeerUnverifiedException && m.contains("doesn't match"))) {
                return true;
            }
        }
        return false;
    }

    private static <T extends Throwable> T find(Throwable error, Class<T> type) {
        return ObjectHelper.getException(type, error);
    }

    private static Throwable deepest(Throwable error) {
        return NestedExceptionUtils.getMostSpecificCause(error);
    }
}
