package io.guestgateway.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Malformed and hostile frames through steps 2-4 as the route runs them: each ends in a reject
 * with the expected reason, an exception message without the frame's content, and a safe excerpt.
 */
class GuestFramesHostileTest {

    final GuestFrames frames = new GuestFrames();

    /** Valid JSON nested exactly {@code levels} deep: {@code levels - 1} wrappers around {@code innermost}. */
    static String deep(String open, String close, int levels) {
        String innermost = open.startsWith("[") ? "[]" : "{}";
        return open.repeat(levels - 1) + innermost + close.repeat(levels - 1);
    }

    static String inbound(String members) {
        return "{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":\"c-1\"," + members + "}";
    }

    static Stream<Arguments> corpus() {
        return Stream.of(
                Arguments.of("empty", "", "not-json"),
                Arguments.of("blank", " \n\t ", "not-json"),
                Arguments.of("prose", "hello there", "not-json"),
                Arguments.of("truncated", "{\"type\":\"message\",", "not-json"),
                Arguments.of("trailing object", "{\"a\":1} {\"b\":2}", "not-json"),
                Arguments.of("trailing garbage", "{\"a\":1}x", "not-json"),
                Arguments.of("single quotes", "{'type':'message'}", "not-json"),
                Arguments.of("comment", "{/* hi */\"a\":1}", "not-json"),
                Arguments.of("NaN literal", inbound("\"timestamp\":NaN"), "not-json"),
                Arguments.of("Infinity literal", inbound("\"timestamp\":Infinity"), "not-json"),
                Arguments.of("leading zero", inbound("\"timestamp\":0123"), "not-json"),
                Arguments.of("raw control char in string", inbound("\"text\":\"a\u0001b\""), "not-json"),
                Arguments.of("raw newline in string", inbound("\"text\":\"a\nb\""), "not-json"),
                Arguments.of("ANSI before the object", "\u001b[2J\u001b[H{\"a\":1}", "not-json"),
                Arguments.of("invalid escape", inbound("\"text\":\"\\x41\""), "not-json"),
                Arguments.of("array", "[{\"type\":\"message\"}]", "not-object"),
                Arguments.of("string", "\"message\"", "not-object"),
                Arguments.of("number", "42", "not-object"),
                Arguments.of("null", "null", "not-object"),
                Arguments.of("boolean", "true", "not-object"),
                Arguments.of("duplicate key", "{\"conversationId\":\"a\",\"conversationId\":\"b\"}", "duplicate-key"),
                Arguments.of("10000 nested arrays", deep("[", "]", 10_000), "too-deep"),
                Arguments.of("10000 nested objects", deep("{\"a\":", "}", 10_000), "too-deep"),
                Arguments.of("17 levels", deep("{\"a\":", "}", 17), "too-deep"),
                Arguments.of("deep inside a message", inbound("\"extra\":" + deep("[", "]", 16)), "too-deep"), // 17 with the frame
                Arguments.of("frame over 1 MiB", inbound("\"text\":\"" + "a".repeat(1 << 20) + "\""), "too-large"),
                Arguments.of("multi-byte frame over 1 MiB", "{\"x\":\"" + "€".repeat(350_000) + "\"}", "too-large"),
                Arguments.of("huge unknown string", inbound("\"junk\":\"" + "j".repeat(70_000) + "\""), "too-long-string"),
                Arguments.of("huge text", inbound("\"text\":\"" + "t".repeat(65_537) + "\""), "too-long-string"),
                Arguments.of("huge number", inbound("\"timestamp\":1" + "0".repeat(100)), "too-long-number"),
                Arguments.of("huge key", inbound("\"" + "k".repeat(300) + "\":1"), "too-long-name"),
                Arguments.of("token bomb", inbound("\"junk\":[" + "0,".repeat(200_000) + "0]"), "too-many-tokens"),
                Arguments.of("NUL in conversationId", inbound("\"conversationId\":\"c\\u0000\"").replaceFirst(",\"conversationId\":\"c-1\"", ""), "bad-conversation-id"),
                Arguments.of("ANSI in conversationId", "{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":\"\\u001b[31mevil\"}", "bad-conversation-id"),
                Arguments.of("number conversationId", "{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":12345}", "bad-conversation-id"),
                Arguments.of("null conversationId", "{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":null}", "bad-conversation-id"),
                Arguments.of("missing conversationId", "{\"type\":\"message\",\"direction\":\"inbound\",\"text\":\"hi\"}", "bad-conversation-id"),
                Arguments.of("bidi fingerprint", inbound("\"metadata\":{\"browserFingerprint\":\"\\u202egnp.exe\"}"), "bad-fingerprint"),
                Arguments.of("OSC fingerprint", inbound("\"guest\":{\"fingerprint\":\"\\u001b]8;;http://x\\u0007\"}"), "bad-fingerprint"),
                Arguments.of("huge fingerprint", inbound("\"guest\":{\"fingerprint\":\"" + "f".repeat(5000) + "\"}"), "bad-fingerprint"),
                Arguments.of("isolate in queueId", inbound("\"metadata\":{\"routing\":{\"queueId\":\"\\u2067q\"}}"), "bad-queue-id"),
                Arguments.of("NaN as string", inbound("\"timestamp\":\"NaN\""), "bad-timestamp"),
                Arguments.of("number as string", inbound("\"timestamp\":\"1764412345\""), "bad-timestamp"),
                Arguments.of("overflowing float", inbound("\"timestamp\":1e999"), "bad-timestamp"),
                Arguments.of("negative", inbound("\"timestamp\":-5"), "bad-timestamp"),
                Arguments.of("text as number", inbound("\"text\":404"), "bad-text"),
                Arguments.of("metadata as string", inbound("\"metadata\":\"{}\""), "bad-metadata"),
                Arguments.of("routing as array", inbound("\"metadata\":{\"routing\":[]}"), "bad-metadata"),
                Arguments.of("guest as number", inbound("\"guest\":1"), "bad-guest"),
                Arguments.of("messageId as object", inbound("\"messageId\":{}"), "bad-message-id"));
    }

