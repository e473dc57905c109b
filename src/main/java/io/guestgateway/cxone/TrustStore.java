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
 * Whom a TLS client trusts: the JVM's default trust store, or one file (a private CA). There is
 * deliberately no "trust all" or "skip host-name check": every client always checks the
 * certificate chain and the host name; this only decides which CAs anchor the chain. The file is
 * read once, at construction, so a wrong path or password fails start-up, not the first call. The
 * password is used for that read and not kept. Messages name the keys the store came from
 * ({@code cxone.tls.*} for the CXone clients, {@code crm.tls.*} for the CRM).
 */
public final class TrustStore {

    public static final String DEFAULT_TYPE = "PKCS12";
    /** The configuration prefix of the CXone clients' trust store. */
    public static final String CXONE_KEYS = "cxone.tls";
    private static final TrustStore JVM_DEFAULT = new TrustStore(CXONE_KEYS, null, null, null, null, 0);

    private final String keys;
    private final Path path;
    private final String type;
    private final TrustManagerFactory factory;  // null: the JVM's default
    private final SSLContext sslContext;        // null: the JVM's default
    private final int entries;

    private TrustStore(String keys, Path path, String type, TrustManagerFactory factory, SSLContext sslContext,
            int entries) {
        this.keys = keys;
        this.path = path;
        this.type = type;
        this.factory = factory;
        this.sslContext = sslContext;
        this.entries = entries;
    }

    /** The JVM's default trust store, standing for {@code cxone.tls.*} unset. */
    public static TrustStore jvmDefault() {
        return JVM_DEFAULT;
    }

    /** The JVM's default trust store, standing for {@code <keys>.*} unset (e.g. {@code crm.tls}). */
    public static TrustStore jvmDefault(String keys) {
        return CXONE_KEYS.equals(keys) ? JVM_DEFAULT : new TrustStore(keys, null, null, null, null, 0);
    }

    /** {@code cxone.tls.*}: a blank or null path means the JVM's default; a blank type means PKCS12. */
    public static TrustStore of(String path, String password, String type) {
        return of(CXONE_KEYS, path, password, type);
    }

    /**
     * The trust store set by {@code <keys>.trust-store}, {@code -password} and {@code -type}: a blank
     * or null path means the JVM's default; a blank type means PKCS12.
     */
    public static TrustStore of(String keys, String path, String password, String type) {
        if (path == null || path.isBlank()) {
            return jvmDefault(keys);
        }
        return load(keys, Path.of(path.trim()), password, type == null || type.isBlank() ? DEFAULT_TYPE : type.trim());
    }

    private static TrustStore load(String keys, Path path, String password, String type) {
        String where = "trust store '" + LogSafe.escape(path.toString(), 200) + "' (" + keys + ".trust-store)";
        KeyStore store;
        try {
            store = KeyStore.getInstance(type);
        } catch (KeyStoreException e) {
            throw new TrustStoreException(where + ": unknown type '" + LogSafe.escape(type, 40)
                    + "' (" + keys + ".trust-store-type: PKCS12 or JKS)", e);
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw new TrustStoreException(where + " is not a readable file", null);
        }
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, password == null ? null : password.toCharArray());
        } catch (IOException | GeneralSecurityException e) {
            throw new TrustStoreException(where + " could not be read as " + LogSafe.escape(type, 40)
                    + " (check " + keys + ".trust-store-password and " + keys + ".trust-store-type): "
                    + LogSafe.describe(e), e);
        }
        try {
            if (store.size() == 0) {
                // a PKCS12 read without its password shows no certificates instead of failing
                throw new TrustStoreException(where + " holds no certificate (is " + keys + ".trust-store-password set?)",
                        null);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return new TrustStore(keys, path, type, factory, context, store.size());
        } catch (GeneralSecurityException e) {
            throw new TrustStoreException(where + " cannot be used: " + LogSafe.describe(e), e);
        }
    }

    /** The configuration prefix this store stands for: {@code cxone.tls} or {@code crm.tls}. */
    public String keys() {
        return keys;
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
