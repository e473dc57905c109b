package io.guestgateway.ops;

import static io.guestgateway.ops.KubernetesSchemas.documents;
import static io.guestgateway.ops.KubernetesSchemas.integrationViolations;
import static io.guestgateway.ops.KubernetesSchemas.readCoreKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes files in deploy/ against the schemas the API server would check them with (no cluster
 * here: {@link KubernetesSchemas}), and against each other: the Deployment is the pod the Integration
 * asks Camel K for, both mount what the image and the gateway read where they read it, and the routes
 * ConfigMap holds routes/ as it is.
 */
class DeployManifestsTest {

    private static final Path INTEGRATION = Path.of("deploy/integration.yaml");
    private static final Path DEPLOYMENT = Path.of("deploy/deployment.yaml");
    private static final Path ROUTES_CONFIG_MAP = Path.of("deploy/routes-configmap.yaml");
    private static final List<String> CORE_FILES = List.of("deploy/master-rbac.yaml", "deploy/configmap.yaml",
            "deploy/secret.example.yaml", "deploy/jolokia-agent.yaml", "deploy/routes-configmap.yaml",
            "deploy/deployment.yaml");

    @Test
    void theIntegrationConformsToCamelKsIntegrationCrd() throws IOException {
        JsonNode integration = documents(INTEGRATION).get(0);
        assertThat(integrationViolations(integration)).as("%s against the Integration CRD", INTEGRATION).isEmpty();
        assertThat(integration.path("apiVersion").asText()).isEqualTo("camel.apache.org/v1");
        assertThat(integration.path("kind").asText()).isEqualTo("Integration");
    }

    @Test
    void aMisspelledTraitOptionOrAWrongTypeBreaksTheCrdSchema() throws IOException {
        ObjectNode misspelled = (ObjectNode) documents(INTEGRATION).get(0);
        ((ObjectNode) misspelled.at("/spec/traits/container")).put("imageName", "x");
        assertThat(integrationViolations(misspelled)).anySatisfy(e -> assertThat(e.toString()).contains("imageName"));
        ObjectNode wrongType = (ObjectNode) documents(INTEGRATION).get(0);
        ((ObjectNode) wrongType.at("/spec/traits/health")).put("livenessPeriod", "ten seconds");
        assertThat(integrationViolations(wrongType)).anySatisfy(e -> assertThat(e.toString()).contains("livenessPeriod"));
    }

    @Test
    void everyCoreKindReadsIntoTheKubernetesApiModelWithNoUnknownField() throws IOException {
        List<String> kinds = new ArrayList<>();
        for (String file : CORE_FILES) {
            for (JsonNode document : documents(Path.of(file))) {
                assertThat(readCoreKind(document)).as(file).isNotNull();
                kinds.add(document.path("kind").asText());
            }
        }
        assertThat(kinds).contains("ServiceAccount", "Role", "RoleBinding", "ConfigMap", "Secret", "Deployment", "Service");
        ObjectNode misspelled = (ObjectNode) documents(DEPLOYMENT).get(0);
        ((ObjectNode) misspelled.at("/spec/template/spec/containers/0")).put("imagePullPolicyy", "Always");
        assertThatThrownBy(() -> readCoreKind(misspelled)).hasMessageContaining("imagePullPolicyy");
    }

    @Test
    void theRoutesConfigMapHoldsTheRouteFilesAsTheyAre() throws IOException {
        Map<String, String> routes = routeFiles();
        assertThat(routes).isNotEmpty();
        Map<String, String> data = new LinkedHashMap<>();
        documents(ROUTES_CONFIG_MAP).get(0).path("data").fields()
                .forEachRemaining(entry -> data.put(entry.getKey(), entry.getValue().asText()));
        if (!data.equals(routes)) {
            Path regenerated = Path.of("target/deploy/routes-configmap.yaml");
            Files.createDirectories(regenerated.getParent());
            Files.writeString(regenerated, RoutesConfigMap.yaml(routes));
            assertThat(data).as("%s is out of step with routes/: cp %s deploy/", ROUTES_CONFIG_MAP, regenerated)
                    .isEqualTo(routes);
        }
        assertThat(Files.readString(ROUTES_CONFIG_MAP)).isEqualTo(RoutesConfigMap.yaml(routes));
        assertThat(Files.size(ROUTES_CONFIG_MAP)).as("the API server's limit for a ConfigMap").isLessThan(1 << 20);
    }

