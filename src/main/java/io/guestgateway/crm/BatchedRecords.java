package io.guestgateway.crm;

import io.guestgateway.guest.GuestMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which guest messages a CRM batch took, in table {@code <name>_records}, for
 * {@code crm.redelivery-window}. A message goes into a batch in the database transaction that stores
 * the batch, and is acknowledged to the broker after it: a crash between the two makes the broker
 * deliver it again, to this replica after a restart or to another one, while the batch that took it
 * is sent by whoever recovers it. The key is written in that same transaction
 * ({@link ClusteredBatchRepository}), so a message delivered again is either in this table, and
 * skipped, or in no batch at all.
 */
final class BatchedRecords {

    private final JdbcTemplate jdbc;
    private final String table;
    private final Duration window;

    BatchedRecords(DataSource dataSource, String name, Duration window) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.table = name + "_records";
        this.window = window;
    }

    /** The same for every delivery of one guest message: a digest of what ingest queued. */
    static String keyOf(GuestMessage message) {
        String identity = message.sessionId() + '\u0000' + message.messageId() + '\u0000' + message.receivedAt()
                + '\u0000' + Double.toString(message.timestamp());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Notes that a batch took this message; joins the caller's transaction, the one storing the batch. */
    void add(String key) {
        jdbc.update("INSERT INTO " + table + " (record_key, added_at) VALUES (?, CURRENT_TIMESTAMP)", key);
    }

    boolean contains(String key) {
        Integer found = jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE record_key = ?", Integer.class, key);
        return found != null && found > 0;
    }

    /** Forgets keys older than the window (by the database's clock); returns how many. */
    int forgetOld() {
        OffsetDateTime now = jdbc.queryForObject("SELECT CURRENT_TIMESTAMP", OffsetDateTime.class);
        return jdbc.update("DELETE FROM " + table + " WHERE added_at < ?", now.minus(window));
    }
}
