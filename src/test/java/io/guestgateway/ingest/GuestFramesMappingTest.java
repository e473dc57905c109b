package io.guestgateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.guestgateway.guest.GuestMessage;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The docs/cxone-contract.md §2 table, one rule at a time, with exact outcomes. */
class GuestFramesMappingTest {

    static final long RECEIVED = 1_764_412_399_500L;
    final GuestFrames frames = new GuestFrames();

    GuestMessage map(String json) {
        return frames.toGuestMessage(frames.parse(json, RECEIVED), RECEIVED);
    }

    String reject(String json) {
        return catchThrowableOfType(RejectedFrameException.class, () -> map(json)).reason();
    }

    /** A minimal inbound message with extra members spliced in. */
    static String msg(String members) {
        return "{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":\"c-1\"" + (members.isEmpty() ? "" : "," + members) + "}";
    }

    @Test
    void contractExampleMapsExactly() {
        String frame = """
                {
                  "type": "message",
                  "direction": "inbound",
                  "conversationId": "c-8f14e45f",
                  "text": "Hi, my order never arrived",
                  "timestamp": 1764412345.127,
                  "metadata": {
                    "browserFingerprint": "fp-3b9d2c71a0",
                    "routing": { "queueId": "general-support" }
                  },
                  "guest": { "fingerprint": "fp-3b9d2c71a0" }
                }""";
        assertThat(map(frame)).isEqualTo(new GuestMessage("c-8f14e45f", "fp-3b9d2c71a0",
                "Hi, my order never arrived", "general-support", 1764412345.127, null, RECEIVED));
    }

    @Test
    void minimalFrameGetsEveryDefault() {
        assertThat(map(msg(""))).isEqualTo(new GuestMessage("c-1", GuestMessage.ANONYMOUS, "",
                GuestMessage.DEFAULT_QUEUE, RECEIVED / 1000.0, null, RECEIVED));
    }

    @Nested
    class ConversationId {
        @Test
        void keptAsIsUpTo128PrintableCharacters() {
            String id = "c".repeat(127) + "é";
            assertThat(map("{\"conversationId\":\"" + id + "\"}").sessionId()).isEqualTo(id);
            assertThat(map("{\"conversationId\":\"c 1 😀\"}").sessionId()).isEqualTo("c 1 😀");
            String emoji = "😀".repeat(128); // 128 characters, 256 UTF-16 units
            assertThat(map("{\"conversationId\":\"" + emoji + "\"}").sessionId()).isEqualTo(emoji);
        }

        @ParameterizedTest
        @ValueSource(strings = {"{}", "{\"conversationId\":null}", "{\"conversationId\":\"\"}",
                "{\"conversationId\":\"   \"}", "{\"conversationId\":42}", "{\"conversationId\":true}",
                "{\"conversationId\":[\"c-1\"]}", "{\"conversationId\":{\"id\":\"c-1\"}}",
                "{\"conversationId\":\"c\\u0000\"}", "{\"conversationId\":\"\\u001b[31mc\"}",
                "{\"conversationId\":\"c\\n1\"}", "{\"conversationId\":\"c\\t1\"}",
                "{\"conversationId\":\"\\u202ec-1\"}", "{\"conversationId\":\"c\\u200b1\"}",
                "{\"conversationId\":\"c\\ud8001\"}", "{\"conversationId\":\"c\\u30001\"}"})
        void rejected(String frame) {
            assertThat(reject(frame)).isEqualTo("bad-conversation-id");
        }

        @Test
        void longerThan128Rejected() {
            assertThat(reject("{\"conversationId\":\"" + "c".repeat(129) + "\"}")).isEqualTo("bad-conversation-id");
            assertThat(reject("{\"conversationId\":\"" + "😀".repeat(129) + "\"}")).isEqualTo("bad-conversation-id");
        }
    }

