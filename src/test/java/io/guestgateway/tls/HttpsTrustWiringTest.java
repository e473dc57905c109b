package io.guestgateway.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.guestgateway.config.ConfigFailureAnalyzer;
import io.guestgateway.config.CrmProperties;
import io.guestgateway.config.CxoneProperties;
import io.guestgateway.config.TrustStoreFailureAnalyzer;
import io.guestgateway.cxone.SubscriptionConfiguration;
import io.guestgateway.cxone.TrustStore;
import io.guestgateway.crm.CrmHttpConfiguration;
import io.guestgateway.platform.HttpsTrustConfiguration;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import javax.net.ssl.X509TrustManager;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.apache.camel.component.http.HttpComponent;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The components of the routes' https calls: {@code https} (the routing call) trusts the one
 * {@code cxone.tls} store of the token call and the WebSocket, {@code crm-http}
 * follows {@code crm.tls.*} alone, and a CRM trust store that cannot be read stops start-up
 * naming its key, never its password.
 */
class HttpsTrustWiringTest {

    private final TestPki pki = TestPki.get();

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({CxoneProperties.class, CrmProperties.class})
    @Import({SubscriptionConfiguration.class, HttpsTrustConfiguration.class, CrmHttpConfiguration.class})
    static class App {}

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CamelAutoConfiguration.class))
            .withUserConfiguration(App.class)
            .withPropertyValues("cxone.sandbox.enabled=false", "cxone.api-base=https://localhost:1",
                    "cxone.ws-url=wss://localhost:1/ws", "cxone.client-id=tls-client", "cxone.client-secret=tls-secret",
                    "crm.url=https://localhost:1/crm/batch",
                    "camel.main.routes-include-pattern=classpath:no-routes-in-this-test/*.yaml");

    @Test
    void theRoutingCallSharesTheCxoneStoreAndTheCrmKeepsTheJvmDefaultUnlessItHasItsOwn() {
        runner.withPropertyValues("cxone.tls.trust-store=" + pki.caTrustStore,
                        "cxone.tls.trust-store-password=" + TestPki.TRUST_PASSWORD)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    TrustStore cxone = context.getBean(TrustStore.class);
                    SSLContextParameters routing = context.getBean("https", HttpComponent.class).getSslContextParameters();
                    SSLContextParameters crm = context.getBean("crm-http", HttpComponent.class).getSslContextParameters();

                    // the same trust manager object: the file was read once, for all three CXone clients
                    assertThat(routing.getTrustManagers().getTrustManager())
                            .isSameAs(cxone.trustManagerFactory().getTrustManagers()[0]);
                    assertThat(routing.getKeyManagers()).isNull();
                    assertThat(crm.getTrustManagers()).isNull();   // the JVM's default CAs
                });
        runner.withPropertyValues("crm.tls.trust-store=" + pki.caTrustStore,
                        "crm.tls.trust-store-password=" + TestPki.TRUST_PASSWORD)
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(TrustStore.class).custom()).isFalse();
                    X509TrustManager crm = (X509TrustManager) context.getBean("crm-http", HttpComponent.class)
                            .getSslContextParameters().getTrustManagers().getTrustManager();
                    assertThat(Arrays.asList(crm.getAcceptedIssuers())).containsExactly(pki.caCertificate());
                });
    }

    @Test
    void aCrmTrustStoreThatCannotBeReadStopsStartUpNamingTheKeyNotThePassword() {
        runner.withPropertyValues("crm.tls.trust-store=" + pki.caTrustStore, "crm.tls.trust-store-password=not-the-password")
                .run(context -> {
                    Throwable failure = context.getStartupFailure();
                    FailureAnalysis analysis = new TrustStoreFailureAnalyzer().analyze(failure);
                    assertThat(analysis.getDescription()).startsWith("Invalid configuration: trust store '"
                            + pki.caTrustStore + "' (crm.tls.trust-store) could not be read as PKCS12 (check "
                            + "crm.tls.trust-store-password and crm.tls.trust-store-type)");
                    assertThat(stackTrace(failure)).doesNotContain("not-the-password");
                });
        runner.withPropertyValues("crm.tls.trust-store=" + pki.dir.resolve("missing.p12"))
                .run(context -> assertThat(new TrustStoreFailureAnalyzer().analyze(context.getStartupFailure())
                        .getDescription()).isEqualTo("Invalid configuration: trust store '" + pki.dir.resolve("missing.p12")
                        + "' (crm.tls.trust-store) is not a readable file"));
        runner.withPropertyValues("crm.tls.trust-store=" + pki.caTrustStore, "crm.tls.trust-store-type=")
                .run(context -> assertThat(new ConfigFailureAnalyzer().analyze(context.getStartupFailure()).getDescription())
                        .isEqualTo("Invalid configuration: crm.tls.trust-store-type must not be blank"));
    }

    private static String stackTrace(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
