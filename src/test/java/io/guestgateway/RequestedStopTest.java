package io.guestgateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.guestgateway.support.ChildGateway;
import io.guestgateway.support.GatewayRun;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A requested stop of a whole gateway in its own JVM: SIGTERM, as Kubernetes sends it and as
 * {@code ./mvnw spring-boot:test-run} passes on a Ctrl-C, shuts Camel down gracefully and exits 0, so
 * Maven does not report BUILD FAILURE.
 */
class RequestedStopTest {

    @Test
    void sigtermStopsTheGatewayGracefullyAndExitsZero(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("gateway.log");
        try (ChildGateway gateway = ChildGateway.start(Map.of(
                "gateway.data-dir", dir.resolve("data").toString(),
                "cxone.sandbox.port", Integer.toString(GatewayRun.freePort()),
                "logging.level.org.apache.camel.impl.engine.AbstractCamelContext", "INFO"), log)) {
            await().atMost(Duration.ofSeconds(120)).until(gateway::ready);

            assertThat(gateway.stop()).as("exit value after SIGTERM").isZero();
        }
        assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("(cxone-guest-gateway) shutdown in");
    }
}