    @Nested
    class Fingerprint {
        @Test
        void browserFingerprintWinsOverGuestFingerprint() {
            assertThat(map(msg("\"metadata\":{\"browserFingerprint\":\"fp-a\"},\"guest\":{\"fingerprint\":\"fp-b\"}"))
                    .fingerprint()).isEqualTo("fp-a");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"guest\":{\"fingerprint\":\"fp-b\"}",
                "\"metadata\":{},\"guest\":{\"fingerprint\":\"fp-b\"}",
                "\"metadata\":{\"browserFingerprint\":null},\"guest\":{\"fingerprint\":\"fp-b\"}",
                "\"metadata\":{\"browserFingerprint\":\"\"},\"guest\":{\"fingerprint\":\"fp-b\"}",
                "\"metadata\":{\"browserFingerprint\":\"  \"},\"guest\":{\"fingerprint\":\"fp-b\"}"})
        void guestFingerprintWhenBrowserFingerprintMissingNullOrBlank(String members) {
            assertThat(map(msg(members)).fingerprint()).isEqualTo("fp-b");
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "\"metadata\":null", "\"guest\":null", "\"guest\":{}",
                "\"metadata\":{\"browserFingerprint\":\"\"}", "\"guest\":{\"fingerprint\":\" \"}"})
        void anonymousWhenNeitherIsThere(String members) {
            assertThat(map(msg(members)).fingerprint()).isEqualTo(GuestMessage.ANONYMOUS);
        }

        @Test
        void upTo256Characters() {
            String fp = "f".repeat(256);
            assertThat(map(msg("\"metadata\":{\"browserFingerprint\":\"" + fp + "\"}")).fingerprint()).isEqualTo(fp);
            assertThat(reject(msg("\"metadata\":{\"browserFingerprint\":\"" + fp + "f\"}"))).isEqualTo("bad-fingerprint");
            assertThat(reject(msg("\"guest\":{\"fingerprint\":\"" + fp + "f\"}"))).isEqualTo("bad-fingerprint");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"metadata\":{\"browserFingerprint\":42}",
                "\"metadata\":{\"browserFingerprint\":{}}", "\"metadata\":{\"browserFingerprint\":false}",
                "\"metadata\":{\"browserFingerprint\":\"fp\\u0007\"}",
                "\"metadata\":{\"browserFingerprint\":\"\\u001b]0;pwned\\u0007\"}",
                "\"metadata\":{\"browserFingerprint\":\"fp\\u202e\"}", "\"guest\":{\"fingerprint\":[1]}",
                "\"guest\":{\"fingerprint\":\"fp\\r\\n\"}",
                // a bad fallback rejects even when the preferred value is fine
                "\"metadata\":{\"browserFingerprint\":\"fp-a\"},\"guest\":{\"fingerprint\":7}"})
        void rejected(String members) {
            assertThat(reject(msg(members))).isEqualTo("bad-fingerprint");
        }
    }

    @Nested
    class Text {
        @Test
        void missingOrNullIsEmpty() {
            assertThat(map(msg("")).text()).isEmpty();
            assertThat(map(msg("\"text\":null")).text()).isEmpty();
        }

        @Test
        void keptVerbatimUpToTheLimitIncludingControlCharacters() {
            String text = "x".repeat(4091) + "\n\t\u001b😀";
            assertThat(text).hasSize(4096);
            assertThat(map(msg("\"text\":\"" + text.replace("\n", "\\n").replace("\t", "\\t")
                    .replace("\u001b", "\\u001b") + "\"")).text()).isEqualTo(text);
        }

        @Test
        void longerIsCutToTheLimitWithTheMarker() {
            String text = "abcdefghij".repeat(500);
            String cut = map(msg("\"text\":\"" + text + "\"")).text();
            assertThat(cut).hasSize(4096).endsWith(GuestFrames.TRUNCATION_MARKER)
                    .isEqualTo(text.substring(0, 4096 - GuestFrames.TRUNCATION_MARKER.length()) + "…[truncated]");
        }

        @Test
        void cutNeverSplitsASurrogatePair() {
            GuestFrames small = new GuestFrames(GuestFrames.DEFAULT_MAX_FRAME_BYTES, 30);
            // keep = 30 - 12 = 18 chars; char 17 is the high half of an emoji
            String text = "a".repeat(17) + "😀" + "b".repeat(20);
            String cut = small.toGuestMessage(small.parse(msg("\"text\":\"" + text + "\""), RECEIVED), RECEIVED).text();
            assertThat(cut).isEqualTo("a".repeat(17) + "…[truncated]").hasSizeLessThanOrEqualTo(30);
            String fits = "a".repeat(16) + "😀" + "b".repeat(20);
            assertThat(small.toGuestMessage(small.parse(msg("\"text\":\"" + fits + "\""), RECEIVED), RECEIVED).text())
                    .isEqualTo("a".repeat(16) + "😀" + "…[truncated]").hasSize(30);
        }

        @ParameterizedTest
        @ValueSource(strings = {"42", "true", "{}", "[\"hi\"]", "1.5"})
        void nonStringRejected(String value) {
            assertThat(reject(msg("\"text\":" + value))).isEqualTo("bad-text");
        }
    }

    @Nested
    class QueueId {
        @ParameterizedTest
        @ValueSource(strings = {"", "\"metadata\":{}", "\"metadata\":{\"routing\":null}", "\"metadata\":{\"routing\":{}}",
                "\"metadata\":{\"routing\":{\"queueId\":null}}", "\"metadata\":{\"routing\":{\"queueId\":\"\"}}"})
        void defaultWhenMissing(String members) {
            assertThat(map(msg(members)).queueId()).isEqualTo("default");
        }

        @Test
        void takenFromMetadataRoutingUpTo128() {
            String q = "q".repeat(128);
            assertThat(map(msg("\"metadata\":{\"routing\":{\"queueId\":\"" + q + "\"}}")).queueId()).isEqualTo(q);
            assertThat(reject(msg("\"metadata\":{\"routing\":{\"queueId\":\"" + q + "q\"}}"))).isEqualTo("bad-queue-id");
        }

        @ParameterizedTest
        @ValueSource(strings = {"7", "[]", "{}", "\"sales\\u2066\"", "\"sales\\u0000\""})
        void badValueRejected(String value) {
            assertThat(reject(msg("\"metadata\":{\"routing\":{\"queueId\":" + value + "}}"))).isEqualTo("bad-queue-id");
        }
    }

    @Nested
    class Containers {
        @ParameterizedTest
        @ValueSource(strings = {"\"metadata\":\"x\"", "\"metadata\":[]", "\"metadata\":1", "\"metadata\":true",
                "\"metadata\":{\"routing\":\"general\"}", "\"metadata\":{\"routing\":[{\"queueId\":\"q\"}]}"})
        void metadataOrRoutingNotAnObject(String members) {
            assertThat(reject(msg(members))).isEqualTo("bad-metadata");
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"guest\":\"fp\"", "\"guest\":[]", "\"guest\":0", "\"guest\":false"})
        void guestNotAnObject(String members) {
            assertThat(reject(msg(members))).isEqualTo("bad-guest");
        }

        @Test
        void unknownMembersAreIgnored() {
            assertThat(map(msg("\"extra\":{\"deep\":[1,2,{\"x\":null}]},\"metadata\":{\"other\":5}")).sessionId())
                    .isEqualTo("c-1");
        }
    }

    @Nested
    class MessageId {
        @Test
        void keptWhenPresentNullWhenMissingOrBlank() {
            assertThat(map(msg("\"messageId\":\"m-1\"")).messageId()).isEqualTo("m-1");
            assertThat(map(msg("")).messageId()).isNull();
            assertThat(map(msg("\"messageId\":null")).messageId()).isNull();
            assertThat(map(msg("\"messageId\":\"\"")).messageId()).isNull();
        }

        @ParameterizedTest
        @ValueSource(strings = {"12345", "{}", "\"m\\u0085\""})
        void badValueRejected(String value) {
            assertThat(reject(msg("\"messageId\":" + value))).isEqualTo("bad-message-id");
        }

        @Test
        void longerThan256Rejected() {
            assertThat(reject(msg("\"messageId\":\"" + "m".repeat(257) + "\""))).isEqualTo("bad-message-id");
        }
    }

    @Test
    void nonObjectNodeRejected() {
        RejectedFrameException e = catchThrowableOfType(RejectedFrameException.class,
                () -> frames.toGuestMessage(new ParsedFrame("[]", new com.fasterxml.jackson.databind.ObjectMapper().createArrayNode()), 1L));
        assertThat(e.reason()).isEqualTo("not-object");
    }
}
