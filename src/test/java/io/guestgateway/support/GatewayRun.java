package io.guestgateway.support;

import static org.awaitility.Awaitility.await;

import io.guestgateway.GatewayApplication;
import io.guestgateway.cxone.AccessTokens;
import io.guestgateway.cxone.ws.GuestClient;
import io.guestgateway.cxone.ws.SubscriptionStatus;
import io.guestgateway.platform.AcceptedQueues;
import io.guestgateway.sandbox.CxoneSandbox;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.jms.ConnectionFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jms.core.JmsTemplate;

/**
 * A whole gateway (Spring Boot, Camel, embedded broker, embedded sandbox) on free loopback ports
 * with its data in a given folder, running only the route files a test names.
 */
public final class GatewayRun implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private GatewayRun(ConfigurableApplicationContext context) {
        this.context = context;
    }

    public static GatewayRun start(Path dataDir, String routeFiles, Map<String, String> properties) {
        return start(dataDir, freePort(), routeFiles, properties);
    }

    public static GatewayRun start(Path dataDir, int sandboxPort, String routeFiles, Map<String, String> properties) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--cxone.sandbox.port=" + sandboxPort,
                "--gateway.data-dir=" + dataDir,
                "--gateway.admin.password=test-admin-password",
                "--camel.main.routes-include-pattern=" + routeFiles,
                "--cxone.websocket.reconnect-initial-delay=100ms",
                "--cxone.websocket.reconnect-max-delay=1s"));
        properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        return new GatewayRun(new SpringApplicationBuilder(GatewayApplication.class).run(args.toArray(String[]::new)));
    }

    public ConfigurableApplicationContext context() {
        return context;
    }

    public CxoneSandbox sandbox() {
        return context.getBean(CxoneSandbox.class);
    }

    public MeterRegistry meters() {
        return context.getBean(MeterRegistry.class);
    }

    /** Waits until the gateway holds an authenticated CXone WebSocket. */
    public GatewayRun awaitSubscribed() {
        SubscriptionStatus status = context.getBean(SubscriptionStatus.class);
        await().atMost(Duration.ofSeconds(20)).until(() -> status.state() == SubscriptionStatus.State.AUTHENTICATED);
        return this;
    }

    /** A guest connection on the sandbox hub; what it sends reaches the gateway's subscription. */
    public GuestClient guest() {
        return GuestClient.authenticated(sandbox().wsUrl(), context.getBean(AccessTokens.class).token());
    }

    /** Messages waiting in a queue, read without consuming them. */
    public List<String> browse(String queue) {
        JmsTemplate jms = new JmsTemplate(context.getBean(ConnectionFactory.class));
        return jms.browse(AcceptedQueues.fullyQualified(queue), (session, browser) -> {
            List<String> bodies = new ArrayList<>();
            for (var e = browser.getEnumeration(); e.hasMoreElements(); ) {
                bodies.add(((jakarta.jms.TextMessage) e.nextElement()).getText());
            }
            return Collections.unmodifiableList(bodies);
        });
    }

    /** The sum over every counter of that name carrying these tags (other tags may differ). */
    public double counter(String name, String... tags) {
        return meters().find(name).tags(tags).counters().stream().mapToDouble(c -> c.count()).sum();
    }

    @Override
    public void close() {
        context.close();
    }

    /**
     * A port free now, below the kernel's ephemeral range (32768 and up here): a port from that
     * range can be taken by any outbound connection before the server binds it (seen once: a
     * child replica's HTTP port). Falls back to one the kernel picks.
     */
    public static int freePort() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = random.nextInt(20_000, 32_000);
            try (ServerSocket socket = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
                return socket.getLocalPort();
            } catch (IOException taken) {
                // try another
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
