package io.guestgateway.cxone;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.NoSuchAlgorithmException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Whom the CXone clients trust: the JVM's default trust store, or one file (a private CA). There
 * is deliberately no "trust all" or "skip host-name check": both clients always check the
 * certificate chain and the host name; this only decides which CAs anchor the chain. The file is
 * read once, at construction, so a wrong path or password fails start-up, not the first call. The
 * password is used for that read and not kept.
 */
public final class TrustStore {

    public static final String DEFAULT_TYPE = "PKCS12";
    private static final TrustStore JVM_DEFAULT = new TrustStore(null, null, null, null, 0);

    private final Path path;
    private final String type;
    private final TrustManagerFactory factory;  // null: the JVM's default
    private final SSLContext sslContext;        // null: the JVM's default
    private final int entries;

    private TrustStore(Path path, String type, TrustManagerFactory factory, SSLContext sslContext, int entries) {
        this.path = path;
        this.type = type;
        this.factory = factory;
        this.sslContext = sslContext;
        this.entries = entries;
    }

    public static TrustStore jvmDefault() {
        return JVM_DEFAULT;
    }

    /** A blank or null path means the JVM's default; a blank type means PKCS12. */
    public static TrustStore of(String path, String password, String type) {
        if (path == null || path.isBlank()) {
            return JVM_DEFAULT;
        }
        return load(Path.of(path.trim()), password, type == null || type.isBlank() ? DEFAULT_TYPE : type.trim());
    }

    private static TrustStore load(Path path, String password, String type) {
        String where = "trust store '" + LogSafe.escape(path.toString(), 200) + "' (cxone.tls.trust-store)";
        KeyStore store;
        try {
            store = KeyStore.getInstance(type);
        } catch (KeyStoreException e) {
            throw new TrustStoreException(where + ": unknown type '" + LogSafe.escape(type, 40)
                    + "' (cxone.tls.trust-store-type: PKCS12 or JKS)", e);
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new TrustStoreException(where + " is not a readable file", null);
        }
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, password == null ? null : password.toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new TrustStoreException(where + " could not be read as " + LogSafe.escape(type, 40)
                    + " (check cxone.tls.trust-store-password and cxone.tls.trust-store-type): " + LogSafe.describe(e), e);
        }
        try {
            if (store.size() == 0) {
                // a PKCS12 read without its password shows no certificates instead of failing
                throw new TrustStoreException(where + " holds no certificate (is cxone.tls.trust-store-password set?)",
                        null);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return new TrustStore(path, type, factory, context, store.size());
        } catch (GeneralSecurityException e) {
            throw new TrustStoreException(where + " cannot be used: " + LogSafe.describe(e), e);
        }
    }

    /** False for the JVM's default trust store. */
    public boolean custom() {
        return factory != null;
    }

    /** Trust managers of the configured store; null for the JVM's default (every TLS library's default). */
    public TrustManagerFactory trustManagerFactory() {
        return factory;
    }

    /** For clients that take an SSLContext (the JDK HttpClient); always checks chain and host name. */
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

    /** "the JVM default trust store" or "trust store /etc/gw/ca.p12 (PKCS12, 1 entries)", for messages. */
    public String describe() {
        return custom() ? "trust store " + LogSafe.escape(path.toString(), 200) + " (" + type + ", " + entries + " entries)"
                : "the JVM default trust store";
    }

    @Override
    public String toString() {
        return "TrustStore[" + describe() + "]";
    }
}
