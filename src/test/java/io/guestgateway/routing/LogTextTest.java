package io.guestgateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogTextTest {

    @Test
    void escapesControlCharactersAndCutsLongText() {
        assertThat(LogText.escape("c-1\nFAKE LOG LINE")).isEqualTo("c-1\\u000aFAKE LOG LINE");
        assertThat(LogText.escape("a\u001b[31mred")).isEqualTo("a\\u001b[31mred");
        assertThat(LogText.escape("x".repeat(500))).hasSize(201).endsWith("…");
        assertThat(LogText.escape(null)).isEqualTo("null");
        assertThat(LogText.escape("plain")).isEqualTo("plain");
    }
}