    @Test
    void theDeploymentRunsThePodTheIntegrationAsksCamelKFor() throws IOException {
        JsonNode traits = documents(INTEGRATION).get(0).at("/spec/traits");
        Container gateway = deployment().getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(gateway.getImage()).isEqualTo(traits.at("/container/image").asText());
        ContainerPort http = port(gateway, "http");
        assertThat(http.getContainerPort()).isEqualTo(traits.at("/container/port").asInt());
        assertThat(traits.at("/container/portName").asText()).isEqualTo("http");
        JsonNode templatePorts = documents(INTEGRATION).get(0).at("/spec/template/spec/containers/0/ports/0");
        assertThat(port(gateway, "jolokia").getContainerPort()).isEqualTo(templatePorts.path("containerPort").asInt());
        assertThat(templatePorts.path("name").asText()).isEqualTo("jolokia");

        assertThat(gateway.getResources().getRequests().get("cpu").toString()).isEqualTo(traits.at("/container/requestCPU").asText());
        assertThat(gateway.getResources().getLimits().get("cpu").toString()).isEqualTo(traits.at("/container/limitCPU").asText());
        assertThat(gateway.getResources().getRequests().get("memory").toString()).isEqualTo(traits.at("/container/requestMemory").asText());
        assertThat(gateway.getResources().getLimits().get("memory").toString()).isEqualTo(traits.at("/container/limitMemory").asText());

        JsonNode health = traits.path("health");
        assertProbe(gateway.getStartupProbe(), health, "startup");
        assertProbe(gateway.getLivenessProbe(), health, "liveness");
        assertProbe(gateway.getReadinessProbe(), health, "readiness");

        Map<String, String> env = gateway.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
        for (JsonNode variable : traits.at("/environment/vars")) {
            String[] pair = variable.asText().split("=", 2);
            assertThat(env).as("the Deployment's env").containsEntry(pair[0], pair[1]);
        }
        assertThat(mounts()).isEqualTo(integrationMounts(traits));
    }

    @Test
    void bothMountWhatTheImageAndTheGatewayReadWhereTheyReadIt() throws IOException {
        Map<String, String> mounts = mounts();
        assertThat(mounts).containsEntry("configmap:cxone-guest-gateway-routes", ImageConfigurationTest.ROUTES_PATH);
        Container gateway = deployment().getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, String> env = gateway.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
        // Spring Boot reads the settings and credentials from where Camel K's mount trait puts them
        assertThat(env.get("SPRING_CONFIG_IMPORT").split(",")).containsExactly(
                "optional:file:" + mounts.get("configmap:cxone-guest-gateway-config") + "/application.properties",
                "optional:file:" + mounts.get("secret:cxone-guest-gateway-credentials") + "/credentials.properties");
        String jolokia = documents(Path.of("deploy/jolokia-agent.yaml")).get(0).at("/data/jolokia.properties").asText();
        assertThat(env.get("JDK_JAVA_OPTIONS")).isEqualTo("-javaagent:/opt/jolokia/jolokia-agent.jar=config="
                + mounts.get("configmap:cxone-guest-gateway-jolokia") + "/jolokia.properties");
        assertThat(jolokia).contains("port=" + port(gateway, "jolokia").getContainerPort(),
                "policyLocation=file://" + mounts.get("configmap:cxone-guest-gateway-jolokia") + "/jolokia-access.xml");
        // gateway.data-dir is on the writable emptyDir, the rest of the file system is the image's
        String dataDir = documents(Path.of("deploy/configmap.yaml")).get(0).at("/data/application.properties").asText()
                .lines().filter(l -> l.startsWith("gateway.data-dir=")).findFirst().orElseThrow();
        assertThat(dataDir).startsWith("gateway.data-dir=" + mounts.get("emptyDir:tmp") + "/");
        // the names a manifest refers to exist in deploy/
        List<String> configMaps = new ArrayList<>();
        for (String file : CORE_FILES) {
            documents(Path.of(file)).stream().filter(d -> d.path("kind").asText().equals("ConfigMap"))
                    .forEach(d -> configMaps.add("configmap:" + d.at("/metadata/name").asText()));
        }
        assertThat(configMaps).containsAll(mounts.keySet().stream().filter(k -> k.startsWith("configmap:")).toList());
        assertThat(documents(Path.of("deploy/secret.example.yaml")).get(0).at("/metadata/name").asText())
                .isEqualTo("cxone-guest-gateway-credentials");
    }

