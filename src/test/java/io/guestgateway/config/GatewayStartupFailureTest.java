package io.guestgateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.guestgateway.GatewayApplication;
import io.guestgateway.support.ChildGateway;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the whole gateway in a child JVM with the sandbox off and nothing else set, as a user
 * who forgot the production keys would, and reads what the user reads: every key at once, and
 * nothing started or written before it.
 */
class GatewayStartupFailureTest {

    @Test
    void missingProductionKeysStopStartUpWithOneLinePerKey(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.log");
        Path dataDir = dir.resolve("data");
        List<String> command = ChildGateway.javaCommand(GatewayApplication.class);
        command.addAll(List.of("--cxone.sandbox.enabled=false", "--server.port=0", "--gateway.data-dir=" + dataDir,
                "--cxone.client-secret=s3cr3t-value"));
        Process process = new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(out.toFile())
                .start();
        try {
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("gateway exits").isTrue();
        } finally {
            process.destroyForcibly();
        }
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).isNotZero();
        assertThat(lines).containsSubsequence(
                "Invalid configuration: crm.url is required",
                "Invalid configuration: cxone.api-base is required",
                "Invalid configuration: cxone.client-id is required",
                "Invalid configuration: cxone.ws-url is required",
                "Invalid configuration: gateway.admin.password is required");
        assertThat(lines).noneMatch(l -> l.trim().startsWith("at org.springframework"));
        assertThat(String.join("\n", lines)).doesNotContain("s3cr3t-value", "deadLetterController", "AMQ", "Tomcat");
        assertThat(dataDir).as("nothing written before the check").doesNotExist();
    }
}
