package io.guestgateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.guestgateway.config.CrmProperties;
import io.guestgateway.config.CxoneProperties;
import io.guestgateway.config.TrustStoreFailureAnalyzer;
import io.guestgateway.cxone.SubscriptionConfiguration;
import io.guestgateway.cxone.TlsTrust;
import io.guestgateway.crm.CrmHttpConfiguration;
import io.guestgateway.platform.HttpsTrustConfiguration;
import java.io.PrintWriter;
import java.io.StringWriter;
import javax.net.ssl.SSLContext;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.component.http.HttpComponent;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The components of the routes' https calls: {@code https} (the routing call) uses the one
 * SSLContext of {@code cxone.ssl-bundle} that the token call and the WebSocket use, {@code crm-http}
 * follows {@code crm.ssl-bundle} alone, and a CRM bundle that is unknown or cannot be read stops
 * start-up naming its key, never its password.
 */
class HttpsTrustWiringTest {

    private final TestPki pki = TestPki.get();

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({CxoneProperties.class, CrmProperties.class})
    @Import({SubscriptionConfiguration.class, HttpsTrustConfiguration.class, CrmHttpConfiguration.class})
    static class App {}

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CamelAutoConfiguration.class, SslAutoConfiguration.class))
            .withUserConfiguration(App.class)
            .withPropertyValues("cxone.sandbox.enabled=false", "cxone.api-base=https://localhost:1",
                    "cxone.ws-url=wss://localhost:1/ws", "cxone.client-id=tls-client", "cxone.client-secret=tls-secret",
                    "crm.url=https://localhost:1/crm/batch", "crm.instance-id=tls-test",
                    "camel.main.routes-include-pattern=classpath:no-routes-in-this-test/*.yaml")
            .withPropertyValues(TestPki.bundleProperties("test-ca", pki.caTrustStore));

    private static SSLContext sslContext(HttpComponent component) throws Exception {
        return component.getSslContextParameters().createSSLContext(null);
    }

    @Test
    void theRoutingCallSharesTheCxoneContextAndTheCrmKeepsTheJvmDefaultUnlessItHasItsOwn() throws Exception {
        runner.withPropertyValues("cxone.ssl-bundle=test-ca")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    TlsTrust cxone = context.getBean(TlsTrust.class);
                    // the same SSLContext object: made once from the bundle, for all three CXone clients
                    assertThat(cxone.custom()).isTrue();
                    assertThat(sslContext(context.getBean("https", HttpComponent.class))).isSameAs(cxone.sslContext());
                    assertThat(sslContext(context.getBean("crm-http", HttpComponent.class)))
                            .isSameAs(SSLContext.getDefault());   // the JVM's default CAs
                });
        runner.withPropertyValues("crm.ssl-bundle=test-ca")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(TlsTrust.class).custom()).isFalse();
                    assertThat(sslContext(context.getBean("https", HttpComponent.class))).isSameAs(SSLContext.getDefault());
                    assertThat(sslContext(context.getBean("crm-http", HttpComponent.class)))
                            .isNotSameAs(SSLContext.getDefault());
                });
    }

    @Test
    void aCrmBundleThatCannotBeUsedStopsStartUpNamingTheKeyNotThePassword() {
        runner.withPropertyValues("crm.ssl-bundle=crm-ca",
                        "spring.ssl.bundle.jks.crm-ca.truststore.location=" + pki.caTrustStore.toUri(),
                        "spring.ssl.bundle.jks.crm-ca.truststore.password=not-the-password")
                .run(context -> {
                    Throwable failure = context.getStartupFailure();
                    FailureAnalysis analysis = new TrustStoreFailureAnalyzer().analyze(failure);
                    assertThat(analysis.getDescription())
                            .startsWith("Invalid configuration: SSL bundle 'crm-ca' (crm.ssl-bundle) cannot be used: ");
                    assertThat(stackTrace(failure)).doesNotContain("not-the-password");
                });
        runner.withPropertyValues("crm.ssl-bundle=crm-ca")
                .run(context -> assertThat(new TrustStoreFailureAnalyzer().analyze(context.getStartupFailure())
                        .getDescription()).isEqualTo("Invalid configuration: crm.ssl-bundle names SSL bundle 'crm-ca', "
                        + "which is not defined (spring.ssl.bundle.jks.crm-ca or spring.ssl.bundle.pem.crm-ca)"));
    }

    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
