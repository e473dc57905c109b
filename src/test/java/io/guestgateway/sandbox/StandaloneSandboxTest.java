package io.guestgateway.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;

/** bin/sandbox's options: the cxone.sandbox.* keys without the prefix, as --name value or --name=value. */
class StandaloneSandboxTest {

    @Test
    void optionsAreTheSandboxKeysWithoutThePrefix() {
        SandboxProperties config = StandaloneSandbox.parse(new String[] {"--port", "18089",
                "--routing.latency=5ms", "--crm.every-429", "3", "--cxone.sandbox.token-lifetime", "30s"});
        assertThat(config.port()).isEqualTo(18089);
        assertThat(config.routing().latency()).isEqualTo(Duration.ofMillis(5));
        assertThat(config.crm().every429()).isEqualTo(3);
        assertThat(config.tokenLifetime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.clientId()).isEqualTo("sandbox-client");
    }

    @Test
    void noOptionsMeansTheDefaults() {
        SandboxProperties config = StandaloneSandbox.parse(new String[0]);
        assertThat(config.port()).isEqualTo(8089);
        assertThat(config.routing().settings()).isEqualTo(FaultSettings.none());
    }

    @Test
    void anUnknownOrIncompleteOptionIsRefused() {
        assertThatThrownBy(() -> StandaloneSandbox.parse(new String[] {"--prot", "1"})).isInstanceOf(BindException.class);
        assertThatThrownBy(() -> StandaloneSandbox.parse(new String[] {"--port"}))
                .hasMessage("--port needs a value");
        assertThatThrownBy(() -> StandaloneSandbox.parse(new String[] {"8089"}))
                .hasMessage("unexpected argument '8089'");
    }
}
