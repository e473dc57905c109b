package io.guestgateway.support;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guestgateway.cxone.ws.GuestClient;
import io.guestgateway.sandbox.RecordedCall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.assertj.core.api.SoftAssertions;

/**
 * Guest traffic whose order can be checked at the far end: conversations of several messages,
 * message {@code k} of each saying {@code "#k"}, sent over one guest connection in two shapes,
 * back to back (a conversation's messages one after the other) and interleaved (message 0 of every
 * conversation, then message 1 of every conversation, ...). Each frame's timestamp is the time it
 * was sent, in milliseconds, as CXone stamps them: back-to-back messages often share one.
 */
public final class OrderedConversations {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final int perShape;
    private final int messages;
    private final String prefix;

    /** {@code perShape} conversations back to back and as many interleaved, {@code messages} each. */
    public OrderedConversations(int perShape, int messages) {
        this(perShape, messages, "c-");
    }

    /** As above, the conversation ids starting with {@code prefix}, for several sets in one test. */
    public OrderedConversations(int perShape, int messages, String prefix) {
        this.perShape = perShape;
        this.messages = messages;
        this.prefix = prefix;
    }

    public int conversations() {
        return 2 * perShape;
    }

    public int frames() {
        return conversations() * messages;
    }

    public void send(GuestClient guest) {
        for (int c = 0; c < perShape; c++) {
            for (int m = 0; m < messages; m++) {
                guest.send(frame(prefix + "burst-" + c, m));
            }
        }
        for (int m = 0; m < messages; m++) {
            for (int c = 0; c < perShape; c++) {
                guest.send(frame(prefix + "mixed-" + c, m));
            }
        }
    }

    private static String frame(String conversationId, int message) {
        long now = System.currentTimeMillis();
        return String.format(Locale.ROOT, "{\"type\":\"message\",\"direction\":\"inbound\",\"conversationId\":\"%s\","
                        + "\"text\":\"#%d\",\"timestamp\":%d.%03d,\"metadata\":{\"browserFingerprint\":\"fp-%s\","
                        + "\"routing\":{\"queueId\":\"general-support\"}}}",
                conversationId, message, now / 1000, now % 1000, conversationId);
    }

    /**
     * Every conversation routed once, with its opening line; every session in the CRM, its records
     * never going backwards and ending on its last message. All checked, each failure counted.
     */
    public void assertKeptInOrder(List<RecordedCall> routingCalls, List<RecordedCall> crmCalls) {
        SoftAssertions order = new SoftAssertions();
        order.assertThat(routedTexts(routingCalls)).as("conversations routed").hasSize(conversations());
        order.assertThat(routedWithoutTheOpeningLine(routingCalls))
                .as("conversations whose routing task did not carry message #0").isEmpty();
        order.assertThat(crmHistory(crmCalls)).as("sessions in the CRM").hasSize(conversations());
        order.assertThat(crmWentBackwards(crmCalls))
                .as("sessions for which a later CRM batch carried an older message").isEmpty();
        order.assertThat(crmNotOnTheLatest(crmCalls))
                .as("sessions whose CRM record did not end on their last message").isEmpty();
        order.assertAll();
    }

    /**
     * Each of these conversations routed once, with its opening line; calls for other
     * conversations (other traffic of the same test) are left out.
     */
    public void assertRoutedWithTheirOpeningLine(List<RecordedCall> routingCalls) {
        SoftAssertions order = new SoftAssertions();
        order.assertThat(routedTextsOfMine(routingCalls)).as("conversations routed").hasSize(conversations());
        Map<String, String> wrong = routedWithoutTheirOpeningLine(routingCalls);
        order.assertThat(wrong).as("conversations whose routing task did not carry message #0; their calls: %s",
                callsOf(wrong.keySet(), routingCalls)).isEmpty();
        order.assertAll();
    }

    /** These conversations routed (a 201), with the message each task carried. */
    public Map<String, String> routed(List<RecordedCall> routingCalls) {
        return routedTextsOfMine(routingCalls);
    }