    @Test
    void thePodsRunAsTheServiceAccountTheLeaseRoleIsBoundTo() throws IOException {
        List<JsonNode> rbac = documents(Path.of("deploy/master-rbac.yaml"));
        RoleBinding binding = (RoleBinding) readCoreKind(rbac.stream()
                .filter(d -> d.path("kind").asText().equals("RoleBinding")).findFirst().orElseThrow());
        String account = binding.getSubjects().get(0).getName();
        assertThat(documents(INTEGRATION).get(0).at("/spec/serviceAccountName").asText()).isEqualTo(account);
        assertThat(deployment().getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo(account);
        // the Deployment names its own pods as the Lease's members (Camel K's label is the default)
        Map<String, String> labels = deployment().getSpec().getTemplate().getMetadata().getLabels();
        Container gateway = deployment().getSpec().getTemplate().getSpec().getContainers().get(0);
        String selector = gateway.getEnv().stream().filter(e -> e.getName().equals("GATEWAY_LEADER_KUBERNETES_POD_SELECTOR"))
                .findFirst().orElseThrow().getValue();
        assertThat(selector.split(",")).allSatisfy(pair -> assertThat(labels).containsEntry(pair.split("=")[0], pair.split("=")[1]));
        assertThat(deployment().getSpec().getSelector().getMatchLabels()).isEqualTo(labels);
    }

    private static void assertProbe(Probe probe, JsonNode health, String kind) {
        assertThat(health.path(kind + "ProbeEnabled").asBoolean()).as(kind).isTrue();
        assertThat(probe.getHttpGet().getPath()).as(kind).isEqualTo(health.path(kind + "Probe").asText())
                .startsWith("/actuator/health/");
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
        assertThat(probe.getPeriodSeconds()).as(kind).isEqualTo(health.path(kind + "Period").asInt());
        assertThat(probe.getFailureThreshold()).as(kind).isEqualTo(health.path(kind + "FailureThreshold").asInt());
        if (health.has(kind + "Timeout")) {
            assertThat(probe.getTimeoutSeconds()).as(kind).isEqualTo(health.path(kind + "Timeout").asInt());
        }
    }

    /** The Deployment's mounts as the mount trait would write them: {@code configmap:name} to its path. */
    private static Map<String, String> mounts() throws IOException {
        var pod = deployment().getSpec().getTemplate().getSpec();
        Map<String, Volume> volumes = pod.getVolumes().stream().collect(Collectors.toMap(Volume::getName, v -> v));
        Map<String, String> mounts = new LinkedHashMap<>();
        for (VolumeMount mount : pod.getContainers().get(0).getVolumeMounts()) {
            Volume volume = volumes.get(mount.getName());
            String source = volume.getConfigMap() != null ? "configmap:" + volume.getConfigMap().getName()
                    : volume.getSecret() != null ? "secret:" + volume.getSecret().getSecretName()
                    : "emptyDir:" + volume.getName();
            mounts.put(source, mount.getMountPath());
        }
        return mounts;
    }

    /** Where Camel K's mount trait puts each: configs under /etc/camel/conf.d, resources at their {@code @path}. */
    private static Map<String, String> integrationMounts(JsonNode traits) {
        Map<String, String> mounts = new LinkedHashMap<>();
        for (JsonNode config : traits.at("/mount/configs")) {
            String[] kindAndName = config.asText().split(":", 2);
            String folder = kindAndName[0].equals("configmap") ? "_configmaps" : "_secrets";
            mounts.put(config.asText(), "/etc/camel/conf.d/" + folder + "/" + kindAndName[1]);
        }
        for (JsonNode resource : traits.at("/mount/resources")) {
            String[] sourceAndPath = resource.asText().split("@", 2);
            mounts.put(sourceAndPath[0], sourceAndPath[1]);
        }
        for (JsonNode emptyDir : traits.at("/mount/emptyDirs")) {
            String[] nameAndPath = emptyDir.asText().split(":", 2);
            mounts.put("emptyDir:" + nameAndPath[0], nameAndPath[1]);
        }
        return mounts;
    }

    private static ContainerPort port(Container container, String name) {
        return container.getPorts().stream().filter(p -> name.equals(p.getName())).findFirst().orElseThrow();
    }

    private static Deployment deployment() throws IOException {
        return (Deployment) readCoreKind(documents(DEPLOYMENT).get(0));
    }

    private static Map<String, String> routeFiles() throws IOException {
        Map<String, String> routes = new LinkedHashMap<>();
        try (Stream<Path> files = Files.list(Path.of("routes"))) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                routes.put(file.getFileName().toString(), Files.readString(file));
            }
        }
        return routes;
    }
}
