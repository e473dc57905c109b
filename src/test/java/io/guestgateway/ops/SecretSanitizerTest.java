package io.guestgateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.guestgateway.platform.SecretSanitizer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.core.env.MapPropertySource;

/** What {@code /actuator/env} and {@code /actuator/configprops} show the administrator, value by value. */
class SecretSanitizerTest {

    private static final String MASK = SanitizableData.SANITIZED_VALUE;
    private final SecretSanitizer sanitizer = new SecretSanitizer();

    @ParameterizedTest
    @ValueSource(strings = {"cxone.client-secret", "CXONE_CLIENT_SECRET", "clientSecret", "gateway.admin.password",
            "spring.datasource.password", "spring.artemis.embedded.cluster-password", "crm.api-key",
            "cxone.access-token", "password", "crm.credentials", "tls.keystore.passphrase", "aliases[0].secret",
            "cxone.tls.trust-store-password", "crm.tls.trust-store-password", "CRM_TLS_TRUSTSTOREPASSWORD",
            "crm.tls.trustStorePassword"})
    void aKeyEndingInACredentialWordIsMaskedWhatever(String key) {
        assertThat(sanitize(key, "s3cr3t-value")).isEqualTo(MASK);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cxone.token-refresh-buffer", "gateway.admin.username", "crm.batch-size",
            "gateway.admin.password-generated", "cxone.api-base", "spring.datasource.url", "crm.tls.trust-store",
            "crm.tls.trust-store-type"})
    void otherKeysKeepTheirValue(String key) {
        assertThat(sanitize(key, "http://127.0.0.1:8089")).isEqualTo("http://127.0.0.1:8089");
    }

    @Test
    void theCommandLineKeepsItsOptionsButNotTheirSecrets() {
        String command = "gateway.jar --server.port=8080 --gateway.admin.password=pw-1 --cxone.client-secret=cs-2"
                + " --cxone.token-refresh-buffer=300s --crm.tls.trust-store=/etc/gw/crm.p12"
                + " --crm.tls.trust-store-password=tp-6";
        assertThat(sanitize("sun.java.command", command)).isEqualTo("gateway.jar --server.port=8080"
                + " --gateway.admin.password=" + MASK + " --cxone.client-secret=" + MASK
                + " --cxone.token-refresh-buffer=300s --crm.tls.trust-store=/etc/gw/crm.p12"
                + " --crm.tls.trust-store-password=" + MASK);
    }

    @Test
    void credentialsInsideUrlsAndJsonAreMasked() {
        assertThat(sanitize("gateway.test-postgres-url", "jdbc:postgresql://db:5432/gw?user=gw&password=pg-3&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/gw?user=gw&password=" + MASK + "&ssl=true");
        assertThat(sanitize("spring.artemis.broker-url", "tcp://artemis:pw-4@broker:61616"))
                .isEqualTo("tcp://artemis:" + MASK + "@broker:61616");
        assertThat(sanitize("SPRING_APPLICATION_JSON", "{\"cxone\":{\"client-secret\":\"cs-5\",\"client-id\":\"id\"}}"))
                .isEqualTo("{\"cxone\":{\"client-secret\":\"" + MASK + "\",\"client-id\":\"id\"}}");
    }

    @Test
    void nonTextValuesAndNullsPassThrough() {
        assertThat(sanitize("crm.batch-size", 5)).isEqualTo(5);
        assertThat(sanitize("cxone.client-secret", null)).isNull();
    }

    private Object sanitize(String key, Object value) {
        var source = new MapPropertySource("test", Map.of());
        return sanitizer.apply(new SanitizableData(source, key, value)).getValue();
    }
}
