package io.guestgateway.bench;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Malformed and hostile frames, cycled, with one valid guest message in every {@code validEvery}
 * frames (its own conversation, so each valid one is routed once). All of them reach the gateway:
 * the hub only filters objects whose {@code type} is another string, and there are none here.
 * Frames over {@code cxone.websocket.max-frame-size} are left out: by design they cost a reconnect.
 */
final class HostileCorpus {

    private HostileCorpus() {}

    static List<String> templates() {
        List<String> t = new ArrayList<>();
        t.add("not json at all");
        t.add("");
        t.add("{");
        t.add("[1,2,3]");
        t.add("\"a string\"");
        t.add("42");
        t.add("null");
        t.add("{\"type\":\"message\"}");
        t.add("{\"type\":\"message\",\"direction\":\"inbound\"}");
        t.add("{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":\"\"}");
        t.add("{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":123}");
        t.add("{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":{\"$ne\":null}}");
        t.add("{\"type\":42,\"direction\":\"inbound\",\"conversationId\":\"c-x\"}");
        t.add("{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":\"c-\\u0000\\u001b[31m\",\"text\":\"x\"}");
        t.add("{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":\"c-ts\",\"timestamp\":\"yesterday\"}");
        t.add("{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":\"c-ts2\",\"timestamp\":1e400}");
        t.add("{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":\"c-big\",\"text\":\""
                + "A".repeat(50_000) + "\"}");
        t.add("{\"a\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}");
        t.add("{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":\"c-dup\",\"conversationId\":\"c-dup2\"}");
        t.add("{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":\"c-\\ud800\",\"text\":\"\\udfff\"}");
        t.add("{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":\"c-q\",\"metadata\":\"not an object\"}");
        t.add("{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":\"c-q\",\"metadata\":{\"routing\":{\"queueId\":[1]}}}");
        t.add("{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":\"c-t\",\"text\":{\"nested\":true}}");
        t.add("{\"type\":\"message\",\"direction\":\"outbound\",\"conversationId\":\"c-agent\",\"text\":\"hi\"}");
        t.add("{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":\"c-" + "x".repeat(100_000) + "\"}");
        t.add("{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":\"c-trailing\"} garbage");
        return t;
    }

    /** {@code total} frames: the templates in turn, a fresh valid guest message every {@code validEvery}. */
    static Iterator<String> frames(long total, int validEvery, String runId) {
        List<String> templates = templates();
        return new Iterator<>() {
            long i;
            long valid;

            @Override
            public boolean hasNext() {
                return i < total;
            }

            @Override
            public String next() {
                long k = i++;
                if (k % validEvery == 0) {
                    long n = valid++;
                    return "{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":\"c-" + runId + "-" + n
                            + "\",\"text\":\"hello\",\"timestamp\":" + System.currentTimeMillis() / 1000.0
                            + ",\"metadata\":{\"browserFingerprint\":\"fp-" + runId + "-" + n
                            + "\",\"routing\":{\"queueId\":\"general-support\"}}}";
                }
                return templates.get((int) (k % templates.size()));
            }
        };
    }

    /** How many valid guest messages {@link #frames} yields. */
    static long validFrames(long total, int validEvery) {
        return (total + validEvery - 1) / validEvery;
    }

    /**
     * A spoofing bot: every frame a new fingerprint, conversations from a pool of {@code conversations}
     * (so routing sees only that many, and the flood guard sees every fingerprint once).
     */
    static Iterator<String> spoofed(long total, int conversations, String runId) {
        return new Iterator<>() {
            long i;

            @Override
            public boolean hasNext() {
                return i < total;
            }

            @Override
            public String next() {
                long k = i++;
                return "{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":\"c-" + runId + "-"
                        + (k % conversations) + "\",\"text\":\"buy now\",\"metadata\":{\"browserFingerprint\":\"fp-"
                        + runId + "-" + Long.toHexString(k * 0x9E3779B97F4A7C15L) + "\"}}";
            }
        };
    }
}
