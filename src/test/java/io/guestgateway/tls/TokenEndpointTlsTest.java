package io.guestgateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.guestgateway.cxone.CxoneTokenProvider;
import io.guestgateway.cxone.TlsTrust;
import io.guestgateway.cxone.TokenUnavailableException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The token provider (Spring Security over the JDK HttpClient) against a real TLS token endpoint on 127.0.0.1: certificate
 * and host-name checks are on by default, and {@code cxone.ssl-bundle} adds a private CA.
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

    private CxoneTokenProvider provider(String host, TlsTrust trust) {
        return CxoneTokenProvider.builder(URI.create(server.base(host)), "tls-client", SECRET)
                .httpTimeout(Duration.ofSeconds(5))
                .retries(1, Duration.ZERO)
                .failureBackoff(Duration.ZERO, Duration.ZERO)
                .tls(trust)
                .build();
    }

    private static TlsTrust trusting(Path trustStore) {
        return TestPki.trust(TlsTrust.CXONE_KEY, trustStore);
    }

    @Test
    void aCertificateFromACaTheJvmDoesNotKnowIsRefusedByDefault() throws Exception {
        server = new LoopbackHttpsServer(pki.localhostKeyStore);

        TokenUnavailableException e = catchThrowableOfType(
                () -> provider("localhost", TlsTrust.jvmDefault(TlsTrust.CXONE_KEY)).token(), TokenUnavailableException.class);

        assertThat(e).isNotNull();
        assertThat(e.fatal()).isFalse();
        assertThat(e.getMessage())
                .startsWith("CXone token endpoint " + server.base("localhost") + "/oauth/v2/token: TLS handshake failed: ")
                .contains("the server's certificate is not trusted by the JVM default CAs")
                .contains("set cxone.ssl-bundle")
                .doesNotContain(SECRET);
        assertThat(server.requests).isEmpty();  // refused in the handshake: the form with the secret never went out
    }

    @Test
    void aTrustStoreWithoutTheServersCaIsRefusedToo() throws Exception {
        server = new LoopbackHttpsServer(pki.localhostKeyStore);

        TokenUnavailableException e = catchThrowableOfType(
                () -> provider("localhost", trusting(pki.strangerTrustStore)).token(), TokenUnavailableException.class);

        assertThat(e.getMessage()).contains("the server's certificate is not trusted by SSL bundle 'test-ca' "
                + "(cxone.ssl-bundle)").doesNotContain(SECRET)
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
        assertThat(server.requests.get(0).split("&")).contains("grant_type=client_credentials", "client_id=tls-client");
    }

    @Test
    void aCertificateForAnotherHostIsRefusedEvenWithItsCaTrusted() throws Exception {
        server = new LoopbackHttpsServer(pki.otherHostKeyStore);

        TokenUnavailableException byName = catchThrowableOfType(
                () -> provider("localhost", trusting(pki.caTrustStore)).token(), TokenUnavailableException.class);
        TokenUnavailableException byIp = catchThrowableOfType(
                () -> provider("127.0.0.1", trusting(pki.caTrustStore)).token(), TokenUnavailableException.class);

        assertThat(byName.getMessage()).endsWith("TLS handshake failed: the server's certificate is not valid for host 'localhost'");
        assertThat(byIp.getMessage()).endsWith("TLS handshake failed: the server's certificate is not valid for host '127.0.0.1'");
        assertThat(server.requests).isEmpty();
    }
}
