package io.guestgateway.cxone.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.guestgateway.cxone.CxoneTokenProvider;
import io.guestgateway.cxone.ScriptedTokenServer;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against a peer that accepts the upgrade and then goes silent: the consumer sends the auth frame
 * first, pings on its heartbeat, gives up when no pong comes, and reconnects (auth frame again).
 */
class HeartbeatTest {

    private ScriptedTokenServer tokenServer;
    private SilentWebSocketServer silent;
    private CamelContext camel;

    @BeforeEach
    void start() throws Exception {
        tokenServer = new ScriptedTokenServer();
        silent = new SilentWebSocketServer();
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("cxoneTokens",
                CxoneTokenProvider.builder(tokenServer.apiBase(), "gateway-client", "secret").build());
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("cxone-ws:silent?wsUrl=RAW(" + silent.wsUrl() + ")&accessTokens=#bean:cxoneTokens"
                        + "&heartbeatInterval=200ms&connectTimeout=300ms"
                        + "&reconnectInitialDelay=50ms&reconnectMaxDelay=100ms")
                        .routeId("silent-peer").to("mock:frames");
            }
        });
        camel.start();
    }

    @AfterEach
    void stop() throws Exception {
        camel.stop();
        silent.close();
        tokenServer.close();
    }

    @Test
    void missingPongsCloseTheLinkAndTheConsumerReconnectsWithAnAuthFrame() {
        await().atMost(Duration.ofSeconds(10)).until(() -> silent.connections().size() >= 2
                && !silent.connections().get(1).isEmpty());

        List<SilentWebSocketServer.Frame> first = silent.connections().get(0);
        assertThat(first.get(0).opcode()).isEqualTo(SilentWebSocketServer.Frame.TEXT);
        assertThat(new JsonObject(first.get(0).text()).getMap())
                .containsExactlyInAnyOrderEntriesOf(java.util.Map.of("type", "auth", "token", "tok-1"));
        assertThat(first.stream().filter(f -> f.opcode() == SilentWebSocketServer.Frame.PING).count())
                .isGreaterThanOrEqualTo(1);
        assertThat(first.get(first.size() - 1).opcode()).isEqualTo(SilentWebSocketServer.Frame.CLOSE);
        assertThat(silent.connections().get(1).get(0).opcode()).isEqualTo(SilentWebSocketServer.Frame.TEXT);
        assertThat(silent.connections().get(1).get(0).text()).contains("\"type\":\"auth\"");
        assertThat(silent.maxOpen()).isEqualTo(1);
    }
}
