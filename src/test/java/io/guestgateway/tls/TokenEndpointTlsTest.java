package io.guestgateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.guestgateway.cxone.CxoneTokenProvider;
import io.guestgateway.cxone.TokenEndpointTlsException;
import io.guestgateway.cxone.TokenSettings;
import io.guestgateway.cxone.TrustStore;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The token provider (JDK HttpClient) against a real TLS token endpoint on 127.0.0.1: certificate
 * and host-name checks are on by default, and {@code cxone.tls.trust-store} adds a private CA.
 */
class TokenEndpointTlsTest {

    private static final String SECRET = "tls-client-secret-never-printed";

    private final TestPki pki = TestPki.get();
    private LoopbackHttpsServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private CxoneTokenProvider provider(String host, TrustStore trust) {
        TokenSettings settings = TokenSettings.of(URI.create(server.base(host)), "tls-client", SECRET)
                .withHttpTimeout(Duration.ofSeconds(5))
                .withRetries(1, Duration.ZERO)
                .withFailureBackoff(Duration.ZERO, Duration.ZERO);
        return new CxoneTokenProvider(settings, trust);
    }

    private static TrustStore trusting(Path trustStore) {
        return TrustStore.of(trustStore.toString(), TestPki.TRUST_PASSWORD, "PKCS12");
    }

    @Test
    void aCertificateFromACaTheJvmDoesNotKnowIsRefusedByDefault() throws Exception {
        server = new LoopbackHttpsServer(pki.localhostKeyStore);

        TokenEndpointTlsException e = catchThrowableOfType(
                () -> provider("localhost", TrustStore.jvmDefault()).token(), TokenEndpointTlsException.class);

        assertThat(e).isNotNull();
        assertThat(e.fatal()).isFalse();
        assertThat(e.getMessage())
                .startsWith("CXone token endpoint " + server.base("localhost") + "/oauth/v2/token: TLS handshake failed: ")
                .contains("the server's certificate is not trusted by the JVM default trust store")
                .contains("set cxone.tls.trust-store")
                .doesNotContain(SECRET);
        assertThat(server.requests).isEmpty();  // refused in the handshake: the form with the secret never went out
    }

    @Test
    void aTrustStoreWithoutTheServersCaIsRefusedToo() throws Exception {
        server = new LoopbackHttpsServer(pki.localhostKeyStore);

        TokenEndpointTlsException e = catchThrowableOfType(
                () -> provider("localhost", trusting(pki.strangerTrustStore)).token(), TokenEndpointTlsException.class);

        assertThat(e.getMessage()).contains("the server's certificate is not trusted by trust store "
                + pki.strangerTrustStore + " (PKCS12, 1 entries)").doesNotContain(SECRET)
                .doesNotContain(TestPki.TRUST_PASSWORD);
        assertThat(server.requests).isEmpty();
    }

    @Test
    void withTheTestCaInTheConfiguredTrustStoreTheTokenComes() throws Exception {
        server = new LoopbackHttpsServer(pki.localhostKeyStore);

        assertThat(provider("localhost", trusting(pki.caTrustStore)).token()).isEqualTo(LoopbackHttpsServer.TOKEN);
        // the certificate also names IP 127.0.0.1, which is checked as an IP address
        assertThat(provider("127.0.0.1", trusting(pki.caTrustStore)).token()).isEqualTo(LoopbackHttpsServer.TOKEN);

        assertThat(server.requests).hasSize(2);
        assertThat(server.requests.get(0)).startsWith("grant_type=client_credentials&client_id=tls-client&client_secret=");
    }

    @Test
    void aCertificateForAnotherHostIsRefusedEvenWithItsCaTrusted() throws Exception {
        server = new LoopbackHttpsServer(pki.otherHostKeyStore);

        TokenEndpointTlsException byName = catchThrowableOfType(
                () -> provider("localhost", trusting(pki.caTrustStore)).token(), TokenEndpointTlsException.class);
        TokenEndpointTlsException byIp = catchThrowableOfType(
                () -> provider("127.0.0.1", trusting(pki.caTrustStore)).token(), TokenEndpointTlsException.class);

        assertThat(byName.getMessage()).endsWith("TLS handshake failed: the server's certificate is not valid for host 'localhost'");
        assertThat(byIp.getMessage()).endsWith("TLS handshake failed: the server's certificate is not valid for host '127.0.0.1'");
        assertThat(server.requests).isEmpty();
    }
}
