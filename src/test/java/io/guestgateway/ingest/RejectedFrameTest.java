package io.guestgateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class RejectedFrameTest {

    @Test
    void keepsReasonTimeSizeAndAnEscapedExcerpt() {
        RejectedFrame r = RejectedFrame.of("{\"x\":\"\u001b[2J€\"}\nrest", "not-json", 1_700_000_000_123L);
        assertThat(r.reason()).isEqualTo("not-json");
        assertThat(r.receivedAt()).isEqualTo(1_700_000_000_123L);
        assertThat(r.sizeBytes()).isEqualTo(20); // € is 3 bytes in UTF-8
        assertThat(r.excerpt()).isEqualTo("{\"x\":\"\\u001b[2J€\"}\\nrest");
    }

    @Test
    void excerptOfAHugeFrameIsShortAndMarkedAsCut() {
        String frame = "{\"text\":\"" + "a".repeat(2_000_000) + "\"}";
        RejectedFrame r = RejectedFrame.of(frame, "too-large", 1L);
        assertThat(r.sizeBytes()).isEqualTo(frame.length());
        assertThat(r.excerpt()).hasSize(RejectedFrame.EXCERPT_LENGTH).startsWith("{\"text\":\"aaa").endsWith("…");
    }

    @Test
    void excerptOfExactly120PrintableCharsIsWhole() {
        String frame = "b".repeat(120);
        assertThat(RejectedFrame.of(frame, "not-json", 1L).excerpt()).isEqualTo(frame);
        assertThat(RejectedFrame.of(frame + "c", "not-json", 1L).excerpt()).hasSize(120).endsWith("b…");
    }

    @Test
    void nullFrameAndOddReasons() {
        RejectedFrame r = RejectedFrame.of(null, null, 5L);
        assertThat(r.sizeBytes()).isZero();
        assertThat(r.excerpt()).isEmpty();
        assertThat(r.reason()).isEqualTo("unknown");
        assertThat(RejectedFrame.of("x", "evil\nreason", 5L).reason()).isEqualTo("evil\\nreason");
    }

    @Test
    void jsonShapeForTheRejectedQueue() throws Exception {
        RejectedFrame r = RejectedFrame.of("[1,\u202e2]", "not-object", 42L);
        JsonNode json = new ObjectMapper().readTree(r.toJson());
        assertThat(json.size()).isEqualTo(4);
        assertThat(json.get("reason").asText()).isEqualTo("not-object");
        assertThat(json.get("receivedAt").asLong()).isEqualTo(42L);
        assertThat(json.get("sizeBytes").asLong()).isEqualTo(8);
        assertThat(json.get("excerpt").asText()).isEqualTo("[1,\\u202e2]");
        assertThat(new ObjectMapper().readValue(r.toJson(), RejectedFrame.class)).isEqualTo(r);
    }
}
