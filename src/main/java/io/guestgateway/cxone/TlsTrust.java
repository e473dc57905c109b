package io.guestgateway.cxone;

import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.camel.CamelContext;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;

/**
 * Whom one outbound TLS client trusts: the Spring Boot SSL bundle named by a key
 * ({@code cxone.ssl-bundle}, {@code crm.ssl-bundle}), or the JVM's default CAs when it is unset.
 * The bundle's {@link SSLContext} is made once, at start-up, so a missing bundle or an unreadable
 * store fails start-up naming the key. There is no "trust all" and no "skip host-name check":
 * each client keeps both checks on; this only picks the CAs that anchor the chain.
 */
public final class TlsTrust {

    public static final String CXONE_KEY = "cxone.ssl-bundle";
    public static final String CRM_KEY = "crm.ssl-bundle";

    private final String key;
    private final String bundle;               // null: the JVM's default
    private final SSLContext sslContext;       // null: the JVM's default
    private final TrustManagerFactory trustManagers;

    private TlsTrust(String key, String bundle, SSLContext sslContext, TrustManagerFactory trustManagers) {
        this.key = key;
        this.bundle = bundle;
        this.sslContext = sslContext;
        this.trustManagers = trustManagers;
    }

    /** The JVM's default CAs, standing for {@code key} unset. */
    public static TlsTrust jvmDefault(String key) {
        return new TlsTrust(key, null, null, null);
    }

    /** The bundle {@code name} (blank or null: the JVM's default) as set by {@code key}. */
    public static TlsTrust of(SslBundles bundles, String key, String name) {
        if (name == null || name.isBlank()) {
            return jvmDefault(key);
        }
        String bundleName = name.trim();
        SslBundle found;
        try {
            found = bundles.getBundle(bundleName);
        } catch (NoSuchSslBundleException e) {
            throw new TrustStoreException(key + " names SSL bundle '" + LogSafe.escape(bundleName, 80)
                    + "', which is not defined (spring.ssl.bundle.jks." + LogSafe.escape(bundleName, 80)
                    + " or spring.ssl.bundle.pem." + LogSafe.escape(bundleName, 80) + ")", null);
        }
        try {
            return new TlsTrust(key, bundleName, found.createSslContext(), found.getManagers().getTrustManagerFactory());
        } catch (RuntimeException e) {
            throw new TrustStoreException("SSL bundle '" + LogSafe.escape(bundleName, 80) + "' (" + key
                    + ") cannot be used: " + LogSafe.describe(e)
                    + " (check its trust store location, password and type under spring.ssl.bundle)", e);
        }
    }

    /** The configuration key this trust stands for. */
    public String key() {
        return key;
    }

    /** False for the JVM's default CAs. */
    public boolean custom() {
        return sslContext != null;
    }

    /** For clients that take an SSLContext (the JDK HttpClient, camel-http). */
    public SSLContext sslContext() {
        if (sslContext != null) {
            return sslContext;
        }
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new TrustStoreException("the JVM has no default TLS context", e);
        }
    }

    /** For clients that take trust managers (Vert.x); null for the JVM's default. */
    public TrustManagerFactory trustManagerFactory() {
        return trustManagers;
    }

    /**
     * The {@code sslContextParameters} of a camel-http component, handing over this SSLContext as
     * it is. The host-name check stays camel-http's own (Apache HttpClient's default verifier).
     */
    public SSLContextParameters camelSslContextParameters() {
        SSLContext context = sslContext();
        return new SSLContextParameters() {
            @Override
            public SSLContext createSSLContext(CamelContext camelContext) {
                return context;
            }
        };
    }

    /** "the JVM default CAs" or "SSL bundle 'cxone-ca' (cxone.ssl-bundle)", for messages. */
    public String describe() {
        return custom() ? "SSL bundle '" + LogSafe.escape(bundle, 80) + "' (" + key + ")" : "the JVM default CAs";
    }

    @Override
    public String toString() {
        return "TlsTrust[" + describe() + "]";
    }
}
