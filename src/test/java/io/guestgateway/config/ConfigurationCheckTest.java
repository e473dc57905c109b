package io.guestgateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.guestgateway.GatewayApplication;
import io.guestgateway.sandbox.SandboxDefaults;
import io.guestgateway.sandbox.SandboxProperties;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * The start-up check as a user meets it: the real application without the sandbox, several keys
 * missing and some invalid; one failure names them all before anything is started or written.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfigurationCheckTest {

    private static final Map<String, Object> PRODUCTION = Map.copyOf(ConfigurationValidationTest.PRODUCTION);

    @Test
    void oneRunNamesEveryMissingAndInvalidKeyBeforeAnythingStarts(@TempDir Path dir, CapturedOutput output) {
        Path dataDir = dir.resolve("data");
        SpringApplication gateway = new SpringApplication(GatewayApplication.class);

        Throwable failure = catchThrowable(() -> gateway.run("--cxone.sandbox.enabled=false",
                "--gateway.data-dir=" + dataDir, "--server.port=0",
                "--cxone.api-base=https://api.example.test", "--cxone.client-secret=s3cr3t-value",
                "--routing.max-retries=four", "--crm.batch-size=0", "--sla.target=0s"));

        assertThat(failure).isInstanceOf(InvalidConfigurationException.class);
        List<String> expected = List.of(
                "Invalid configuration: crm.batch-size must be greater than 0",
                "Invalid configuration: crm.url is required",
                "Invalid configuration: cxone.client-id is required",
                "Invalid configuration: cxone.ws-url is required",
                "Invalid configuration: gateway.admin.password is required",
                "Invalid configuration: routing.max-retries cannot be read as int",
                "Invalid configuration: sla.target must be a positive duration such as 500ms or 30s");
        assertThat(((InvalidConfigurationException) failure).problems()).containsExactlyElementsOf(expected);
        String report = output.getAll();
        assertThat(report).contains("APPLICATION FAILED TO START")
                .contains(String.join(System.lineSeparator(), expected))
                .doesNotContain("s3cr3t-value", "deadLetterController", "Exception encountered", "Tomcat", "Artemis");
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void aCompleteProductionConfigurationPassesAndSoDoesTheSandboxWithNothingSet() {
        assertThat(SettingsCheck.problems(environment(PRODUCTION))).isEmpty();
        assertThat(SettingsCheck.problems(environment(Map.of("cxone.sandbox.port", "18089")))).isEmpty();
    }

    @Test
    void anSslBundleThatIsMissingOrCannotBeReadIsNamedWithTheOtherProblems(@TempDir Path dir) {
        Map<String, Object> props = new LinkedHashMap<>(PRODUCTION);
        props.remove("crm.url");
        props.put("crm.ssl-bundle", "crm-ca");
        props.put("spring.ssl.bundle.jks.crm-ca.truststore.location", dir.resolve("missing.p12").toUri().toString());
        props.put("spring.ssl.bundle.jks.crm-ca.truststore.password", "trust-pass-1");
        props.put("cxone.ssl-bundle", "cxone-ca");

        // sorted by key: crm.ssl-bundle, then crm.url, then cxone.ssl-bundle
        List<String> problems = SettingsCheck.problems(environment(props));
        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).startsWith("Invalid configuration: SSL bundle 'crm-ca' (crm.ssl-bundle) cannot be used: ")
                .doesNotContain("trust-pass-1");
        assertThat(problems.subList(1, 3)).containsExactly(
                "Invalid configuration: crm.url is required",
                "Invalid configuration: cxone.ssl-bundle names SSL bundle 'cxone-ca', which is not defined "
                        + "(spring.ssl.bundle.jks.cxone-ca or spring.ssl.bundle.pem.cxone-ca)");
    }

    /** A data or lock folder under a file: the broker, the database and the lock would each fail later, naming a path. */
    @Test
    void aDataOrLockFolderThatCannotBeCreatedIsNamedByItsKey(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        Map<String, Object> props = new LinkedHashMap<>(PRODUCTION);
        props.put("gateway.data-dir", file.resolve("data").toString());
        props.put("gateway.leader.lock-dir", file.resolve("cluster").toString());

        assertThat(SettingsCheck.problems(environment(props))).containsExactly(
                "Invalid configuration: gateway.data-dir must be a folder the gateway can create or write to",
                "Invalid configuration: gateway.leader.lock-dir must be a folder the gateway can create or write to");

        props.put("gateway.data-dir", dir.resolve("new").resolve("data").toString()); // created at start-up
        props.put("gateway.leader.lock-dir", dir.toString());                       // there already
        assertThat(SettingsCheck.problems(environment(props))).isEmpty();
        assertThat(dir.resolve("new")).as("checked, not created").doesNotExist();
    }

    @Test
    void theCheckCoversEverySettingsRecordTheGatewayBinds() throws ClassNotFoundException {
        ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false);
        scan.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        List<Class<?>> bound = new ArrayList<>();
        for (BeanDefinition candidate : scan.findCandidateComponents(GatewayApplication.class.getPackageName())) {
            Class<?> type = Class.forName(candidate.getBeanClassName());
            if (!type.getPackageName().equals(SandboxProperties.class.getPackageName())) { // a test double's, not the gateway's
                bound.add(type);
            }
        }
        assertThat(SettingsCheck.records()).containsExactlyInAnyOrderElementsOf(bound);
    }

    @Test
    void aBlankInstanceIdIsThisMachinesHostNameAndAPodNameIsKept() {
        // HOSTNAME unset (a shell that does not export it): ${HOSTNAME:} in application.yaml is blank
        assertThat(environment(Map.of("crm.instance-id", "")).getProperty("crm.instance-id"))
                .isEqualTo(GatewayDefaults.hostName()).isNotBlank();
        assertThat(environment(Map.of("crm.instance-id", "gateway-7d9f-x2k4")).getProperty("crm.instance-id"))
                .isEqualTo("gateway-7d9f-x2k4");
    }

    /** The user's keys over the defaults that depend on them, as the application sees them. */
    private static StandardEnvironment environment(Map<String, Object> props) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", props));
        new GatewayDefaults().postProcessEnvironment(environment, new SpringApplication());
        new SandboxDefaults().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }
}
