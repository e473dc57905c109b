package io.guestgateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.guestgateway.support.RunsAlone;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarInputStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway's container image as the pom's Jib configuration builds it. No base image can be pulled
 * here, so Jib builds onto an empty base ({@code -Djib.base-image=scratch}) into a tarball, and the test
 * reads the image configuration and layers from it: what the base image would add (a JRE) is the one
 * thing left unchecked ({@link ImageStartTest} starts the gateway from the image's files).
 */
@RunsAlone // builds the image into target/image-test, which ImageStartTest runs
class ImageConfigurationTest {

    static final String ROUTES_PATH = "/deployments/routes";
    private static OciImage image;

    @BeforeAll
    static void buildTheImageWithJib() throws Exception {
        image = GatewayImage.build();
    }

    @Test
    void theEntrypointStartsTheGatewayWithTheOptionsOfJvmOptions() throws IOException {
        List<String> entrypoint = strings(image.config.get("Entrypoint"));
        List<String> jvmOptions = jvmOptionsWithoutTheArchive();
        assertThat(jvmOptions).contains("-Xmx320m", "-XX:+UseSerialGC", "-XX:CompileThresholdScaling=3");
        List<String> expected = new ArrayList<>(List.of("java"));
        expected.addAll(jvmOptions);
        expected.addAll(List.of("-cp", "@/app/jib-classpath-file", "io.guestgateway.GatewayApplication"));
        assertThat(entrypoint).isEqualTo(expected);
        assertThat(image.config.path("Cmd").isMissingNode() || image.config.get("Cmd").isNull()).isTrue();
        assertThat(image.text("app/jib-main-class-file")).isEqualTo("io.guestgateway.GatewayApplication");
        assertThat(image.text("app/jib-classpath-file")).startsWith("/app/resources:/app/classes:/app/libs/");
    }

    @Test
    void itExposesHttpAndTheJolokiaPortAndRunsAsANumericNonRootUser() {
        assertThat(strings(image.config.get("ExposedPorts").fieldNames()))
                .containsExactlyInAnyOrder("8080/tcp", "8778/tcp");
        String user = image.config.get("User").asText();
        assertThat(user).as("numeric, so that Kubernetes' runAsNonRoot can check it").matches("[0-9]+");
        assertThat(Integer.parseInt(user)).isPositive();
    }

    @Test
    void routesAreReadFromTheWorkingDirectoryWhereTheConfigMapIsMountedElseFromTheClassPath() throws IOException {
        assertThat(image.config.get("WorkingDir").asText()).isEqualTo("/deployments");
        assertThat(image.config.at("/Labels/io.guestgateway.routes").asText()).isEqualTo(ROUTES_PATH);
        // GatewayDefaults reads ./routes when it holds route files: nothing of the image is there, so an
        // empty or missing mount falls back to the copies on the class path, which are the repository's
        assertThat(image.files).noneMatch(f -> f.startsWith("deployments/"));
        try (Stream<Path> routes = Files.list(Path.of("routes"))) {
            List<Path> files = routes.filter(p -> p.toString().endsWith(".yaml")).toList();
            assertThat(files).isNotEmpty();
            for (Path route : files) {
                assertThat(image.text("app/resources/routes/" + route.getFileName()))
                        .as("%s in the image", route).isEqualTo(Files.readString(route));
            }
        }
        assertThat(image.text("app/resources/application.yaml")).isEqualTo(Files.readString(Path.of("application.yaml")));
    }

    @Test
    void theLayersHoldTheGatewayItsLibrariesAndTheJolokiaAgentButNoTestDouble() throws IOException {
        assertThat(image.files).contains("app/classes/io/guestgateway/GatewayApplication.class",
                "app/classes/io/guestgateway/config/GatewayDefaults.class");
        assertThat(image.files).anyMatch(f -> f.matches("app/libs/camel-yaml-dsl-4[.0-9]+\\.jar"));
        assertThat(image.files).noneMatch(f -> f.contains("/sandbox/") || f.contains("/simulator/"));
        byte[] agent = image.contents.get("opt/jolokia/jolokia-agent.jar");
        assertThat(agent).as("the Jolokia JVM agent").isNotNull();
        try (JarInputStream jar = new JarInputStream(new ByteArrayInputStream(agent))) {
            assertThat(jar.getManifest().getMainAttributes().getValue("Premain-Class"))
                    .as("a jar that -javaagent can start").isNotBlank();
        }
    }

    @Test
    void deployReadmeShowsTheCommandThisTestRuns() throws IOException {
        assertThat(Files.readString(Path.of("deploy/README.md"))).contains(GatewayImage.README_COMMAND + "   # ImageConfigurationTest runs this");
    }

    @Test
    void theManifestsRunTheImageTheBuildNamesAndMountTheRoutesWhereItReadsThem() throws IOException {
        assertThat(image.name).isEqualTo("cxone-guest-gateway:0.1.0");
        JsonNode integration = KubernetesSchemas.documents(Path.of("deploy/integration.yaml")).get(0);
        assertThat(integration.at("/spec/traits/container/image").asText()).isEqualTo(image.name);
        assertThat(integration.at("/spec/traits/mount/resources").toString())
                .contains("configmap:cxone-guest-gateway-routes@" + ROUTES_PATH);
        assertThat(integration.at("/spec/traits/container/port").asInt() + "/tcp")
                .isIn(strings(image.config.get("ExposedPorts").fieldNames()));
        // deployment.yaml runs the same image with the same mounts (DeployManifestsTest)
    }

    private static List<String> jvmOptionsWithoutTheArchive() throws IOException {
        return Files.readAllLines(Path.of("jvm.options")).stream().map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .filter(option -> !option.startsWith("-XX:SharedArchiveFile="))
                .toList();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static List<String> strings(java.util.Iterator<String> names) {
        List<String> values = new ArrayList<>();
        names.forEachRemaining(values::add);
        return values;
    }
}
