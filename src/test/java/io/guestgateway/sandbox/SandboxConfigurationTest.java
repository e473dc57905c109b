package io.guestgateway.sandbox;

import static io.guestgateway.support.GatewayRun.freePort;
import static org.assertj.core.api.Assertions.assertThat;

import io.guestgateway.config.CxoneProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;

/** The sandbox as a Spring bean, configured from {@code cxone.sandbox.*}. */
@ExtendWith(OutputCaptureExtension.class)
class SandboxConfigurationTest {

    @Configuration
    @EnableConfigurationProperties(CxoneProperties.class)
    static class Properties {}

    static ApplicationContextRunner runner(int port) {
        // SandboxDefaults (an environment post-processor) is not part of this small context: set what it would
        return new ApplicationContextRunner()
                .withUserConfiguration(Properties.class, SandboxConfiguration.class)
                .withPropertyValues("cxone.sandbox.port=" + port,
                        "cxone.api-base=http://127.0.0.1:" + port,
                        "cxone.ws-url=ws://127.0.0.1:" + port + "/webchat/v1/ws",
                        "cxone.client-id=tester", "cxone.client-secret=s3cret",
                        "cxone.sandbox.client-id=tester", "cxone.sandbox.client-secret=s3cret");
    }

    @Test
    void startsTheSandboxFromConfigurationAndSaysSoLoudly(CapturedOutput output) {
        int port = freePort();
        runner(port)
                .withPropertyValues("cxone.sandbox.token-lifetime=120s",
                        "cxone.sandbox.routing.every-429=4", "cxone.sandbox.routing.retry-after=3s",
                        "cxone.sandbox.routing.failure-rate=0.25",
                        "cxone.sandbox.crm.latency=150ms", "cxone.sandbox.crm.outage=true")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(CxoneSandbox.class);
                    CxoneSandbox sandbox = context.getBean(CxoneSandbox.class);
                    assertThat(sandbox.port()).isEqualTo(port);
                    assertThat(sandbox.faults(Target.ROUTING)).isEqualTo(new FaultSettings(0.25, 4, 3, Duration.ZERO, false));
                    assertThat(sandbox.faults(Target.CRM))
                            .isEqualTo(new FaultSettings(0, 0, 1, Duration.ofMillis(150), true));

                    HttpTestClient http = new HttpTestClient(sandbox.apiBase());
                    var response = http.form("/oauth/v2/token", Map.of("grant_type", "client_credentials",
                            "client_id", "tester", "client_secret", "s3cret"));
                    assertThat(response.statusCode()).isEqualTo(200);
                    assertThat(response.body()).contains("\"expires_in\":120");
                });
        assertThat(output).contains("*** CXone SANDBOX ON at http://127.0.0.1:" + port)
                .doesNotContain("s3cret");
        // destroyMethod close: the port is free again
        try (ServerSocket again = new ServerSocket(port)) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void noSandboxWhenDisabled() {
        runner(freePort()).withPropertyValues("cxone.sandbox.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(CxoneSandbox.class));
    }

    @Test
    void anInvalidFaultKnobStopsStartUp() {
        runner(freePort()).withPropertyValues("cxone.sandbox.routing.failure-rate=1.5")
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .hasStackTraceContaining("cxone.sandbox.routing.failureRate"));
        runner(freePort()).withPropertyValues("cxone.sandbox.crm.every-429=-1")
                .run(context -> assertThat(context).hasFailed());
    }
}
