package io.guestgateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the simulator says a gateway with its default flood limit will route. */
class RoutingExpectationTest {

    @Test
    void everyGuestOnceAndEachBotUpToTheFloodLimit() {
        SimulatorOptions readme = SimulatorOptions.parse("--guests", "1000", "--messages-per-guest", "3",
                "--bots", "5", "--malformed", "0.02", "--outbound", "0.1");

        assertThat(RoutingExpectation.conversations(readme)).isEqualTo(1_000 + 5 * 15);
        assertThat(RoutingExpectation.note(readme))
                .startsWith("Expect 1,075 conversations routed: 1,000 guests' (one each) and 75 of the bots' (5 bots,")
                .contains("grown by 1,075 and stops moving")
                .contains("curl -s http://127.0.0.1:8089/sandbox/state ");
    }

    @Test
    void botsUnderTheLimitAreAllRoutedAndGuestsWithoutMessagesAreNot() {
        assertThat(RoutingExpectation.conversations(SimulatorOptions.parse("--guests", "7", "--bots", "3",
                "--bot-messages", "10"))).isEqualTo(7 + 3 * 10);
        SimulatorOptions botsOnly = SimulatorOptions.parse("--guests", "4", "--messages-per-guest", "0", "--bots", "2");
        assertThat(RoutingExpectation.conversations(botsOnly)).isEqualTo(2 * 15);
        assertThat(RoutingExpectation.note(SimulatorOptions.parse("--guests", "2"))).startsWith(
                "Expect 2 conversations routed: 2 guests' (one each). Malformed");
    }
}
