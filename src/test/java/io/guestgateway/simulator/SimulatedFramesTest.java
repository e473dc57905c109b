package io.guestgateway.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The frames follow the contract's schema, and each malformed variant breaks one of its rules. */
class SimulatedFramesTest {

    static final long T = 1764412345127L;

    @Test
    void inboundFrameHasTheContractFieldsAndNumberFormat() {
        String json = SimulatedFrames.inbound("c-8f14e45f", "m-1", "Say \"hi\"\n", T, "fp-3b9d2c71a0", "billing");
        JsonObject frame = new JsonObject(json);

        assertThat(json).contains("\"timestamp\":1764412345.127,");
        assertThat(frame.getString("type")).isEqualTo("message");
        assertThat(frame.getString("direction")).isEqualTo("inbound");
        assertThat(frame.getString("conversationId")).isEqualTo("c-8f14e45f");
        assertThat(frame.getString("messageId")).isEqualTo("m-1");
        assertThat(frame.getString("text")).isEqualTo("Say \"hi\"\n");
        assertThat(frame.getJsonObject("metadata").getString("browserFingerprint")).isEqualTo("fp-3b9d2c71a0");
        assertThat(frame.getJsonObject("metadata").getJsonObject("routing").getString("queueId")).isEqualTo("billing");
        assertThat(frame.getJsonObject("guest").getString("fingerprint")).isEqualTo("fp-3b9d2c71a0");
        assertThat(ContractFrames.validInbound(json)).isTrue();
    }

    @Test
    void millisecondsArePaddedInTheFraction() {
        assertThat(SimulatedFrames.inbound("c", "m", "t", 1764412345007L, "fp", "q")).contains("\"timestamp\":1764412345.007,");
        assertThat(SimulatedFrames.inbound("c", "m", "t", 1764412345070L, "fp", "q")).contains("\"timestamp\":1764412345.070,");
    }

    @Test
    void outboundFrameIsAnAgentReply() {
        String json = SimulatedFrames.outbound("c-1", "m-2", "Hello!", T, "agent-3");
        assertThat(ContractFrames.outbound(json)).isTrue();
        assertThat(ContractFrames.validInbound(json)).isFalse();
    }

    @Test
    void everyMalformedVariantBreaksARuleButStillClaimsToBeAMessage() {
        Set<String> distinct = new HashSet<>();
        for (int variant = 0; variant < SimulatedFrames.MALFORMED_VARIANTS; variant++) {
            String json = SimulatedFrames.malformed(variant, "c-1", "m-3", "Why was my \"card\" declined?", T, "fp-1", "sales");
            assertThat(ContractFrames.validInbound(json)).as("variant %d: %s", variant, json).isFalse();
            assertThat(json).startsWith("{\"type\":\"message\"");
            distinct.add(json);
        }
        assertThat(distinct).hasSize(SimulatedFrames.MALFORMED_VARIANTS);
    }
}
