package io.guestgateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** docs/cxone-contract.md §2: the auth-frame rules and the relay of message frames. */
class SandboxWebSocketTest {

    static final String MESSAGE = "{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":\"c-1\","
            + "\"text\":\"Hi, my order never arrived\",\"timestamp\":1764412345.127}";

    static CxoneSandbox sandbox;
    static HttpTestClient http;

    @BeforeAll
    static void start() {
        sandbox = CxoneSandbox.start(SandboxSettings.defaults().withAuthTimeout(Duration.ofSeconds(2)));
        http = new HttpTestClient(sandbox.apiBase());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @AfterEach
    void closeAll() {
        sandbox.closeAllWebSockets(1000);
        await().atMost(Duration.ofSeconds(5)).until(() -> sandbox.state().wsConnections() == 0);
        sandbox.reset();
    }

    @Test
    void validAuthFrameIsAnsweredOk() {
        try (WsTestClient client = WsTestClient.connect(sandbox.wsUrl())) {
            client.send("{\"type\":\"auth\",\"token\":\"" + http.token() + "\"}");
            client.awaitText(1, Duration.ofSeconds(5));
            assertThat(client.texts()).containsExactly("{\"type\":\"auth\",\"status\":\"ok\"}");
            assertThat(sandbox.state().wsAuthenticated()).isEqualTo(1);
            assertThat(sandbox.state().wsConnections()).isEqualTo(1);
        }
    }

    @Test
    void unknownTokenIsClosedWith4401() {
        try (WsTestClient client = WsTestClient.connect(sandbox.wsUrl())) {
            client.send("{\"type\":\"auth\",\"token\":\"not-a-token\"}");
            assertThat(client.closeCode().orTimeout(5, TimeUnit.SECONDS).join()).isEqualTo(4401);
            assertThat(client.texts()).isEmpty();
        }
        assertThat(sandbox.state().wsAuthRejected()).isEqualTo(1);
    }

    @Test
    void expiredTokenIsClosedWith4401() {
        String token = http.token();
        sandbox.expireAllTokens();
        try (WsTestClient client = WsTestClient.connect(sandbox.wsUrl())) {
            client.send("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
            assertThat(client.closeCode().orTimeout(5, TimeUnit.SECONDS).join()).isEqualTo(4401);
        }
        // a token fetched after the expiry works again
        WsTestClient.authenticated(sandbox.wsUrl(), http.token()).close();
    }

    @Test
    void tokenThatOutlivedItsLifetimeIsClosedWith4401() {
        try (CxoneSandbox shortLived = CxoneSandbox.start(SandboxSettings.defaults()
                .withTokenLifetime(Duration.ofMillis(200)))) {
            String token = new HttpTestClient(shortLived.apiBase()).token();
            long issued = System.currentTimeMillis();
            await().atMost(Duration.ofSeconds(2)).until(() -> System.currentTimeMillis() - issued > 250);
            try (WsTestClient client = WsTestClient.connect(shortLived.wsUrl())) {
                client.send("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
                assertThat(client.closeCode().orTimeout(5, TimeUnit.SECONDS).join()).isEqualTo(4401);
            }
        }
    }

    @Test
    void tokenWithoutWebchatReadIsClosedWith4401() {
        String token = http.token("routing:write");
        try (WsTestClient client = WsTestClient.connect(sandbox.wsUrl())) {
            client.send("{\"type\":\"auth\",\"token\":\"" + token + "\"}");
            assertThat(client.closeCode().orTimeout(5, TimeUnit.SECONDS).join()).isEqualTo(4401);
        }
    }

    @Test
    void aFirstFrameThatIsNotAuthIsClosedWith4401() {
        try (WsTestClient client = WsTestClient.connect(sandbox.wsUrl())) {
            client.send(MESSAGE);
            assertThat(client.closeCode().orTimeout(5, TimeUnit.SECONDS).join()).isEqualTo(4401);
        }
    }

    @Test
    void noAuthFrameInTimeIsClosedWith1008() {
        try (WsTestClient client = WsTestClient.connect(sandbox.wsUrl())) {
            long opened = System.nanoTime();
            assertThat(client.closeCode().orTimeout(5, TimeUnit.SECONDS).join()).isEqualTo(1008);
            assertThat(Duration.ofNanos(System.nanoTime() - opened)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        }
    }

    @Test
    void messagesGoToEveryOtherAuthenticatedConnectionOnly() {
        String token = http.token();
        try (WsTestClient sender = WsTestClient.authenticated(sandbox.wsUrl(), token);
                WsTestClient gatewayA = WsTestClient.authenticated(sandbox.wsUrl(), token);
                WsTestClient gatewayB = WsTestClient.authenticated(sandbox.wsUrl(), token);
                WsTestClient unauthenticated = WsTestClient.connect(sandbox.wsUrl())) {
            sender.send(MESSAGE);
            sender.send("{\"type\":\"typing\",\"conversationId\":\"c-1\"}"); // not a message: dropped
            sender.send("{\"type\":\"message\",\"direction\":\"outbound\",\"conversationId\":\"c-1\"}");

            await().atMost(Duration.ofSeconds(5)).until(() -> gatewayA.received() == 2 && gatewayB.received() == 2);
            assertThat(gatewayA.texts()).containsExactly(MESSAGE,
                    "{\"type\":\"message\",\"direction\":\"outbound\",\"conversationId\":\"c-1\"}");
            assertThat(gatewayB.texts()).isEqualTo(gatewayA.texts());
            assertThat(sender.texts()).isEmpty();
            assertThat(unauthenticated.texts()).isEmpty();
            assertThat(sandbox.state().framesRelayed()).isEqualTo(4);
        }
    }

    @Test
    void unreadableFramesAreRelayedSoTheGatewayCanRejectThem() {
        String token = http.token();
        try (WsTestClient sender = WsTestClient.authenticated(sandbox.wsUrl(), token);
                WsTestClient gateway = WsTestClient.authenticated(sandbox.wsUrl(), token)) {
            sender.send("{\"type\":\"message\",\"conversationId\":");
            sender.send("[1,2,3]");
            sender.send("{\"type\":\"auth\",\"token\":\"" + token + "\"}"); // a repeated auth: dropped
            await().atMost(Duration.ofSeconds(5)).until(() -> gateway.received() == 2);
            assertThat(gateway.texts()).containsExactly("{\"type\":\"message\",\"conversationId\":", "[1,2,3]");
        }
    }

    @Test
    void guestRoleConnectionsSendButDoNotReceive() {
        String token = http.token();
        // each guest authenticates right after it connects: the class's auth timeout is short
        try (WsTestClient gateway = WsTestClient.authenticated(sandbox.wsUrl(), token);
                WsTestClient guest1 = guest(token);
                WsTestClient guest2 = guest(token)) {
            guest1.send(MESSAGE);
            guest2.send(MESSAGE);
            await().atMost(Duration.ofSeconds(5)).until(() -> gateway.received() == 2);
            assertThat(guest1.received()).isEqualTo(1); // only its auth ok
            assertThat(guest2.received()).isEqualTo(1);
        }
    }

    private WsTestClient guest(String token) {
        WsTestClient guest = WsTestClient.connect(sandbox.wsUrl());
        guest.send("{\"type\":\"auth\",\"token\":\"" + token + "\",\"role\":\"guest\"}");
        guest.awaitText(1, Duration.ofSeconds(5));
        return guest;
    }

    @Test
    void messagesWithNoOtherConnectionAreCountedAsDropped() {
        try (WsTestClient alone = WsTestClient.authenticated(sandbox.wsUrl(), http.token())) {
            alone.send(MESSAGE);
            await().atMost(Duration.ofSeconds(5)).until(() -> sandbox.state().framesDropped() == 1);
            assertThat(sandbox.state().framesRelayed()).isZero();
        }
    }

    @Test
    void otherPathsAreNotWebSockets() {
        String wrong = sandbox.wsUrl().replace("/webchat/v1/ws", "/elsewhere");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> WsTestClient.connect(wrong))
                .rootCause().hasMessageContaining("404");
    }
}
