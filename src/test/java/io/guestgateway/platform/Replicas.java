package io.guestgateway.platform;

import static org.awaitility.Awaitility.await;

import io.guestgateway.crm.PostgresTestDatabase;
import io.guestgateway.sandbox.CxoneSandbox;
import io.guestgateway.sandbox.SandboxSettings;
import io.guestgateway.support.BrokerProcess;
import io.guestgateway.support.ChildGateway;
import io.guestgateway.support.SandboxAsCxone;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.awaitility.core.ConditionTimeoutException;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.util.FileSystemUtils;

/**
 * What the tests of several gateways share: a folder, one PostgreSQL schema, one broker (deploy/broker.xml's,
 * in a process of its own: {@link BrokerProcess}), one CXone
 * sandbox, and the gateways themselves, each a child JVM ({@link ChildGateway}) pointed at all of
 * them. {@link #close()} stops everything and drops the schema.
 */
public final class Replicas implements AutoCloseable {

    private static final String BROKER_LOG = "org.apache.activemq.artemis";

    private final Path dir;
    private final String schema;
    private final BrokerProcess broker;
    private final CxoneSandbox sandbox;
    private final List<ChildGateway> gateways = new ArrayList<>();

    private Replicas(Path dir, String schema, BrokerProcess broker, CxoneSandbox sandbox) {
        this.dir = dir;
        this.schema = schema;
        this.broker = broker;
        this.sandbox = sandbox;
    }

    /** Starts the shared parts; {@code prefix} names the folder and the schema. */
    public static Replicas start(String prefix) throws Exception {
        // the broker warns about each session of a killed gateway: expected here, and many
        LoggingSystem.get(Replicas.class.getClassLoader()).setLogLevel(BROKER_LOG, LogLevel.ERROR);
        Path dir = Files.createTempDirectory(prefix + "-");
        String schema = PostgresTestDatabase.createSchema(prefix.replace("-", ""));
        return new Replicas(dir, schema, BrokerProcess.start(dir.resolve("broker")),
                CxoneSandbox.start(SandboxSettings.defaults().withPort(0)));
    }

    public BrokerProcess broker() {
        return broker;
    }

    public CxoneSandbox sandbox() {
        return sandbox;
    }

    /** The JDBC URL of the shared schema. */
    public String databaseUrl() {
        return PostgresTestDatabase.url(schema);
    }

    /**
     * Starts gateway {@code name} on the shared parts (routes from {@code routes/}, its own data
     * folder, one leader-lock folder for all, WARN logs) with {@code settings} on top.
     */
    public ChildGateway startGateway(String name, Map<String, String> settings) {
        Map<String, String> p = SandboxAsCxone.properties(sandbox, "file:" + Path.of("routes").toAbsolutePath() + "/*.yaml");
        p.put("gateway.data-dir", dir.resolve(name).toString());
        p.put("gateway.leader.lock-dir", dir.resolve("leader").toString());
        p.putAll(broker.gatewayProperties());
        p.put("crm.instance-id", name); // the replicas share this machine's host name
        p.put("spring.datasource.url", databaseUrl());
        p.put("logging.level.root", "WARN");
        p.putAll(settings);
        ChildGateway gateway = ChildGateway.start(p, dir.resolve("gateway-" + name + ".log"), "-Xmx512m");
        gateways.add(gateway);
        return gateway;
    }

    /** Waits for {@code condition}; on timeout the failure shows the sandbox state and each gateway's last lines. */
    public void within(Duration bound, String what, Callable<Boolean> condition) {
        try {
            await(what).atMost(bound).pollInterval(Duration.ofMillis(100)).until(condition);
        } catch (ConditionTimeoutException e) {
            StringBuilder report = new StringBuilder(what + " not within " + bound + "; " + sandbox.state());
            for (ChildGateway gateway : gateways) {
                report.append("\n--- gateway pid ").append(gateway.pid()).append(":\n").append(gateway.logTail(40));
            }
            throw new AssertionError(report.toString(), e);
        }
    }

    @Override
    public void close() throws Exception {
        try {
            gateways.forEach(ChildGateway::close);
            sandbox.close();
            broker.close();
            PostgresTestDatabase.dropSchema(schema);
        } finally {
            FileSystemUtils.deleteRecursively(dir);
            LoggingSystem.get(Replicas.class.getClassLoader()).setLogLevel(BROKER_LOG, null);
        }
    }
}
