package io.guestgateway.crm;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which replicas sharing the CRM batch tables are alive, and the batches of those that are not.
 * Each replica writes when it was last seen into {@code <name>_instances}, by the database's clock
 * (replicas' clocks do not matter); one not seen for the instance timeout is gone, and so is an
 * owner with no row at all (a batch of an earlier version, or of a replica already forgotten).
 * Every statement that takes a batch over is conditional on its owner being gone at that moment,
 * so two replicas taking over at once never both get the same batch.
 */
final class BatchOwners {

    private final JdbcTemplate jdbc;
    private final String open;
    private final String completed;
    private final String instances;
    private final String instanceId;
    private final Duration timeout;

    BatchOwners(DataSource dataSource, String name, String instanceId, Duration timeout) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.open = name;
        this.completed = name + "_completed";
        this.instances = name + "_instances";
        this.instanceId = instanceId;
        this.timeout = timeout;
    }

    String instanceId() {
        return instanceId;
    }

    /** Records that this replica is alive now. */
    void seen() {
        if (jdbc.update("UPDATE " + instances + " SET seen_at = CURRENT_TIMESTAMP WHERE instance_id = ?", instanceId) == 0) {
            try {
                jdbc.update("INSERT INTO " + instances + " (instance_id, seen_at) VALUES (?, CURRENT_TIMESTAMP)", instanceId);
            } catch (DuplicateKeyException e) {
                // a replica with the same id wrote it first: it is seen either way
            }
        }
    }

    /** Replicas last seen before this moment (the database's now less the timeout) are gone. */
    OffsetDateTime cutoff() {
        return jdbc.queryForObject("SELECT CURRENT_TIMESTAMP", OffsetDateTime.class).minus(timeout);
    }

    /** Makes the closed batches of gone replicas this replica's (its recovery task sends them); returns how many. */
    int takeClosed(OffsetDateTime cutoff) {
        return jdbc.update("UPDATE " + completed + " SET instance_id = ? WHERE instance_id IS NULL OR instance_id NOT IN ("
                + "SELECT instance_id FROM " + instances + " WHERE seen_at >= ?)", instanceId, cutoff);
    }

    /** The keys of the open batches of gone replicas. */
    List<String> openOfGone(OffsetDateTime cutoff) {
        return jdbc.queryForList("SELECT id FROM " + open + " WHERE id NOT IN ("
                + "SELECT instance_id FROM " + instances + " WHERE seen_at >= ?)", String.class, cutoff);
    }

    /** Forgets gone replicas; one that was only slow is seen again at its next pass. */
    void forgetGone(OffsetDateTime cutoff) {
        jdbc.update("DELETE FROM " + instances + " WHERE seen_at < ?", cutoff);
    }
}
