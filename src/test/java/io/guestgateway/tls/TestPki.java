package io.guestgateway.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import io.guestgateway.cxone.TlsTrust;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.jks.JksSslStoreBundle;
import org.springframework.boot.ssl.jks.JksSslStoreDetails;

/**
 * A throw-away PKI made with the JDK's keytool when first used, shared by the TLS tests of one
 * JVM and deleted when it exits; nothing here is committed. One test CA signs two server
 * certificates: {@code localhost} (also IP 127.0.0.1) and {@code other.example} (for host-name
 * mismatches). {@code strangerTrustStore} trusts only an unrelated self-signed certificate;
 * {@code untrustedLocalhostKeyStore} is a self-signed {@code localhost} one no trust store here
 * holds. Test-only passwords.
 */
public final class TestPki {

    public static final String PASSWORD = "test-only-keystore-pw";
    public static final String TRUST_PASSWORD = "test-only-trust-pw";

    private static TestPki instance;

    public final Path dir;
    /** PKCS12 server key stores: the key and its chain (leaf, test CA). */
    public final Path localhostKeyStore;
    public final Path otherHostKeyStore;
    /** Self-signed, right host name, no CA anyone here trusts. */
    public final Path untrustedLocalhostKeyStore;
    /** PKCS12 trust stores, password {@link #TRUST_PASSWORD}. */
    public final Path caTrustStore;
    public final Path strangerTrustStore;

    public static synchronized TestPki get() {
        if (instance == null) {
            try {
                instance = new TestPki(Files.createTempDirectory("gateway-test-pki"));
            } catch (IOException | InterruptedException | GeneralSecurityException e) {
                throw new IllegalStateException("could not make the test PKI", e);
            }
        }
        return instance;
    }

    private TestPki(Path dir) throws IOException, InterruptedException, GeneralSecurityException {
        this.dir = dir;
        Runtime.getRuntime().addShutdownHook(new Thread(this::delete));
        keytool("-genkeypair", "-keystore", "ca.p12", "-alias", "ca", "-dname", "CN=Gateway Test CA",
                "-ext", "bc:c", "-validity", "2");
        // the server certificates are independent: make them side by side
        ExecutorService side = Executors.newFixedThreadPool(2);
        try {
            Future<Path> other = side.submit(() -> serverKeyStore("other.example", "san=dns:other.example"));
            Future<Path> untrusted = side.submit(() -> {
                keytool("-genkeypair", "-keystore", "localhost-selfsigned.p12", "-alias", "server", "-dname",
                        "CN=localhost", "-ext", "san=dns:localhost,ip:127.0.0.1", "-validity", "2");
                return dir.resolve("localhost-selfsigned.p12");
            });
            localhostKeyStore = serverKeyStore("localhost", "san=dns:localhost,ip:127.0.0.1");
            otherHostKeyStore = other.get(60, TimeUnit.SECONDS);
            untrustedLocalhostKeyStore = untrusted.get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("could not make the other.example or self-signed certificate", e);
        } finally {
            side.shutdownNow();
        }
        caTrustStore = trustStore("ca-trust.p12", caCertificate());
        strangerTrustStore = trustStore("stranger-trust.p12",
                load(dir.resolve("other.example-selfsigned.p12"), PASSWORD).getCertificate("server"));
    }

    /** Key pair (self-signed at first), certificate request, CA signature, chain put back. */
    private Path serverKeyStore(String name, String san) throws IOException, InterruptedException,
            GeneralSecurityException {
        String store = name + ".p12";
        keytool("-genkeypair", "-keystore", store, "-alias", "server", "-dname", "CN=" + name, "-validity", "2");
        keytool("-certreq", "-keystore", store, "-alias", "server", "-file", name + ".csr");
        keytool("-gencert", "-keystore", "ca.p12", "-alias", "ca", "-infile", name + ".csr", "-outfile", name + ".crt",
                "-rfc", "-ext", san, "-ext", "eku=serverAuth", "-validity", "2");
        KeyStore keys = load(dir.resolve(store), PASSWORD);
        if (name.equals("other.example")) {
            // keep the self-signed original: it is the "stranger" the stranger trust store trusts
            Files.copy(dir.resolve(store), dir.resolve("other.example-selfsigned.p12"));
        }
        Key key = keys.getKey("server", PASSWORD.toCharArray());
        Certificate signed;
        try (InputStream in = Files.newInputStream(dir.resolve(name + ".crt"))) {
            signed = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        KeyStore chained = KeyStore.getInstance("PKCS12");
        chained.load(null, null);
        chained.setKeyEntry("server", key, PASSWORD.toCharArray(), new Certificate[] {signed, caCertificate()});
        Path out = dir.resolve(name + "-chain.p12");
        try (OutputStream os = Files.newOutputStream(out)) {
            chained.store(os, PASSWORD.toCharArray());
        }
        return out;
    }

    public X509Certificate caCertificate() throws IOException, GeneralSecurityException {
        return (X509Certificate) load(dir.resolve("ca.p12"), PASSWORD).getCertificate("ca");
    }

    private Path trustStore(String file, Certificate anchor) throws IOException, GeneralSecurityException {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("anchor", anchor);
        Path out = dir.resolve(file);
        try (OutputStream os = Files.newOutputStream(out)) {
            trust.store(os, TRUST_PASSWORD.toCharArray());
        }
        return out;
    }

    /** A server-side TLS context presenting the key store's key and chain. */
    public static SSLContext serverContext(Path keyStore) throws IOException, GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(load(keyStore, PASSWORD), PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        return context;
    }

    private static KeyStore load(Path file, String password) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(file)) {
            store.load(in, password.toCharArray());
        }
        return store;
    }

    private void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        // a short-lived JVM: the C1 compiler and serial GC start fastest
        command.addAll(List.of("-J-XX:TieredStopAtLevel=1", "-J-XX:+UseSerialGC"));
        command.addAll(List.of(args));
        // EC keys: quick to make; PKCS12 with one password for store and key
        if (args[0].equals("-genkeypair")) {
            command.addAll(List.of("-keyalg", "EC", "-groupname", "secp256r1", "-storetype", "PKCS12",
                    "-keypass", PASSWORD));
        }
        command.addAll(List.of("-storepass", PASSWORD, "-noprompt"));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("keytool " + args[0] + " timed out");
        }
        if (process.exitValue() != 0) {
            throw new IOException("keytool " + String.join(" ", args) + " failed: "
                    + new String(output, StandardCharsets.UTF_8));
        }
    }

    private void delete() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp folder left behind is harmless
        }
    }

    /**
     * {@code key} set to an SSL bundle holding {@code trustStore} (PKCS12, {@link #TRUST_PASSWORD}),
     * made by Spring Boot's bundle classes as {@code spring.ssl.bundle.jks.test-ca.truststore.*} would.
     */
    public static TlsTrust trust(String key, Path trustStore) {
        SslBundle bundle = SslBundle.of(new JksSslStoreBundle(null,
                new JksSslStoreDetails("PKCS12", null, trustStore.toUri().toString(), TRUST_PASSWORD)));
        return TlsTrust.of(new DefaultSslBundleRegistry("test-ca", bundle), key, "test-ca");
    }

    /** The {@code spring.ssl.bundle.jks.<name>.truststore.*} properties of {@code trustStore}. */
    public static String[] bundleProperties(String name, Path trustStore) {
        String prefix = "spring.ssl.bundle.jks." + name + ".truststore.";
        return new String[] {prefix + "location=" + trustStore.toUri(), prefix + "password=" + TRUST_PASSWORD,
                prefix + "type=PKCS12"};
    }
}