    /** Parser, message filter and content filter as the route chains them; the reject reason, or null. */
    String run(String frame) {
        try {
            var node = frames.parse(frame, 1L);
            if ("message".equals(node.type()) && "inbound".equals(node.direction())) {
                frames.toGuestMessage(node, 1L);
            }
            return null;
        } catch (RejectedFrameException e) {
            assertThat(e.getMessage()).startsWith("frame rejected (" + e.reason() + "): ").hasSizeLessThan(120);
            assertThat(e.getCause()).isNull();
            assertThat(e.getStackTrace()).isEmpty();
            return e.reason();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void rejectedWithReasonAndSafeExcerpt(String name, String frame, String reason) {
        assertThat(run(frame)).isEqualTo(reason);
        RejectedFrame rejected = RejectedFrame.of(frame, reason, 7L);
        assertThat(rejected.excerpt()).hasSizeLessThanOrEqualTo(RejectedFrame.EXCERPT_LENGTH);
        rejected.excerpt().codePoints().forEach(cp -> assertThat(SafeText.isPrintable(cp))
                .as("U+%04X in excerpt of %s", cp, name).isTrue());
        assertThat(rejected.sizeBytes()).isEqualTo(frame.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    }

    @Test
    void exceptionMessagesNeverCarryFrameContent() {
        String[] frames = {"{SECRET-TOKEN", "{\"conversationId\":\"SECRET\\u0007\"}", "[\"SECRET\"]",
                "{\"SECRET\":1,\"SECRET\":2}", "{\"conversationId\":\"c\",\"timestamp\":\"SECRET\"}",
                "{\"conversationId\":\"c\",\"guest\":{\"fingerprint\":\"SECRET\\u202e\"}}"};
        for (String frame : frames) {
            RejectedFrameException e = catchThrowableOfType(RejectedFrameException.class, () -> {
                var node = this.frames.parse(frame, 1L);
                this.frames.toGuestMessage(node, 1L);
            });
            assertThat(e).as(frame).isNotNull();
            assertThat(e.getMessage()).doesNotContain("SECRET");
            assertThat(e.toString()).doesNotContain("SECRET");
        }
    }

    @Test
    void justInsideEveryLimitIsAccepted() {
        assertThat(run(deep("{\"a\":", "}", 16))).isNull();
        assertThat(run(inbound("\"junk\":\"" + "j".repeat(65_536) + "\""))).isNull();
        assertThat(run(inbound("\"n\":1" + "0".repeat(63)))).isNull();
        assertThat(run(inbound("\"" + "k".repeat(256) + "\":1"))).isNull();
        String big = "{\"x\":\"" + "a".repeat(60_000) + "\"";
        StringBuilder frame = new StringBuilder(big);
        for (int i = 0; frame.length() < (1 << 20) - 70_000; i++) {
            frame.append(",\"k").append(i).append("\":\"").append("a".repeat(60_000)).append('"');
        }
        frame.append('}');
        assertThat(frame.length()).isBetween(900_000, 1 << 20);
        assertThat(run(frame.toString())).isNull();
    }

    @Test
    void parserAndFrameLimitsAreConfigurable() {
        GuestFrames small = new GuestFrames(2048, 100, 4, 512);
        assertThat(catchThrowableOfType(RejectedFrameException.class,
                () -> small.parse("{\"x\":\"" + "a".repeat(2042) + "\"}", 1L)).reason()).isEqualTo("too-large");
        assertThat(catchThrowableOfType(RejectedFrameException.class,
                () -> small.parse(deep("[", "]", 4).replaceFirst("\\[", "{\"a\":[").concat("}"), 1L)).reason())
                .isEqualTo("too-deep");
        assertThat(catchThrowableOfType(RejectedFrameException.class,
                () -> small.parse("{\"x\":\"" + "a".repeat(513) + "\"}", 1L)).reason()).isEqualTo("too-long-string");
        assertThat(small.parse("{\"x\":\"" + "a".repeat(512) + "\"}", 1L).json().get("x").textValue()).hasSize(512);
    }

    @Test
    void nonsensicalLimitsAreRefused() {
        assertThatThrownBy(() -> new GuestFrames(100, 4096)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GuestFrames(1 << 20, 10)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GuestFrames(1 << 20, 4096, 2, 1 << 16)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new GuestFrames(1 << 20, 4096, 16, 1000)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new GuestFrames(1 << 20, 100_000).maxTextLength()).isEqualTo(100_000);
    }

    @Test
    void nullFrameIsNotJson() {
        assertThat(run(null)).isEqualTo("not-json");
        assertThat(RejectedFrame.of(null, "not-json", 1L).sizeBytes()).isZero();
    }
}
