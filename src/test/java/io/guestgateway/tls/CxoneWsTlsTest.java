package io.guestgateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.guestgateway.cxone.AccessTokens;
import io.guestgateway.cxone.TlsTrust;
import io.guestgateway.cxone.ws.CxoneWsComponent;
import io.guestgateway.cxone.ws.SubscriptionStatus;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The cxone-ws consumer against a real {@code wss://} Vert.x server on 127.0.0.1 that presents a
 * certificate from the test CA: refused by default, refused for the wrong host name, connected
 * (auth frame sent, data flowing) once the CA is in the configured trust store.
 */
@ExtendWith(OutputCaptureExtension.class)
class CxoneWsTlsTest {

    private static final String TOKEN = "ws-tls-token";

    private final TestPki pki = TestPki.get();
    private Vertx vertx;
    private LoopbackWssServer server;
    private CamelContext camel;

    @BeforeEach
    void startVertx() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() throws Exception {
        if (camel != null) {
            camel.stop();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void startRoute(String wsUrl, Path trustStore) throws Exception {
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("tokens", new AccessTokens() {
            @Override
            public String token() {
                return TOKEN;
            }

            @Override
            public void invalidate(String token) {
            }
        });
        CxoneWsComponent component = camel.getComponent("cxone-ws", CxoneWsComponent.class);
        component.setVertx(vertx);
        if (trustStore != null) {
            component.setTlsTrust(TestPki.trust(TlsTrust.CXONE_KEY, trustStore));
        }
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("cxone-ws:guest-frames?wsUrl=RAW(" + wsUrl + ")&accessTokens=#bean:tokens"
                        + "&reconnectInitialDelay=50ms&reconnectMaxDelay=200ms&connectTimeout=3s")
                        .routeId("tls-ingest").to("mock:frames");
            }
        });
        camel.start();
    }

    private SubscriptionStatus status() {
        return camel.getComponent("cxone-ws", CxoneWsComponent.class).getSubscriptionStatus();
    }

    @Test
    void anUntrustedCertificateIsRefusedAndRetriedNeverAuthenticated(CapturedOutput output) throws Exception {
        server = new LoopbackWssServer(vertx, pki.localhostKeyStore);
        String url = server.url("localhost");
        startRoute(url, null);

        await().atMost(Duration.ofSeconds(10)).until(() -> status().reconnects() >= 2);

        assertThat(output.getAll()).contains("cxone-ws connect to " + url + " failed: TLS handshake failed: "
                + "the server's certificate is not trusted by the JVM default CAs").doesNotContain(TOKEN);
        assertThat(server.upgrades.get()).isZero();
        assertThat(server.frames).isEmpty();  // the token never left the client
        assertThat(status().state()).isNotEqualTo(SubscriptionStatus.State.AUTHENTICATED);
    }

    @Test
    void aCertificateForAnotherHostIsRefusedEvenWithTheCaTrusted(CapturedOutput output) throws Exception {
        server = new LoopbackWssServer(vertx, pki.otherHostKeyStore);
        String url = server.url("localhost");
        startRoute(url, pki.caTrustStore);

        await().atMost(Duration.ofSeconds(10)).until(() -> status().reconnects() >= 2);

        assertThat(output.getAll()).contains("cxone-ws connect to " + url + " failed: TLS handshake failed: "
                + "the server's certificate is not valid for host 'localhost'");
        assertThat(server.upgrades.get()).isZero();
        assertThat(server.frames).isEmpty();
    }

    @Test
    void withTheCaTrustedItConnectsSendsTheAuthFrameAndReceives() throws Exception {
        server = new LoopbackWssServer(vertx, pki.localhostKeyStore);
        startRoute(server.url("localhost"), pki.caTrustStore);
        MockEndpoint frames = camel.getEndpoint("mock:frames", MockEndpoint.class);
        frames.expectedBodiesReceived(LoopbackWssServer.GUEST_FRAME);

        frames.assertIsSatisfied(10_000);

        assertThat(server.frames).containsExactly("{\"type\":\"auth\",\"token\":\"" + TOKEN + "\"}");
        assertThat(server.upgrades.get()).isEqualTo(1);
        assertThat(status().state()).isEqualTo(SubscriptionStatus.State.AUTHENTICATED);
        assertThat(status().reconnects()).isZero();
    }
}
