package io.guestgateway.cxone.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.guestgateway.cxone.CxoneTokenProvider;
import java.net.URI;
import java.time.Duration;
import org.apache.camel.CamelContext;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The component is found by its scheme and its options bind from URI parameters (Camel property binding). */
class CxoneWsEndpointOptionsTest {

    private CamelContext camel;
    private final CxoneTokenProvider tokens = new CxoneTokenProvider("http://127.0.0.1:9", "client", "secret");

    @BeforeEach
    void start() {
        camel = new DefaultCamelContext();
        camel.getRegistry().bind("cxoneTokens", tokens);
        camel.start();
    }

    @AfterEach
    void stop() {
        camel.stop();
    }

    @Test
    void bindsEveryOptionFromTheUri() {
        CxoneWsEndpoint endpoint = camel.getEndpoint("cxone-ws:guest-frames?wsUrl=RAW(wss://cx.example.com:8443/webchat/v1/ws?x=1)"
                + "&maxFrameSize=2048&reconnectInitialDelay=20ms&reconnectMaxDelay=2s&heartbeatInterval=PT5S"
                + "&connectTimeout=750ms&concurrentConsumers=2&maxPending=7&accessTokens=#bean:cxoneTokens",
                CxoneWsEndpoint.class);

        SubscriptionSettings s = endpoint.settings();
        assertThat(camel.getComponent("cxone-ws")).isInstanceOf(CxoneWsComponent.class);
        assertThat(endpoint.getName()).isEqualTo("guest-frames");
        assertThat(s.wsUrl()).isEqualTo(URI.create("wss://cx.example.com:8443/webchat/v1/ws?x=1"));
        assertThat(s.ssl()).isTrue();
        assertThat(s.port()).isEqualTo(8443);
        assertThat(s.requestUri()).isEqualTo("/webchat/v1/ws?x=1");
        assertThat(s.maxFrameSize()).isEqualTo(2048);
        assertThat(s.reconnectInitialDelay()).isEqualTo(Duration.ofMillis(20));
        assertThat(s.reconnectMaxDelay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.connectTimeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(s.concurrentConsumers()).isEqualTo(2);
        assertThat(s.maxPending()).isEqualTo(7);
        assertThat(endpoint.getConfiguration().getAccessTokens()).isSameAs(tokens);
    }

    @Test
    void defaultsComeFromTheComponentAndMatchTheContract() {
        camel.getComponent("cxone-ws", CxoneWsComponent.class).setWsUrl("ws://127.0.0.1:1/webchat/v1/ws");
        SubscriptionSettings s = camel.getEndpoint("cxone-ws:defaults", CxoneWsEndpoint.class).settings();

        assertThat(s.maxFrameSize()).isEqualTo(1024 * 1024);
        assertThat(s.reconnectInitialDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.reconnectMaxDelay()).isEqualTo(Duration.ofSeconds(30));
        assertThat(s.heartbeatInterval()).isEqualTo(Duration.ofSeconds(20));
        assertThat(s.concurrentConsumers()).isEqualTo(4);
        assertThat(s.port()).isEqualTo(1);
        assertThat(camel.getComponent("cxone-ws", CxoneWsComponent.class).resolveTokens(null)).isSameAs(tokens);
    }

    @Test
    void aTypoOrABadValueFailsWhenTheRouteIsBuilt() {
        assertThatThrownBy(() -> camel.getEndpoint("cxone-ws:x?wsUrl=RAW(ws://h/ws)&heartbeatIntervall=5s"))
                .isInstanceOf(ResolveEndpointFailedException.class).hasMessageContaining("heartbeatIntervall");
        assertThatThrownBy(() -> camel.getEndpoint("cxone-ws:x?wsUrl=RAW(http://h/ws)"))
                .hasRootCauseMessage("cxone-ws: wsUrl must be a ws:// or wss:// URL with a host, got 'http://h/ws'");
        assertThatThrownBy(() -> camel.getEndpoint("cxone-ws:x?wsUrl=RAW(ws://h/ws)&reconnectInitialDelay=5s&reconnectMaxDelay=1s"))
                .hasStackTraceContaining("reconnectMaxDelay must not be below reconnectInitialDelay");
        assertThatThrownBy(() -> camel.getEndpoint("cxone-ws:x?wsUrl=RAW(ws://h/ws)").createProducer())
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
