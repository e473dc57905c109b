package io.guestgateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.guestgateway.config.CxoneProperties;
import io.guestgateway.cxone.SubscriptionConfiguration;
import io.guestgateway.cxone.TlsTrust;
import io.guestgateway.cxone.TrustStoreException;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * {@code cxone.ssl-bundle} through the Spring wiring: one SSL bundle serves the token call (https)
 * and the subscription (wss) against loopback TLS servers, and a wrong one stops start-up.
 */
class TlsWiringTest {

    private final TestPki pki = TestPki.get();
    private final Vertx vertx = Vertx.vertx();

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(CxoneProperties.class)
    @Import(SubscriptionConfiguration.class)
    static class App {
        @Bean
        RouteBuilder ingestRoute() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("cxone-ws:guest-frames").routeId("ingest-guest-frames").to("mock:frames");
                }
            };
        }
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CamelAutoConfiguration.class, SslAutoConfiguration.class))
            .withUserConfiguration(App.class)
            .withPropertyValues("cxone.sandbox.enabled=false", "cxone.client-id=tls-client",
                    "cxone.client-secret=tls-secret-not-shown", "cxone.websocket.reconnect-initial-delay=50ms",
                    "cxone.websocket.reconnect-max-delay=200ms", "cxone.websocket.connect-timeout=3s",
                    "camel.main.routes-include-pattern=classpath:no-routes-in-this-test/*.yaml");

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void theConfiguredTrustStoreServesTheTokenCallAndTheWebSocket() throws Exception {
        try (LoopbackHttpsServer tokenServer = new LoopbackHttpsServer(pki.localhostKeyStore);
                LoopbackWssServer wsServer = new LoopbackWssServer(vertx, pki.localhostKeyStore)) {
            runner.withPropertyValues("cxone.api-base=" + tokenServer.base("localhost"),
                            "cxone.ws-url=" + wsServer.url("localhost"), "cxone.ssl-bundle=cxone-ca")
                    .withPropertyValues(TestPki.bundleProperties("cxone-ca", pki.caTrustStore))
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        assertThat(context.getBean(TlsTrust.class).describe())
                                .isEqualTo("SSL bundle 'cxone-ca' (cxone.ssl-bundle)");

                        await().atMost(Duration.ofSeconds(10)).until(() -> !wsServer.frames.isEmpty());

                        // the token came over https from the token server and went out over wss
                        assertThat(tokenServer.requests).hasSize(1);
                        assertThat(wsServer.frames).containsExactly(
                                "{\"type\":\"auth\",\"token\":\"" + LoopbackHttpsServer.TOKEN + "\"}");
                    });
        }
    }

    @Test
    void anUnreadableTrustStoreStopsStartUpNamingTheKey() {
        runner.withPropertyValues("cxone.api-base=https://localhost:1", "cxone.ws-url=wss://localhost:1/ws",
                        "cxone.ssl-bundle=cxone-ca",
                        "spring.ssl.bundle.jks.cxone-ca.truststore.location=" + pki.caTrustStore.toUri(),
                        "spring.ssl.bundle.jks.cxone-ca.truststore.password=not-the-password",
                        "spring.ssl.bundle.jks.cxone-ca.truststore.type=PKCS12")
                .run(context -> assertThat(context).getFailure()
                        .hasStackTraceContaining(TrustStoreException.class.getName() + ": SSL bundle 'cxone-ca' "
                                + "(cxone.ssl-bundle) cannot be used")
                        .hasStackTraceContaining("check its trust store location, password and type")
                        .satisfies(e -> assertThat(stackTrace(e)).doesNotContain("not-the-password")));
    }

    @Test
    void anUndefinedBundleStopsStartUpNamingTheKey() {
        runner.withPropertyValues("cxone.api-base=https://localhost:1", "cxone.ws-url=wss://localhost:1/ws",
                        "cxone.ssl-bundle=no-such-bundle")
                .run(context -> assertThat(context).getFailure()
                        .hasStackTraceContaining(TrustStoreException.class.getName()
                                + ": cxone.ssl-bundle names SSL bundle 'no-such-bundle', which is not defined"));
    }

    private static String stackTrace(Throwable e) {
        java.io.StringWriter out = new java.io.StringWriter();
        e.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
