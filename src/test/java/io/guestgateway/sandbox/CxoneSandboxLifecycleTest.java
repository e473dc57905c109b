package io.guestgateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CxoneSandboxLifecycleTest {

    @Test
    void portZeroPicksAFreePortAndTheAddressesFollowIt() {
        try (CxoneSandbox sandbox = CxoneSandbox.start(SandboxSettings.defaults())) {
            int port = sandbox.port();
            assertThat(port).isPositive();
            assertThat(sandbox.apiBase()).isEqualTo("http://127.0.0.1:" + port);
            assertThat(sandbox.wsUrl()).isEqualTo("ws://127.0.0.1:" + port + "/webchat/v1/ws");
            assertThat(sandbox.crmUrl()).isEqualTo("http://127.0.0.1:" + port + "/crm/batch");
            assertThat(new HttpTestClient(sandbox.apiBase()).get("/sandbox/state").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aTakenPortFailsWithANamedExceptionThatNamesIt() {
        try (CxoneSandbox first = CxoneSandbox.start(SandboxSettings.defaults())) {
            assertThatThrownBy(() -> CxoneSandbox.start(SandboxSettings.defaults().withPort(first.port())))
                    .isInstanceOf(SandboxStartException.class)
                    .hasMessageContaining("127.0.0.1:" + first.port());
        }
    }

    @Test
    void closeTwiceIsHarmlessAndFreesThePort() throws Exception {
        CxoneSandbox sandbox = CxoneSandbox.start(SandboxSettings.defaults());
        int port = sandbox.port();
        sandbox.close();
        sandbox.close();
        try (java.net.ServerSocket again = new java.net.ServerSocket(port, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void settingsHideTheSecret() {
        assertThat(SandboxSettings.defaults().withClientSecret("hush-42").toString()).doesNotContain("hush-42");
    }
}
