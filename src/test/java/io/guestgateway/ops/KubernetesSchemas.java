package io.guestgateway.ops;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.NonValidationKeyword;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the API server would check in deploy/, offline. The Integration: the openAPIV3Schema of Camel K's
 * Integration CRD (camel-k-crds), where an unknown field is an error as with kubectl's default strict
 * field validation rather than pruned. The core kinds: fabric8's typed Kubernetes model with unknown
 * fields an error (its classes otherwise keep them aside) and every value of the type the API expects.
 */
final class KubernetesSchemas {

    static final YAMLMapper YAML = new YAMLMapper();
    private static final String INTEGRATION_CRD = "camel.apache.org_integrations.yaml";
    private static final Map<String, Class<?>> CORE_KINDS = Map.of("ConfigMap", ConfigMap.class, "Secret", Secret.class,
            "ServiceAccount", ServiceAccount.class, "Role", Role.class, "RoleBinding", RoleBinding.class,
            "Deployment", Deployment.class, "Service", Service.class);
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setAnnotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated member) {
                    return Boolean.FALSE; // fabric8's additionalProperties would accept any misspelled field
                }
            });

    private static final List<String> KUBERNETES_KEYWORDS = List.of("x-kubernetes-preserve-unknown-fields",
            "x-kubernetes-int-or-string", "x-kubernetes-list-map-keys", "x-kubernetes-list-type",
            "x-kubernetes-map-type", "x-kubernetes-embedded-resource");
    private static Schema integration;

    private KubernetesSchemas() {
    }

    static List<JsonNode> documents(Path file) throws IOException {
        return YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile()).readAll();
    }

    /** Messages for what breaks the Integration CRD's schema; empty when it conforms. */
    static synchronized List<Error> integrationViolations(JsonNode integration) {
        return integrationSchema().validate(integration);
    }

    /** Reads a core kind into the Kubernetes API model: throws when a field is unknown or of the wrong type. */
    static Object readCoreKind(JsonNode document) throws IOException {
        Class<?> type = CORE_KINDS.get(document.path("kind").asText());
        if (type == null) {
            throw new IllegalArgumentException("no model for kind " + document.path("kind"));
        }
        return STRICT.treeToValue(document, type);
    }

    private static Schema integrationSchema() {
        if (integration == null) {
            try (InputStream in = KubernetesSchemas.class.getClassLoader().getResourceAsStream(INTEGRATION_CRD)) {
                if (in == null) {
                    throw new IllegalStateException(INTEGRATION_CRD + " is not on the class path (camel-k-crds)");
                }
                JsonNode crd = YAML.readTree(in);
                JsonNode schema = crd.at("/spec/versions/0/schema/openAPIV3Schema").deepCopy();
                refuseUnknownFields(schema);
                // Kubernetes' own keywords (x-kubernetes-*) steer the API server's merging, not validation
                Dialect.Builder openApi = Dialect.builder(Dialects.getDraft4());
                KUBERNETES_KEYWORDS.forEach(keyword -> openApi.keyword(new NonValidationKeyword(keyword)));
                integration = SchemaRegistry.withDefaultDialect(openApi.build()).getSchema(schema);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return integration;
    }

    /** Every object schema that lists its properties and does not keep unknown fields takes no others. */
    private static void refuseUnknownFields(JsonNode schema) {
        if (!(schema instanceof ObjectNode object)) {
            return;
        }
        if (object.has("properties") && !object.has("additionalProperties")
                && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
            object.set("additionalProperties", BooleanNode.FALSE);
        }
        object.path("properties").forEach(KubernetesSchemas::refuseUnknownFields);
        refuseUnknownFields(object.path("items"));
        refuseUnknownFields(object.path("additionalProperties"));
        for (String combination : List.of("allOf", "anyOf", "oneOf")) {
            object.path(combination).forEach(KubernetesSchemas::refuseUnknownFields);
        }
    }
}
