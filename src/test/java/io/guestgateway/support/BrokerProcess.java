package io.guestgateway.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.UUID;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientRequestor;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.api.core.management.ManagementHelper;
import org.apache.activemq.artemis.api.core.management.ResourceNames;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.awaitility.core.ConditionTimeoutException;

/**
 * deploy/broker.xml's broker in a child JVM ({@link StandaloneBroker}) on a free loopback port,
 * persistent under {@code dataDir}, with the gateway's user and an administrator. Tests point
 * gateways at {@link #gatewayProperties()} and read queue figures through the broker's management
 * address, as an operator's tools would; {@link #close()} stops it by its PID.
 */
public final class BrokerProcess implements AutoCloseable {

    private static final Duration START_BOUND = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final Path log;
    private final String gatewayPassword;
    private final String adminPassword;
    private ServerLocator locator;
    private ClientSessionFactory factory;
    private ClientSession session;
    private ClientRequestor requestor;

    private BrokerProcess(Process process, int port, Path log, String gatewayPassword, String adminPassword) {
        this.process = process;
        this.port = port;
        this.log = log;
        this.gatewayPassword = gatewayPassword;
        this.adminPassword = adminPassword;
    }

    public static BrokerProcess start(Path dataDir) throws IOException {
        return start(dataDir, Path.of("deploy/broker.xml"));
    }

    /** The broker of another configuration file, e.g. an earlier version's, under {@code dataDir}. */
    public static BrokerProcess start(Path dataDir, Path brokerXml) throws IOException {
        Files.createDirectories(dataDir);
        int port = GatewayRun.freePort();
        String gatewayPassword = UUID.randomUUID().toString();
        String adminPassword = UUID.randomUUID().toString();
        Path log = dataDir.resolve("broker.log");
        List<String> command = ChildGateway.javaCommand(StandaloneBroker.class, "-Xmx256m",
                "-Dartemis.data=" + dataDir.toAbsolutePath(), "-Dartemis.host=127.0.0.1", "-Dartemis.port=" + port,
                "-Dbroker.gateway-password=" + gatewayPassword, "-Dbroker.admin-password=" + adminPassword);
        command.add(brokerXml.toAbsolutePath().toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        BrokerProcess broker = new BrokerProcess(process, port, log, gatewayPassword, adminPassword);
        try {
            await("the broker of " + brokerXml + " started").atMost(START_BOUND).pollInterval(Duration.ofMillis(50))
                    .until(() -> !process.isAlive() || Files.readString(log).contains(StandaloneBroker.STARTED));
        } catch (ConditionTimeoutException e) {
            // reported below with the log
        }
        if (!process.isAlive() || !Files.readString(log).contains(StandaloneBroker.STARTED)) {
            String tail = Files.readString(log);
            broker.close();
            throw new IllegalStateException("the broker of " + brokerXml + " did not start within " + START_BOUND
                    + ":\n" + tail);
        }
        return broker;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** What a gateway replica sets to use this broker (spring.artemis.*). */
    public Map<String, String> gatewayProperties() {
        return Map.of("spring.artemis.mode", "native", "spring.artemis.broker-url", url(),
                "spring.artemis.user", StandaloneBroker.GATEWAY_USER, "spring.artemis.password", gatewayPassword);
    }

    /** A client of the gateway's user, for a test that puts messages on the broker itself. */
    public ActiveMQConnectionFactory connectionFactory() {
        return new ActiveMQConnectionFactory(url(), StandaloneBroker.GATEWAY_USER, gatewayPassword);
    }

    /** Messages in {@code queue}, those delivered and not yet acknowledged included. */
    public long depth(String queue) {
        return ((Number) attribute(queue, "messageCount")).longValue();
    }

    public int consumers(String queue) {
        return ((Number) attribute(queue, "consumerCount")).intValue();
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    private Object attribute(String queue, String attribute) {
        return manage(ResourceNames.QUEUE + queue, attribute, null);
    }

    /**
     * An operation of the broker's management as its administrator, as the console or the
     * {@code artemis} CLI run it: {@code resource} is e.g. {@code "broker"} or {@code "queue.guest.routing"}.
     */
    public Object invoke(String resource, String operation, Object... arguments) {
        return manage(resource, operation, arguments);
    }

    /** Reads an attribute ({@code arguments} null) or runs an operation. */
    private synchronized Object manage(String resource, String name, Object[] arguments) {
        try {
            if (requestor == null) {
                locator = ActiveMQClient.createServerLocator(url());
                factory = locator.createSessionFactory();
                session = factory.createSession(StandaloneBroker.ADMIN_USER, adminPassword, false, true, true, false, 1);
                requestor = new ClientRequestor(session, "activemq.management");
                session.start();
            }
            ClientMessage request = session.createMessage(false);
            if (arguments == null) {
                ManagementHelper.putAttribute(request, resource, name);
            } else {
                ManagementHelper.putOperationInvocation(request, resource, name, arguments);
            }
            ClientMessage reply = requestor.request(request, 5_000);
            if (reply == null || !ManagementHelper.hasOperationSucceeded(reply)) {
                throw new IllegalStateException("broker management: no " + name + " for " + resource
                        + (reply == null ? " within 5 s" : ": " + ManagementHelper.getResult(reply)));
            }
            return ManagementHelper.getResult(reply);
        } catch (Exception e) {
            disconnect();
            throw e instanceof IllegalStateException ise ? ise
                    : new IllegalStateException("broker management: " + name + " of " + resource, e);
        }
    }

    private void disconnect() {
        try {
            if (requestor != null) {
                requestor.close();
            }
        } catch (Exception ignored) {
            // closing anyway
        }
        if (factory != null) {
            factory.close();
        }
        if (locator != null) {
            locator.close();
        }
        requestor = null;
        session = null;
        factory = null;
        locator = null;
    }

    @Override
    public synchronized void close() {
        disconnect();
        process.destroy(); // SIGTERM: the broker stops through its shutdown hook
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
