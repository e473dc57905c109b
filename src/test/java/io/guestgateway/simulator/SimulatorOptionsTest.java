package io.guestgateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorOptionsTest {

    @Test
    void defaultsAimAtTheSandbox() {
        SimulatorOptions o = SimulatorOptions.parse();
        assertThat(o.guests()).isEqualTo(10);
        assertThat(o.messagesPerGuest()).isEqualTo(3);
        assertThat(o.rate()).isZero();
        assertThat(o.connections()).isEqualTo(4);
        assertThat(o.bots()).isZero();
        assertThat(o.botMessages()).isEqualTo(100);
        assertThat(o.queues()).containsExactly("general-support", "billing", "sales");
        assertThat(o.apiBase()).isEqualTo(URI.create("http://127.0.0.1:8089"));
        assertThat(o.wsUrl()).isEqualTo(URI.create("ws://127.0.0.1:8089/webchat/v1/ws"));
        assertThat(o.clientId()).isEqualTo("sandbox-client");
        assertThat(o.timeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void readsBothOptionForms() {
        SimulatorOptions o = SimulatorOptions.parse("--guests", "500", "--messages-per-guest=2", "--rate", "1500.5",
                "--connections=8", "--bots", "3", "--bot-messages", "40", "--malformed", "0.1", "--outbound=0.25",
                "--seed", "-7", "--queues", "billing, sales", "--api-base", "https://api.example.com",
                "--ws-url", "wss://api.example.com/webchat/v1/ws", "--client-id", "me", "--client-secret", "s",
                "--timeout", "2.5");
        assertThat(o).isEqualTo(new SimulatorOptions(500, 2, 1500.5, 8, 3, 40, 0.1, 0.25, -7, List.of("billing", "sales"),
                URI.create("https://api.example.com"), URI.create("wss://api.example.com/webchat/v1/ws"), "me", "s",
                Duration.ofMillis(2500)));
    }

    @Test
    void badOptionsNameTheOption() {
        assertThatThrownBy(() -> SimulatorOptions.parse("--guests", "-1")).hasMessageContaining("--guests");
        assertThatThrownBy(() -> SimulatorOptions.parse("--guests", "many")).hasMessageContaining("--guests");
        assertThatThrownBy(() -> SimulatorOptions.parse("--malformed", "1.5")).hasMessageContaining("--malformed");
        assertThatThrownBy(() -> SimulatorOptions.parse("--connections", "0")).hasMessageContaining("--connections");
        assertThatThrownBy(() -> SimulatorOptions.parse("--ws-url", "http://x/ws")).hasMessageContaining("--ws-url");
        assertThatThrownBy(() -> SimulatorOptions.parse("--colour", "red")).hasMessageContaining("unknown option --colour");
        assertThatThrownBy(() -> SimulatorOptions.parse("--rate")).hasMessageContaining("--rate needs a value");
        assertThatThrownBy(() -> SimulatorOptions.parse("--queues", ",")).isInstanceOf(UsageException.class);
    }

    @Test
    void extraSharesAreOfGuestAndBotFrames() {
        SimulatorOptions o = SimulatorOptions.parse("--guests", "10", "--messages-per-guest", "3", "--bots", "1",
                "--bot-messages", "10", "--malformed", "0.1", "--outbound", "0.5");
        assertThat(o.baseFrames()).isEqualTo(40);
        assertThat(o.malformedFrames()).isEqualTo(4);
        assertThat(o.outboundFrames()).isEqualTo(20);
        assertThat(o.totalFrames()).isEqualTo(64);
        assertThat(o.withTraffic(0, 3).outboundFrames()).as("no guest to reply to").isZero();
    }

    @Test
    void theSecretIsNotPrinted() {
        assertThat(SimulatorOptions.parse("--client-secret", "hush-123").toString()).doesNotContain("hush-123");
    }
}
