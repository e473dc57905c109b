package io.guestgateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guestgateway.config.CxoneProperties;
import io.guestgateway.cxone.TlsTrust;
import io.guestgateway.cxone.TrustStoreException;
import io.guestgateway.cxone.ws.CxoneWsClientOptions;
import io.guestgateway.platform.SecretSanitizer;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.ssl.DefaultSslBundleRegistry;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.jks.JksSslStoreBundle;
import org.springframework.boot.ssl.jks.JksSslStoreDetails;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.MapPropertySource;

/** The {@code cxone.ssl-bundle} key, the bundle's failure messages and the WebSocket client's TLS options. */
class TlsConfigurationTest {

    private final TestPki pki = TestPki.get();

    private static CxoneProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bind("cxone", CxoneProperties.class).get();
    }

    @Test
    void theBundleKeyBindsAndIsUnsetByDefault() {
        CxoneProperties none = bind(Map.of("cxone.client-id", "gateway-client"));
        CxoneProperties set = bind(Map.of("cxone.client-id", "gateway-client", "cxone.ssl-bundle", "cxone-ca"));

        assertThat(none.sslBundle()).isNull();
        assertThat(set.sslBundle()).isEqualTo("cxone-ca");
        assertThat(set.toString()).contains("sslBundle=cxone-ca");
        assertThat(TlsTrust.of(new DefaultSslBundleRegistry(), TlsTrust.CXONE_KEY, none.sslBundle()).custom()).isFalse();
    }

    @Test
    void theBundlePasswordIsMaskedInActuatorEnvAndConfigprops() {
        SecretSanitizer sanitizer = new SecretSanitizer();
        MapPropertySource source = new MapPropertySource("test", Map.of());
        for (String key : List.of("spring.ssl.bundle.jks.cxone-ca.truststore.password",
                "SPRING_SSL_BUNDLE_JKS_CXONECA_TRUSTSTORE_PASSWORD", "trustStorePassword")) {
            assertThat(sanitizer.apply(new SanitizableData(source, key, "hunter2-trust")).getValue())
                    .as(key).isEqualTo(SanitizableData.SANITIZED_VALUE);
        }
        assertThat(sanitizer.apply(new SanitizableData(source, "spring.ssl.bundle.jks.cxone-ca.truststore.location",
                "file:/etc/gateway/ca.p12")).getValue()).isEqualTo("file:/etc/gateway/ca.p12");
    }

    @Test
    void aBundleThatCannotBeUsedFailsWithTheKeyNamedAndNoPassword() {
        SslBundle wrongPassword = SslBundle.of(new JksSslStoreBundle(null, new JksSslStoreDetails("PKCS12", null,
                pki.caTrustStore.toUri().toString(), "wrong-password-xyz")));

        assertThatThrownBy(() -> TlsTrust.of(new DefaultSslBundleRegistry("crm-ca", wrongPassword), TlsTrust.CRM_KEY,
                        "crm-ca"))
                .isInstanceOf(TrustStoreException.class)
                .hasMessageStartingWith("SSL bundle 'crm-ca' (crm.ssl-bundle) cannot be used: ")
                .hasMessageNotContaining("wrong-password-xyz");
        assertThatThrownBy(() -> TlsTrust.of(new DefaultSslBundleRegistry(), TlsTrust.CRM_KEY, "crm-ca"))
                .hasMessage("crm.ssl-bundle names SSL bundle 'crm-ca', which is not defined "
                        + "(spring.ssl.bundle.jks.crm-ca or spring.ssl.bundle.pem.crm-ca)");
        assertThat(TestPki.trust(TlsTrust.CRM_KEY, pki.caTrustStore).describe())
                .isEqualTo("SSL bundle 'test-ca' (crm.ssl-bundle)");
    }

    @Test
    void theComponentNoLongerTakesATrustStoreFileSoAnOldOptionFailsTheRoute() {
        CamelContext camel = new DefaultCamelContext();
        camel.start();
        try {
            assertThatThrownBy(() -> camel.getEndpoint("cxone-ws:x?wsUrl=RAW(wss://h/ws)&trustStore=/etc/ca.p12"))
                    .hasStackTraceContaining("trustStore");
        } finally {
            camel.stop();
        }
    }

    @Test
    void wssMeansTlsOnPort443WithBothChecksAndTheJvmTrustUnlessConfigured() {
        URI cxone = URI.create("wss://api.cxone.com/webchat/v1/ws");

        WebSocketConnectOptions connect = CxoneWsClientOptions.connect(cxone, Duration.ofSeconds(10));
        WebSocketClientOptions byDefault = CxoneWsClientOptions.client(cxone, TlsTrust.jvmDefault(TlsTrust.CXONE_KEY),
                1024, Duration.ofSeconds(10));
        WebSocketClientOptions privateCa = CxoneWsClientOptions.client(cxone,
                TestPki.trust(TlsTrust.CXONE_KEY, pki.caTrustStore), 1024, Duration.ofSeconds(10));

        assertThat(connect.isSsl()).isTrue();
        assertThat(connect.getPort()).isEqualTo(443);
        assertThat(connect.getHost()).isEqualTo("api.cxone.com");
        assertThat(connect.getURI()).isEqualTo("/webchat/v1/ws");
        assertThat(byDefault.isSsl()).isTrue();
        assertThat(byDefault.isVerifyHost()).isTrue();
        assertThat(byDefault.isTrustAll()).isFalse();
        assertThat(byDefault.getTrustOptions()).isNull();  // Vert.x then uses the JVM's default trust managers
        assertThat(privateCa.isVerifyHost()).isTrue();
        assertThat(privateCa.isTrustAll()).isFalse();
        assertThat(privateCa.getTrustOptions()).isNotNull();

        WebSocketConnectOptions plain = CxoneWsClientOptions.connect(URI.create("ws://127.0.0.1/ws"), Duration.ofSeconds(1));
        assertThat(plain.isSsl()).isFalse();
        assertThat(plain.getPort()).isEqualTo(80);
    }
}
