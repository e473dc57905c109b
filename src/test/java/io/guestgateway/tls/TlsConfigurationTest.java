package io.guestgateway.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guestgateway.config.CxoneProperties;
import io.guestgateway.cxone.TrustStore;
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
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.MapPropertySource;

/** The {@code cxone.tls.*} keys, the trust store's failure messages and the WebSocket client's TLS options. */
class TlsConfigurationTest {

    private final TestPki pki = TestPki.get();

    private static CxoneProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties)).bind("cxone", CxoneProperties.class).get();
    }

    @Test
    void tlsKeysBindWithPkcs12AsTheDefaultTypeAndThePasswordStaysOutOfToString() {
        CxoneProperties none = bind(Map.of("cxone.sandbox.enabled", "false"));
        CxoneProperties set = bind(Map.of("cxone.sandbox.enabled", "false", "cxone.tls.trust-store", "/etc/gateway/ca.p12",
                "cxone.tls.trust-store-password", "hunter2-trust", "cxone.tls.trust-store-type", "JKS"));

        assertThat(none.tls()).isEqualTo(new CxoneProperties.Tls(null, null, "PKCS12"));
        assertThat(set.tls()).isEqualTo(new CxoneProperties.Tls("/etc/gateway/ca.p12", "hunter2-trust", "JKS"));
        assertThat(set.toString()).contains("tls=Tls[trustStore=/etc/gateway/ca.p12, trustStorePassword=******, "
                + "trustStoreType=JKS]").doesNotContain("hunter2-trust");
        assertThat(TrustStore.of(none.tls().trustStore(), null, "PKCS12").custom()).isFalse();
    }

    @Test
    void theTrustStorePasswordIsMaskedInActuatorEnvAndConfigprops() {
        SecretSanitizer sanitizer = new SecretSanitizer();
        MapPropertySource source = new MapPropertySource("test", Map.of());
        for (String key : List.of("cxone.tls.trust-store-password", "CXONE_TLS_TRUSTSTOREPASSWORD", "trustStorePassword")) {
            assertThat(sanitizer.apply(new SanitizableData(source, key, "hunter2-trust")).getValue())
                    .as(key).isEqualTo(SanitizableData.SANITIZED_VALUE);
        }
        assertThat(sanitizer.apply(new SanitizableData(source, "cxone.tls.trust-store", "/etc/gateway/ca.p12")).getValue())
                .isEqualTo("/etc/gateway/ca.p12");
    }

    @Test
    void aTrustStoreThatCannotBeUsedFailsWithTheKeyNamedAndNoPassword() {
        String path = pki.caTrustStore.toString();

        assertThatThrownBy(() -> TrustStore.of(path, "wrong-password-xyz", "PKCS12"))
                .isInstanceOf(TrustStoreException.class)
                .hasMessageStartingWith("trust store '" + path + "' (cxone.tls.trust-store) could not be read as PKCS12 "
                        + "(check cxone.tls.trust-store-password and cxone.tls.trust-store-type)")
                .hasMessageNotContaining("wrong-password-xyz");
        assertThatThrownBy(() -> TrustStore.of(pki.dir.resolve("missing.p12").toString(), "x", "PKCS12"))
                .hasMessageEndingWith("missing.p12' (cxone.tls.trust-store) is not a readable file");
        assertThatThrownBy(() -> TrustStore.of(path, TestPki.TRUST_PASSWORD, "PKCS13"))
                .hasMessageContaining("unknown type 'PKCS13'");
        assertThat(TrustStore.of(path, TestPki.TRUST_PASSWORD, "").describe())
                .isEqualTo("trust store " + path + " (PKCS12, 1 entries)");
    }

    @Test
    void aBadTrustStoreFailsTheRouteWhenItIsBuilt() {
        CamelContext camel = new DefaultCamelContext();
        camel.start();
        try {
            assertThatThrownBy(() -> camel.getEndpoint("cxone-ws:x?wsUrl=RAW(wss://h/ws)&trustStore=/nonexistent/ca.p12"))
                    .hasRootCauseInstanceOf(TrustStoreException.class)
                    .hasStackTraceContaining("is not a readable file");
        } finally {
            camel.stop();
        }
    }

    @Test
    void wssMeansTlsOnPort443WithBothChecksAndTheJvmTrustUnlessConfigured() {
        URI cxone = URI.create("wss://api.cxone.com/webchat/v1/ws");

        WebSocketConnectOptions connect = CxoneWsClientOptions.connect(cxone, Duration.ofSeconds(10));
        WebSocketClientOptions byDefault = CxoneWsClientOptions.client(cxone, TrustStore.jvmDefault(), 1024, Duration.ofSeconds(10));
        WebSocketClientOptions privateCa = CxoneWsClientOptions.client(cxone,
                TrustStore.of(pki.caTrustStore.toString(), TestPki.TRUST_PASSWORD, "PKCS12"), 1024, Duration.ofSeconds(10));

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
