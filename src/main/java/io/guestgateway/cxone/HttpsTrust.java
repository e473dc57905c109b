package io.guestgateway.cxone;

import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;

/**
 * A {@link TrustStore} in the form camel-http takes it: the {@code sslContextParameters} option of
 * the https endpoints in {@code routes/} (the Task Routing call, the CRM POST). It hands over the
 * trust managers already built from the file, so the file is read once, at start-up; the JVM
 * default store leaves them unset, which means the JVM's default CAs. The host-name check is
 * camel-http's own (Apache HttpClient's {@code DefaultHostnameVerifier}) and nothing here changes it.
 */
public final class HttpsTrust {

    private HttpsTrust() {
    }

    public static SSLContextParameters sslContextParameters(TrustStore trust) {
        SSLContextParameters ssl = new SSLContextParameters();
        if (trust.custom()) {
            TrustManagersParameters managers = new TrustManagersParameters();
            managers.setTrustManager(x509(trust.trustManagerFactory().getTrustManagers()));
            ssl.setTrustManagers(managers);
        }
        return ssl;
    }

    /**
     * Reads {@code <keys>.trust-store} (blank: the JVM's default CAs) for a bean declared without
     * Spring, e.g. in a YAML {@code beans:} block with {@code factoryMethod: sslContextParameters}.
     */
    public static SSLContextParameters sslContextParameters(String keys, String path, String password, String type) {
        return sslContextParameters(TrustStore.of(keys, path, password, type));
    }

    private static TrustManager x509(TrustManager[] managers) {
        for (TrustManager manager : managers) {
            if (manager instanceof X509TrustManager) {
                return manager;
            }
        }
        throw new TrustStoreException("the trust store gave no X.509 trust manager", null);
    }
}