    /** These conversations routed (a 201) with another message than their first, with what they carried. */
    public Map<String, String> routedWithoutTheirOpeningLine(List<RecordedCall> routingCalls) {
        Map<String, String> wrong = routedTextsOfMine(routingCalls);
        wrong.values().removeIf("#0"::equals);
        return wrong;
    }

    private Map<String, String> routedTextsOfMine(List<RecordedCall> routingCalls) {
        Map<String, String> mine = new TreeMap<>(routedTexts(routingCalls));
        mine.keySet().removeIf(id -> !id.startsWith(prefix + "burst-") && !id.startsWith(prefix + "mixed-"));
        return mine;
    }

    /** The routing calls of {@code conversations}: status, message, Idempotency-Key, time. */
    public static List<String> callsOf(java.util.Set<String> conversations, List<RecordedCall> routingCalls) {
        List<String> calls = new ArrayList<>();
        for (RecordedCall call : routingCalls) {
            JsonNode body = read(call.body(), new TypeReference<JsonNode>() {});
            String id = body.path("customer").path("id").asText();
            if (conversations.contains(id)) {
                calls.add(id + " " + call.status() + " " + body.path("media").path("webchat").path("message").asText()
                        + " key=" + call.header("Idempotency-Key") + " at=" + call.time());
            }
        }
        return calls;
    }

    /** Each routed conversation's task text (the 201 answers), by conversation id. */
    public static Map<String, String> routedTexts(List<RecordedCall> routingCalls) {
        Map<String, String> texts = new TreeMap<>();
        for (RecordedCall call : routingCalls) {
            if (call.status() == 201) {
                JsonNode body = read(call.body(), new TypeReference<JsonNode>() {});
                texts.put(body.path("customer").path("id").asText(), body.path("media").path("webchat").path("message").asText());
            }
        }
        return texts;
    }

    /** Conversations whose routing task did not carry their first message ("#0"), with what it carried. */
    private static Map<String, String> routedWithoutTheOpeningLine(List<RecordedCall> routingCalls) {
        Map<String, String> wrong = new TreeMap<>(routedTexts(routingCalls));
        wrong.values().removeIf("#0"::equals);
        return wrong;
    }

    /** Each session's records in the batches the CRM accepted (2xx), in the order it accepted them. */
    private static Map<String, List<String>> crmHistory(List<RecordedCall> crmCalls) {
        Map<String, List<String>> history = new TreeMap<>();
        for (RecordedCall call : crmCalls) {
            if (call.status() / 100 == 2) {
                for (Map<String, Object> record : read(call.body(), new TypeReference<List<LinkedHashMap<String, Object>>>() {})) {
                    history.computeIfAbsent((String) record.get("external_id"), k -> new ArrayList<>())
                            .add((String) record.get("last_message"));
                }
            }
        }
        return history;
    }

    /** Sessions whose records went backwards (a later batch carried an older message), with their history. */
    private static Map<String, List<String>> crmWentBackwards(List<RecordedCall> crmCalls) {
        Map<String, List<String>> backwards = new TreeMap<>();
        crmHistory(crmCalls).forEach((session, sent) -> {
            for (int i = 1; i < sent.size(); i++) {
                if (index(sent.get(i)) < index(sent.get(i - 1))) {
                    backwards.put(session, sent);
                    return;
                }
            }
        });
        return backwards;
    }

    /** Sessions whose last record in the CRM is not their last message, with their history. */
    private Map<String, List<String>> crmNotOnTheLatest(List<RecordedCall> crmCalls) {
        Map<String, List<String>> stale = new TreeMap<>(crmHistory(crmCalls));
        stale.values().removeIf(sent -> sent.get(sent.size() - 1).equals("#" + (messages - 1)));
        return stale;
    }

    private static int index(String text) {
        return Integer.parseInt(text.substring(1));
    }

    private static <T> T read(String body, TypeReference<T> type) {
        try {
            return JSON.readValue(body, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
