package io.guestgateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every route file stays valid Camel YAML DSL, checked against the JSON schema that ships inside
 * camel-yaml-dsl ({@code schema/camelYamlDsl.json}, draft-04): the same schema visual editors such
 * as Kaoto edit against, so a file that passes here opens there. Validates {@code routes/*.yaml}
 * (none yet is fine) and the browser check's fixture route.
 */
class CamelYamlSchemaTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{[^{}]+}}");
    private static Schema camelYamlDsl;

    @BeforeAll
    static void loadSchemaFromTheCamelJar() throws IOException {
        try (InputStream in = CamelYamlSchemaTest.class.getClassLoader()
                .getResourceAsStream("schema/camelYamlDsl.json")) {
            assertThat(in).as("schema/camelYamlDsl.json on the classpath (camel-yaml-dsl)").isNotNull();
            camelYamlDsl = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4).getSchema(in);
        }
    }

    @Test
    void everyRouteFileMatchesTheCamelYamlDslSchema() {
        List<Path> files = yamlFiles(Path.of("routes"));
        files.addAll(yamlFiles(Path.of("e2e", "fixtures")));
        assertThat(files).as("at least the e2e fixture route is checked").isNotEmpty();
        for (Path file : files) {
            List<Error> errors = violations(read(file));
            assertThat(errors).as("%s breaks the Camel YAML DSL schema:%n%s", file, describe(errors)).isEmpty();
        }
    }

    @Test
    void aRouteWithEveryStepKindTheGatewayUsesIsValid() {
        String route = """
                - routeConfiguration:
                    id: gateway-errors
                    onException:
                      - onException:
                          exception: [java.io.IOException]
                          redeliveryPolicy:
                            maximumRedeliveries: "{{routing.max-retries}}"
                            redeliveryDelay: "{{routing.initial-delay}}"
                            useExponentialBackOff: true
                            backOffMultiplier: 2
                          handled:
                            constant: "true"   # the schema wants expression text, not a YAML boolean
                          steps:
                            - to:
                                uri: jms:queue:guest.routing.dlq
                - route:
                    id: route-conversation
                    routeConfigurationId: gateway-errors
                    from:
                      uri: jms:queue:guest.routing
                      parameters:
                        transacted: true
                      steps:
                        - idempotentConsumer:
                            idempotentRepository: "#conversationIds"
                            header: conversationId
                            steps:
                              - throttle:
                                  mode: ConcurrentRequests
                                  expression:
                                    constant: "{{routing.max-concurrent}}"
                              - to:
                                  uri: http://127.0.0.1/api/v2/routing/conversations
                """;
        assertThat(violations(route)).isEmpty();
    }

    @Test
    void anUnknownStepIsRejected() {
        String broken = """
                - route:
                    id: route-conversation
                    from:
                      uri: jms:queue:guest.routing
                      steps:
                        - sendTo:
                            uri: log:x
                """;
        assertThat(violations(broken)).isNotEmpty()
                .anySatisfy(e -> assertThat(e.getInstanceLocation().toString()).contains("steps"));
    }

    @Test
    void aMisspelledTopLevelKeyAndAWronglyTypedOptionAreRejected() {
        assertThat(violations("- rout:\n    from:\n      uri: timer:x\n      steps: []\n")).isNotEmpty();
        String wrongType = """
                - route:
                    id: sync-crm-batch
                    autoStartup: "yes, please"
                    from:
                      uri: timer:x
                      steps: []
                """;
        assertThat(violations(wrongType)).isNotEmpty();
    }

    @Test
    void aPlaceholderMayStandForANumberOrABooleanButAWordMayNot() {
        String template = """
                - errorHandler:
                    defaultErrorHandler:
                      redeliveryPolicy:
                        maximumRedeliveries: %s
                        useExponentialBackOff: %s
                """;
        assertThat(violations(template.formatted("\"{{routing.max-retries}}\"", "\"{{routing.backoff}}\""))).isEmpty();
        assertThat(violations(template.formatted("4", "true"))).isEmpty();
        assertThat(violations(template.formatted("four", "true")))
                .anySatisfy(e -> assertThat(e.toString()).contains("maximumRedeliveries: string found, number expected"));
        assertThat(violations(template.formatted("4", "\"{{half-open}} or not\"")))
                .anySatisfy(e -> assertThat(e.toString()).contains("useExponentialBackOff: string found, boolean expected"));
    }

    /** All documents of a YAML stream; a file may hold several separated by {@code ---}. */
    private static List<Error> violations(String yaml) {
        // readValues would unwrap the top-level list into its items; read document by document
        List<Error> errors = new ArrayList<>();
        try (JsonParser documents = YAML.createParser(yaml)) {
            while (documents.nextToken() != null) {
                errors.addAll(violations(YAML.<JsonNode>readTree(documents)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return errors;
    }

    /**
     * Camel resolves {@code {{placeholders}}} before it converts an option to its type, so a
     * placeholder may stand where the schema wants a number or a boolean
     * ({@code maximumRedeliveries: "{{routing.max-retries}}"}). Each such value is replaced by a
     * stand-in of the wanted type and the document validated again; any other value must match.
     */
    private static List<Error> violations(JsonNode document) {
        for (int pass = 0; pass < 100; pass++) {
            List<Error> errors = camelYamlDsl.validate(document);
            List<Error> placeholders = errors.stream().filter(CamelYamlSchemaTest::isTypedPlaceholder).toList();
            if (placeholders.isEmpty()) {
                return errors;
            }
            placeholders.forEach(e -> replace(document, e.getInstanceLocation(), standIn(e)));
        }
        throw new IllegalStateException("more than 100 placeholders in typed options in one document");
    }

    private static boolean isTypedPlaceholder(Error error) {
        JsonNode value = error.getInstanceNode();
        return "type".equals(error.getKeyword()) && value != null && value.isTextual()
                && PLACEHOLDER.matcher(value.textValue()).matches() && standIn(error) != null;
    }

    private static JsonNode standIn(Error error) {
        String expected = String.valueOf(error.getArguments()[error.getArguments().length - 1]);
        return switch (expected) {
            case "integer", "number" -> IntNode.valueOf(1);
            case "boolean" -> BooleanNode.TRUE;
            default -> null;
        };
    }

    private static void replace(JsonNode document, NodePath location, JsonNode standIn) {
        JsonNode parent = document;
        for (int i = 0; i < location.getNameCount() - 1; i++) {
            Object step = location.getElement(i);
            parent = step instanceof Integer index ? parent.get(index) : parent.get(String.valueOf(step));
        }
        Object last = location.getElement(location.getNameCount() - 1);
        if (parent instanceof ArrayNode list && last instanceof Integer index) {
            list.set(index, standIn);
        } else if (parent instanceof ObjectNode object) {
            object.set(String.valueOf(last), standIn);
        }
    }

    /**
     * A oneOf/anyOf miss lists every alternative; the lines naming a concrete problem (a wrong type,
     * an unknown or missing property) are the ones a route author needs.
     */
    private static String describe(List<Error> errors) {
        List<String> concrete = errors.stream().map(Error::toString)
                .filter(m -> m.contains(" found, ") || m.contains("is not defined in the schema")
                        || m.contains("not allowed"))
                .distinct().limit(20).toList();
        List<String> shown = concrete.isEmpty() ? errors.stream().map(Error::toString).limit(20).toList() : concrete;
        return String.join(System.lineSeparator(), shown) + System.lineSeparator() + "(" + errors.size()
                + " schema messages in all)";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> yamlFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return new ArrayList<>();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return new ArrayList<>(files.filter(f -> f.getFileName().toString().endsWith(".yaml")).sorted().toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
