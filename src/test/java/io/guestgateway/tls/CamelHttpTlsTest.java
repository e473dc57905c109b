package io.guestgateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Task Routing and CRM calls go through camel-http ({@code https://} endpoints, Apache
 * HttpClient 5). Checked here bare, with no TLS options: the JVM's default trust and a host-name
 * check. The last test shows the mechanism for a private CA (sslContextParameters), which the
 * routes use through HttpsTrustConfiguration's beans; RoutesOverHttpsTest runs the routes so.
 */
class CamelHttpTlsTest {

    private final TestPki pki = TestPki.get();
    private LoopbackHttpsServer server;
    private CamelContext camel;

    @BeforeEach
    void startCamel() {
        camel = new DefaultCamelContext();
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
        if (server != null) {
            server.close();
        }
    }

    private Throwable post(String host) {
        ProducerTemplate template = camel.createProducerTemplate();
        return catchThrowable(() -> template.requestBody(server.base(host) + "/oauth/v2/token?httpMethod=POST",
                "grant_type=client_credentials", String.class));
    }

    private void trustTestCa() {
        KeyStoreParameters store = new KeyStoreParameters();
        store.setResource("file:" + pki.caTrustStore);
        store.setPassword(TestPki.TRUST_PASSWORD);
        store.setType("PKCS12");
        TrustManagersParameters trust = new TrustManagersParameters();
        trust.setKeyStore(store);
        SSLContextParameters ssl = new SSLContextParameters();
        ssl.setTrustManagers(trust);
        camel.getComponent("https", HttpComponent.class).setSslContextParameters(ssl);
    }

    @Test
    void byDefaultAnUnknownCaIsRefused() throws Exception {
        server = new LoopbackHttpsServer(pki.localhostKeyStore);

        assertThat(post("localhost")).hasCauseInstanceOf(SSLHandshakeException.class)
                .hasStackTraceContaining("PKIX path building failed");
        assertThat(server.requests).isEmpty();
    }

    @Test
    void withTheCaTrustedAnotherHostsCertificateIsStillRefused() throws Exception {
        server = new LoopbackHttpsServer(pki.otherHostKeyStore);
        trustTestCa();

        assertThat(post("localhost")).hasCauseInstanceOf(SSLPeerUnverifiedException.class)
                .hasStackTraceContaining("localhost");
        assertThat(server.requests).isEmpty();
    }

    @Test
    void withTheCaTrustedTheRightHostIsReached() throws Exception {
        server = new LoopbackHttpsServer(pki.localhostKeyStore);
        trustTestCa();

        String body = camel.createProducerTemplate().requestBody(server.base("localhost") + "/oauth/v2/token?httpMethod=POST",
                "grant_type=client_credentials", String.class);

        assertThat(body).contains(LoopbackHttpsServer.TOKEN);
        assertThat(server.requests).containsExactly("grant_type=client_credentials");
    }
}
