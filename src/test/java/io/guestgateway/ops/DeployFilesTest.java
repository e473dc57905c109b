package io.guestgateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.guestgateway.platform.JolokiaSecretsRestrictor;
import io.guestgateway.platform.SecretSanitizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import javax.management.ObjectName;
import org.jolokia.server.core.restrictor.policy.PolicyRestrictor;
import org.jolokia.server.core.service.api.Restrictor;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.core.env.MapPropertySource;

/**
 * The Kubernetes files in {@code deploy/} cannot be applied here (no cluster); what can be checked
 * is that they say the same as the code: every setting of application.yaml is in the ConfigMap,
 * credentials only in the Secret, and the Jolokia agent's policy refuses what the embedded
 * console's restrictor refuses.
 */
class DeployFilesTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void theConfigMapCarriesEverySettingOfApplicationYaml() throws IOException {
        Properties config = properties("deploy/configmap.yaml", "application.properties");
        JsonNode application = YAML.readTree(Path.of("application.yaml").toFile());
        List<String> keys = new ArrayList<>();
        for (String section : List.of("cxone", "crm", "gateway", "routing", "sla")) {
            flatten(section, application.get(section), keys);
        }
        assertThat(keys).contains("cxone.token-refresh-buffer", "gateway.flood.max-tracked", "routing.max-delay");
        assertThat(config.stringPropertyNames()).containsAll(keys)
                .noneMatch(k -> k.startsWith("cxone.sandbox.")); // a test double's, not the gateway's
        assertThat(config.getProperty("spring.artemis.mode")).isEqualTo("native");
        assertThat(config.getProperty("spring.datasource.url")).startsWith("jdbc:postgresql://");
    }

    @Test
    void credentialsAreInTheSecretAndNowhereElse() throws IOException {
        Properties config = properties("deploy/configmap.yaml", "application.properties");
        Properties secret = properties("deploy/secret.example.yaml", "credentials.properties");
        assertThat(secret.stringPropertyNames()).contains("cxone.client-secret", "gateway.admin.password",
                "spring.artemis.password", "spring.datasource.password");
        assertThat(secret.stringPropertyNames()).allMatch(DeployFilesTest::isSecret);
        assertThat(config.stringPropertyNames()).noneMatch(DeployFilesTest::isSecret);
    }

    @Test
    void theAgentPolicyRefusesWhatTheEmbeddedConsoleRefuses() throws Exception {
        String xml = YAML.readTree(Path.of("deploy/jolokia-agent.yaml").toFile())
                .get("data").get("jolokia-access.xml").asText();
        Restrictor policy = new PolicyRestrictor(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Restrictor embedded = new JolokiaSecretsRestrictor();
        ObjectName runtime = new ObjectName("java.lang:type=Runtime");
        ObjectName diagnostics = new ObjectName("com.sun.management:type=DiagnosticCommand");
        ObjectName route = new ObjectName("org.apache.camel:context=cxone-guest-gateway,type=routes,name=\"x\"");
        Map<String, Boolean> reads = Map.of("SystemProperties", false, "InputArguments", false, "Uptime", true);
        reads.forEach((attribute, allowed) -> {
            assertThat(policy.isAttributeReadAllowed(runtime, attribute)).as(attribute).isEqualTo(allowed);
            assertThat(embedded.isAttributeReadAllowed(runtime, attribute)).as(attribute).isEqualTo(allowed);
        });
        Map<String, Boolean> operations = Map.of("vmSystemProperties", false, "vmCommandLine", false,
                "vmInfo", false, "gcClassHistogram", true);
        operations.forEach((operation, allowed) -> {
            assertThat(policy.isOperationAllowed(diagnostics, operation)).as(operation).isEqualTo(allowed);
            assertThat(embedded.isOperationAllowed(diagnostics, operation)).as(operation).isEqualTo(allowed);
        });
        assertThat(policy.isAttributeReadAllowed(route, "ExchangesCompleted")).isTrue();
        assertThat(policy.isOperationAllowed(route, "stop")).isTrue();
    }

    private static boolean isSecret(String key) {
        SanitizableData data = new SanitizableData(new MapPropertySource("deploy", Map.of()), key, "value");
        return SanitizableData.SANITIZED_VALUE.equals(new SecretSanitizer().apply(data).getValue());
    }

    private static Properties properties(String file, String key) throws IOException {
        JsonNode resource = YAML.readTree(Path.of(file).toFile());
        JsonNode data = resource.has("stringData") ? resource.get("stringData") : resource.get("data");
        Properties properties = new Properties();
        properties.load(new StringReader(data.get(key).asText()));
        return properties;
    }

    private static void flatten(String prefix, JsonNode node, List<String> keys) {
        if (node == null) {
            return;
        }
        if (!node.isObject()) {
            keys.add(prefix);
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            flatten(prefix + "." + field.getKey(), field.getValue(), keys);
        }
    }
}
