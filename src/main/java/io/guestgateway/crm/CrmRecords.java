package io.guestgateway.crm;

import io.guestgateway.guest.GuestMessage;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CRM's record (docs/cxone-contract.md §4) and the one rule of a batch: a session appears once, with its
 * latest message.
 *
 * <p>Records are plain {@code java.*} maps and lists, not our own classes, because the aggregation
 * repository serialises open batches and its deserialisation filter admits only {@code java.**}
 * and {@code org.apache.camel.**}; it also keeps a stored batch readable across versions of this
 * code. {@code queued_at} is a {@link BigDecimal} so JSON shows {@code 1764412345.127}, not
 * {@code 1.764412345127E9}.
 */
public final class CrmRecords {

    public static final String EXTERNAL_ID = "external_id";
    public static final String FINGERPRINT = "fingerprint";
    public static final String LAST_MESSAGE = "last_message";
    public static final String QUEUED_AT = "queued_at";

    private CrmRecords() {}

    /** The record for one guest message; fails with {@link UnreadableGuestMessageException} if it has no session. */
    public static Map<String, Object> of(GuestMessage message) {
        if (message == null || message.sessionId() == null || message.sessionId().isBlank()) {
            throw new UnreadableGuestMessageException("guest message without a session id");
        }
        if (!Double.isFinite(message.timestamp())) {
            throw new UnreadableGuestMessageException("guest message without a usable timestamp");
        }
        Map<String, Object> record = new LinkedHashMap<>();
        record.put(EXTERNAL_ID, message.sessionId());
        record.put(FINGERPRINT, message.fingerprint() == null ? GuestMessage.ANONYMOUS : message.fingerprint());
        record.put(LAST_MESSAGE, message.text() == null ? "" : message.text());
        record.put(QUEUED_AT, BigDecimal.valueOf(message.timestamp()));
        return record;
    }

    /**
     * Adds the message's record to the batch, or replaces its session's record when the message is
     * at least as recent by the guest's timestamp (a tie goes to the later arrival, which is this
     * one). An older message arriving late leaves the batch as it is. A batch holds at most
     * {@code crm.batch-size} records, so a linear search is cheaper than keeping an index.
     */
    public static void putLatest(List<Map<String, Object>> batch, GuestMessage message) {
        Map<String, Object> record = of(message);
        Object session = record.get(EXTERNAL_ID);
        for (int i = 0; i < batch.size(); i++) {
            Map<String, Object> existing = batch.get(i);
            if (session.equals(existing.get(EXTERNAL_ID))) {
                if (queuedAt(record).compareTo(queuedAt(existing)) >= 0) {
                    batch.set(i, record);
                }
                return;
            }
        }
        batch.add(record);
    }

    private static BigDecimal queuedAt(Map<String, Object> record) {
        Object value = record.get(QUEUED_AT);
        return value instanceof BigDecimal decimal ? decimal
                : value instanceof Number number ? BigDecimal.valueOf(number.doubleValue()) : BigDecimal.ZERO;
    }
}
