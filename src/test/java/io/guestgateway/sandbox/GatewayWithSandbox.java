package io.guestgateway.sandbox;

import io.guestgateway.GatewayApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * {@code ./mvnw spring-boot:test-run}: the gateway, started by its own {@code main} (so SIGTERM
 * still exits 0), with the embedded CXone sandbox that {@link SandboxConfiguration} adds on the
 * test class path. Logs as the packaged gateway does, not as quietly as the tests.
 * <p>
 * The annotation only marks this class for the Maven plugin, which starts the one main class so
 * annotated among the test classes' many (the benchmarks have theirs); the application that runs
 * is {@link GatewayApplication}, and component scanning finds nothing here it has not found.
 */
@SpringBootApplication(proxyBeanMethods = false)
public class GatewayWithSandbox {

    public static void main(String[] args) {
        if (System.getProperty("logging.config") == null && System.getenv("LOGGING_CONFIG") == null) {
            System.setProperty("logging.config", "classpath:logback-dev-run.xml");
        }
        SpringApplication.from(GatewayApplication::main).run(args);
    }
}
