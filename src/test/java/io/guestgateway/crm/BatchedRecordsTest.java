package io.guestgateway.crm;

import static io.guestgateway.crm.CrmTestSupport.guest;
import static org.assertj.core.api.Assertions.assertThat;

import io.guestgateway.guest.GuestMessage;
import java.time.Duration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The ledger of messages batches took, on a real H2 database: keys, look-ups, and forgetting by age. */
class BatchedRecordsTest {

    private final JdbcDataSource dataSource = new JdbcDataSource();

    BatchedRecordsTest() {
        dataSource.setURL("jdbc:h2:mem:batched-records-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        BatchRepositories.createTables(dataSource, "crm_batches", "VARBINARY");
    }

    @Test
    void aMessageKeepsItsKeyAcrossDeliveriesAndDifferentMessagesDiffer() {
        GuestMessage message = guest("s-1", "hello", 1_764_412_345.127);
        GuestMessage same = new GuestMessage(message.sessionId(), message.fingerprint(), message.text(), message.queueId(),
                message.timestamp(), message.messageId(), message.receivedAt());
        GuestMessage later = new GuestMessage(message.sessionId(), message.fingerprint(), message.text(), message.queueId(),
                message.timestamp() + 0.001, message.messageId(), message.receivedAt());
        assertThat(BatchedRecords.keyOf(same)).isEqualTo(BatchedRecords.keyOf(message)).hasSize(64);
        assertThat(BatchedRecords.keyOf(later)).isNotEqualTo(BatchedRecords.keyOf(message));
    }

    @Test
    void keysAreForgottenOnceOlderThanTheWindow() {
        BatchedRecords records = new BatchedRecords(dataSource, "crm_batches", Duration.ofMinutes(10));
        String old = BatchedRecords.keyOf(guest("s-old", "hello", 1.0));
        String recent = BatchedRecords.keyOf(guest("s-recent", "hello", 2.0));
        records.add(old);
        records.add(recent);
        new JdbcTemplate(dataSource).update(
                "UPDATE crm_batches_records SET added_at = added_at - INTERVAL '11' MINUTE WHERE record_key = ?", old);

        assertThat(records.forgetOld()).isEqualTo(1);
        assertThat(records.contains(old)).isFalse();
        assertThat(records.contains(recent)).isTrue();
        assertThat(records.contains(BatchedRecords.keyOf(guest("s-never", "hello", 3.0)))).isFalse();
    }
}
