package io.guestgateway.cxone.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.guestgateway.cxone.CxoneTokenProvider;
import io.guestgateway.sandbox.CxoneSandbox;
import io.guestgateway.sandbox.SandboxSettings;
import java.time.Duration;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.Main;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;

/**
 * The cxone-ws component is a plain Camel component, usable without Spring (here Camel Main): the scheme is found from the services
 * file, {@code camel.component.cxone-ws.*} properties bind, the token bean is found by type, and a
 * YAML route sets options as a {@code parameters:} map.
 */
class CamelMainDiscoveryTest {

    @Test
    void plainCamelMainSubscribes() throws Exception {
        try (CxoneSandbox sandbox = CxoneSandbox.start(SandboxSettings.defaults().withPort(0))) {
            Main main = new Main();
            main.bind("cxoneTokens", new CxoneTokenProvider(sandbox.apiBase(), "sandbox-client", "sandbox-secret"));
            main.addInitialProperty("camel.component.cxone-ws.ws-url", sandbox.wsUrl());
            main.addInitialProperty("camel.component.cxone-ws.reconnect-initial-delay", "20ms");
            main.configure().addRoutesBuilder(new RouteBuilder() {
                @Override
                public void configure() {
                    from("cxone-ws:guest-frames").routeId("ingest-guest-frames").to("mock:frames");
                }
            });
            main.start();
            try {
                CxoneWsComponent component = main.getCamelContext().getComponent("cxone-ws", CxoneWsComponent.class);
                await().atMost(Duration.ofSeconds(10)).until(() -> sandbox.state().wsAuthenticated() == 1);
                assertThat(component.getSubscriptionStatus().state()).isEqualTo(SubscriptionStatus.State.AUTHENTICATED);
                assertThat(component.getConfiguration().getReconnectInitialDelay()).isEqualTo(Duration.ofMillis(20));
            } finally {
                main.stop();
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> sandbox.state().wsConnections() == 0);
        }
    }

    @Test
    void aYamlRouteWithAParametersMap() throws Exception {
        try (CxoneSandbox sandbox = CxoneSandbox.start(SandboxSettings.defaults().withPort(0))) {
            CxoneTokenProvider tokens = new CxoneTokenProvider(sandbox.apiBase(), "sandbox-client", "sandbox-secret");
            DefaultCamelContext camel = new DefaultCamelContext();
            camel.getRegistry().bind("cxoneTokens", tokens);
            String yaml = """
                    - route:
                        id: ingest-guest-frames
                        from:
                          uri: cxone-ws:guest-frames
                          parameters:
                            wsUrl: "%s"
                            accessTokens: "#bean:cxoneTokens"
                            reconnectInitialDelay: 20ms
                            heartbeatInterval: 5s
                            concurrentConsumers: 2
                          steps:
                            - to: mock:frames
                    """.formatted(sandbox.wsUrl());
            PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("ingest.yaml", yaml));
            camel.start();
            try {
                MockEndpoint frames = camel.getEndpoint("mock:frames", MockEndpoint.class);
                String frame = GuestClient.message("c-yaml", "from a yaml route");
                frames.expectedBodiesReceived(frame);
                frames.message(0).header(CxoneWsConsumer.RECEIVED_AT).isNotNull();
                await().atMost(Duration.ofSeconds(10)).until(() -> sandbox.state().wsAuthenticated() == 1);
                try (GuestClient guest = GuestClient.authenticated(sandbox.wsUrl(), tokens.token())) {
                    guest.send(frame);
                    frames.assertIsSatisfied(5_000);
                }
                CxoneWsEndpoint endpoint = (CxoneWsEndpoint) camel.getRoute("ingest-guest-frames").getEndpoint();
                assertThat(endpoint.getConfiguration().getConcurrentConsumers()).isEqualTo(2);
                assertThat(endpoint.getConfiguration().getHeartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
            } finally {
                camel.stop();
            }
        }
    }
}
