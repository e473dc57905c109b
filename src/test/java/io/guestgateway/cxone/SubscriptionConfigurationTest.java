package io.guestgateway.cxone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.guestgateway.config.CxoneProperties;
import io.guestgateway.cxone.ws.CxoneWsComponent;
import io.guestgateway.sandbox.CxoneSandbox;
import io.guestgateway.sandbox.SandboxSettings;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The Spring wiring: a route that says only {@code from("cxone-ws:guest-frames")} gets its
 * settings from {@code cxone.*}, health and metrics follow the subscription, and start-up fails
 * on wrong credentials but not on an unreachable CXone.
 */
@SpringBootTest(classes = SubscriptionConfigurationTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
@DirtiesContext
class SubscriptionConfigurationTest {

    private static final CxoneSandbox SANDBOX = CxoneSandbox.start(SandboxSettings.defaults().withPort(0));
    private static final String[] COMMON = {
        "cxone.sandbox.enabled=false",
        "cxone.client-id=sandbox-client",
        "cxone.websocket.reconnect-initial-delay=20ms",
        "cxone.websocket.reconnect-max-delay=200ms",
        "camel.main.routes-include-pattern=classpath:no-routes-in-this-test/*.yaml",
        "spring.main.banner-mode=off"
    };

    @SpringBootConfiguration
    @ImportAutoConfiguration(CamelAutoConfiguration.class)
    @EnableConfigurationProperties(CxoneProperties.class)
    @Import(SubscriptionConfiguration.class)
    static class App {
        @Bean
        RouteBuilder ingestRoute() {
            return new RouteBuilder() {
                @Override
                public void configure() {
                    from("cxone-ws:guest-frames").routeId("ingest-guest-frames").to("mock:frames");
                }
            };
        }
    }

    @DynamicPropertySource
    static void cxone(DynamicPropertyRegistry registry) {
        for (String property : COMMON) {
            registry.add(property.substring(0, property.indexOf('=')), () -> property.substring(property.indexOf('=') + 1));
        }
        registry.add("cxone.client-secret", () -> "sandbox-secret");
        registry.add("cxone.api-base", SANDBOX::apiBase);
        registry.add("cxone.ws-url", SANDBOX::wsUrl);
    }

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Autowired
    CamelContext camel;
    @Autowired
    CxoneWebSocketHealthIndicator health;
    @Autowired
    AccessTokens cxoneTokens;
    @Autowired
    MeterBinder cxoneWebSocketMetrics;

    @Test
    void theRouteSubscribesWithTypedSettingsAndHealthAndMetricsFollow() throws Exception {
        assertThat(cxoneTokens).isInstanceOf(CxoneTokenProvider.class);
        assertThat(camel.getComponent("cxone-ws")).isInstanceOf(CxoneWsComponent.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> health.health().getStatus().equals(Status.UP));
        assertThat(health.health().getDetails()).containsEntry("state", "authenticated");
        assertThat(SANDBOX.state().tokensIssued()).isEqualTo(1);  // start-up check and subscription share it

        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        cxoneWebSocketMetrics.bindTo(meters);
        MockEndpoint frames = camel.getEndpoint("mock:frames", MockEndpoint.class);
        frames.expectedMessageCount(2);
        try (var guest = io.guestgateway.cxone.ws.GuestClient.authenticated(SANDBOX.wsUrl(), cxoneTokens.token())) {
            guest.send("{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":\"c-1\",\"text\":\"hi\"}");
            guest.send("{\"type\":\"message\",\"direction\":\"outbound\",\"conversationId\":\"c-1\",\"text\":\"ok\"}");
            frames.assertIsSatisfied(5_000);
        }
        assertThat(meters.get("gateway.websocket.frames").functionCounter().count()).isEqualTo(2.0);
        assertThat(meters.get("gateway.websocket.reconnects").functionCounter().count()).isZero();
        assertThat(meters.get("gateway.websocket.authenticated").gauge().value()).isEqualTo(1.0);

        SANDBOX.closeAllWebSockets(1001);
        await().atMost(Duration.ofSeconds(5)).until(() -> meters.get("gateway.websocket.reconnects")
                .functionCounter().count() == 1.0 && health.health().getStatus().equals(Status.UP));

        camel.getRouteController().stopRoute("ingest-guest-frames");
        assertThat(health.health().getStatus()).isEqualTo(Status.UNKNOWN);
        assertThat(health.health().getDetails()).containsEntry("state", "stopped");
    }

    @Test
    void wrongCredentialsFailStartUpWithAMessageNamingTheClientButNotTheSecret() {
        SpringApplicationBuilder app = builder();

        assertThatThrownBy(() -> app.run(args(SANDBOX.apiBase(), SANDBOX.wsUrl(), "wrong-secret-42")).close())
                .satisfies(failure -> {
            assertThat(rootCause(failure)).isInstanceOf(TokenRejectedException.class)
                    .hasMessageContaining("'sandbox-client'").hasMessageContaining("HTTP 401");
            StringWriter trace = new StringWriter();
            failure.printStackTrace(new PrintWriter(trace));
            assertThat(trace.toString()).doesNotContain("wrong-secret-42");
        });
    }

    @Test
    void anUnreachableCxoneDoesNotStopStartUp() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        try (ConfigurableApplicationContext context = builder().run(args("http://127.0.0.1:" + port,
                "ws://127.0.0.1:" + port + "/webchat/v1/ws", "sandbox-secret"))) {
            assertThat(context.isRunning()).isTrue();
            // CXone not taking the subscription is waiting on CXone, not a broken gateway
            assertThat(context.getBean(CxoneWebSocketHealthIndicator.class).health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
        }
    }

    private static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE);
    }

    /** As command-line arguments, which beat the packaged application.yaml (default properties do not). */
    private static String[] args(String apiBase, String wsUrl, String secret) {
        java.util.List<String> args = new java.util.ArrayList<>();
        for (String property : COMMON) {
            args.add("--" + property);
        }
        args.add("--cxone.api-base=" + apiBase);
        args.add("--cxone.ws-url=" + wsUrl);
        args.add("--cxone.client-secret=" + secret);
        return args.toArray(String[]::new);
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable t = failure;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
