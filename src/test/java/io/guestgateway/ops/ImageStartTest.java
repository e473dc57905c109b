package io.guestgateway.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.guestgateway.support.GatewayRun;
import io.guestgateway.support.RunsAlone;
import io.guestgateway.tls.TestPki;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The image's own files start the gateway as the pod in deploy/ would: the entrypoint's JVM options,
 * main class and class path (rooted where the layers were laid out: no container runtime here), the
 * working directory with the routes ConfigMap laid out as the kubelet mounts it, the settings and
 * credentials of deploy/ read through the Deployment's SPRING_CONFIG_IMPORT, and the Jolokia agent
 * started by its JDK_JAVA_OPTIONS. Replaced, because they need a cluster or the outside world: the
 * external broker and PostgreSQL (the embedded broker, H2), the Lease (the file lock) and the CXone
 * and CRM endpoints (a closed loopback port). The JVM is this test's, not the base image's.
 */
@RunsAlone // runs the image ImageConfigurationTest builds into target/image-test
class ImageStartTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final Duration START_TIMEOUT = Duration.ofSeconds(150);

    @TempDir
    Path pod;
    private final int httpPort = GatewayRun.freePort();
    private final int jolokiaPort = GatewayRun.freePort();

    @Test
    void theImagesFilesStartTheGatewayLiveAndReadyWithTheRoutesFromTheMount() throws Exception {
        OciImage image = GatewayImage.build();
        Path workingDir = layOutThePod(image);
        Path log = GatewayImage.DIR.resolve("gateway.log");
        ProcessBuilder gateway = new ProcessBuilder(entrypoint(image)).directory(workingDir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        setEnvironment(gateway.environment());
        Process process = gateway.start();
        try {
            await().atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(500))
                    .failFast("the gateway exited; see " + log, () -> !process.isAlive())
                    .until(() -> status("/actuator/health/liveness", null) == 200
                            && status("/actuator/health/readiness", null) == 200);
            Properties credentials = new Properties();
            credentials.load(new StringReader(KubernetesSchemas.documents(Path.of("deploy/secret.example.yaml"))
                    .get(0).at("/stringData/credentials.properties").asText()));
            String admin = "admin:" + credentials.getProperty("gateway.admin.password");
            assertThat(get("/actuator/env/camel.main.routes-include-pattern", admin).body())
                    .as("the routes come from the mounted ConfigMap").contains("\"value\":\"file:routes/*.yaml\"");
            assertThat(Files.readString(log)).as("the Jolokia agent of JDK_JAVA_OPTIONS")
                    .containsPattern("Jolokia: Agent [.0-9]+ started with URL https://\\S+:" + jolokiaPort + "/jolokia")
                    .contains("Using policy access restrictor file://" + pod + "/etc/jolokia/jolokia-access.xml");
        } finally {
            process.destroy(); // SIGTERM, as the kubelet stops a pod
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        assertThat(process.exitValue()).as("exit after SIGTERM; log: %s", log).isZero();
    }

    /** The pod's mounts as deploy/ declares them, under {@link #pod}; returns the working directory. */
    private Path layOutThePod(OciImage image) throws Exception {
        Path workingDir = Files.createDirectories(pod.resolve(image.config.get("WorkingDir").asText().substring(1)));
        mountConfigMap(workingDir.resolve("routes"), data("deploy/routes-configmap.yaml"));
        mountConfigMap(pod.resolve("etc/camel/conf.d/_configmaps/cxone-guest-gateway-config"), data("deploy/configmap.yaml"));
        mountConfigMap(pod.resolve("etc/camel/conf.d/_secrets/cxone-guest-gateway-credentials"),
                KubernetesSchemas.documents(Path.of("deploy/secret.example.yaml")).get(0).path("stringData"));
        // the service CA that OpenShift puts beside the service account token (the agent wants it)
        Path serviceCa = pod.resolve("var/run/secrets/kubernetes.io/serviceaccount/service-ca.crt");
        Files.createDirectories(serviceCa.getParent());
        Files.writeString(serviceCa, "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                        .encodeToString(TestPki.get().caCertificate().getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        Map<String, String> jolokia = new LinkedHashMap<>();
        data("deploy/jolokia-agent.yaml").fields().forEachRemaining(e -> jolokia.put(e.getKey(), e.getValue().asText()
                .replace("port=8778", "port=" + jolokiaPort).replace("file:///etc/", "file://" + pod + "/etc/")
                .replace("=/var/run/", "=" + pod + "/var/run/")));
        mountConfigMap(pod.resolve("etc/jolokia"), KubernetesSchemas.YAML.valueToTree(jolokia));
        Files.createDirectories(pod.resolve("tmp"));
        return workingDir;
    }

    /** The Deployment's environment, its paths under the pod, and what stands in for the cluster's services. */
    private void setEnvironment(Map<String, String> env) throws IOException {
        for (EnvVar variable : deploymentEnv()) {
            env.put(variable.getName(), variable.getValue().replace("file:/etc/", "file:" + pod + "/etc/")
                    .replace("=/etc/", "=" + pod + "/etc/").replace(":/opt/", ":" + GatewayImage.ROOT + "/opt/"));
        }
        env.put("GATEWAY_LEADER_KIND", "file");
        env.put("SPRING_ARTEMIS_MODE", "embedded");
        env.put("GATEWAY_DATA_DIR", pod.resolve("tmp/gateway").toString());
        env.put("SPRING_DATASOURCE_URL", "jdbc:h2:file:" + pod.resolve("tmp/gateway/db/gateway")
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE");
        env.put("CXONE_API_BASE", "http://127.0.0.1:9");
        env.put("CXONE_WS_URL", "ws://127.0.0.1:9/webchat/v1/ws");
        env.put("CRM_URL", "http://127.0.0.1:9/crm");
        env.put("SERVER_PORT", Integer.toString(httpPort));
    }

    /** The image's entrypoint, its absolute paths under the laid-out layers and this JVM for "java". */
    private List<String> entrypoint(OciImage image) throws IOException {
        Path classPath = pod.resolve("jib-classpath-file");
        Files.writeString(classPath, Files.readString(GatewayImage.ROOT.resolve("app/jib-classpath-file"))
                .replace("/app/", GatewayImage.ROOT + "/app/"));
        List<String> command = new ArrayList<>();
        for (JsonNode part : image.config.get("Entrypoint")) {
            String value = part.asText();
            command.add(value.equals("java") ? Path.of(System.getProperty("java.home"), "bin", "java").toString()
                    : value.equals("@/app/jib-classpath-file") ? "@" + classPath : value);
        }
        return command;
    }

    /** What the kubelet makes of a ConfigMap volume: each key a link through ..data to a timestamped folder. */
    private static void mountConfigMap(Path mount, JsonNode data) throws IOException {
        Path version = Files.createDirectories(mount.resolve("..2026_12_06_00_00_00.000000001"));
        Files.createSymbolicLink(mount.resolve("..data"), version.getFileName());
        for (var keys = data.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            Files.writeString(version.resolve(key), data.get(key).asText());
            Files.createSymbolicLink(mount.resolve(key), Path.of("..data", key));
        }
    }

    private static JsonNode data(String file) throws IOException {
        return KubernetesSchemas.documents(Path.of(file)).get(0).path("data");
    }

    private static List<EnvVar> deploymentEnv() throws IOException {
        Deployment deployment = (Deployment) KubernetesSchemas.readCoreKind(
                KubernetesSchemas.documents(Path.of("deploy/deployment.yaml")).get(0));
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
    }

    private int status(String path, String login) {
        try {
            return get(path, login).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    private HttpResponse<String> get(String path, String login) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + path))
                .timeout(Duration.ofSeconds(5));
        if (login != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(login.getBytes(StandardCharsets.UTF_8)));
        }
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
