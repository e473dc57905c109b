package io.guestgateway.crm;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guestgateway.guest.GuestMessage;
import io.guestgateway.sandbox.CxoneSandbox;
import io.guestgateway.sandbox.RecordedCall;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Small helpers shared by the CRM tests: guest messages, free ports, what the sandbox CRM accepted. */
final class CrmTestSupport {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String ROUTES = "file:" + Path.of("routes/sync-crm.yaml").toAbsolutePath();
    /** A fixed epoch-seconds base so expected JSON can be written out literally. */
    static final double T0 = 1764412345.127;

    private CrmTestSupport() {}

    static GuestMessage guest(String session, String text, double timestamp) {
        return new GuestMessage(session, "fp-" + session, text, "general-support", timestamp, null,
                System.currentTimeMillis());
    }

    /** Guest messages from {@code count} new sessions {@code prefix-1..count}, one each. */
    static List<GuestMessage> sessions(String prefix, int count) {
        List<GuestMessage> messages = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            messages.add(guest(prefix + "-" + i, "hello from " + prefix + "-" + i, T0 + i));
        }
        return messages;
    }

    /** The CRM calls the sandbox accepted (2xx), oldest first. */
    static List<RecordedCall> accepted(CxoneSandbox sandbox) {
        return sandbox.crmCalls().stream().filter(c -> c.status() / 100 == 2).toList();
    }

    /** The CRM calls (any status) whose batch holds a session {@code prefix-*}, oldest first. */
    static List<RecordedCall> callsOf(CxoneSandbox sandbox, String prefix) {
        String marker = "\"external_id\":\"" + prefix + "-";
        return sandbox.crmCalls().stream().filter(c -> c.body().contains(marker)).toList();
    }

    /** The accepted batches holding a session {@code prefix-*}, each as its records. */
    static List<List<Map<String, Object>>> batchesOf(CxoneSandbox sandbox, String prefix) {
        return callsOf(sandbox, prefix).stream().filter(c -> c.status() / 100 == 2).map(c -> records(c.body())).toList();
    }

    /** The batches the sandbox accepted, each as its records. */
    static List<List<Map<String, Object>>> acceptedBatches(CxoneSandbox sandbox) {
        return accepted(sandbox).stream().map(c -> records(c.body())).toList();
    }

    static List<Map<String, Object>> records(String body) {
        try {
            return JSON.readValue(body, new TypeReference<List<LinkedHashMap<String, Object>>>() {})
                    .stream().map(r -> (Map<String, Object>) r).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> ids(List<Map<String, Object>> batch) {
        return batch.stream().map(r -> (String) r.get("external_id")).toList();
    }
}
