package io.guestgateway.platform;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/** The gateway's own tables, created at start-up by whichever replica comes first. */
public final class SchemaStatements {

    private SchemaStatements() {}

    /**
     * Runs a statement that does nothing when its object exists ({@code CREATE ... IF NOT EXISTS},
     * {@code ADD COLUMN IF NOT EXISTS}), a second time if the first failed: two replicas starting
     * together on a new database both create the tables, and PostgreSQL can refuse the later
     * statement with a duplicate key in its catalog while the earlier one commits. The second
     * attempt finds the object made.
     */
    public static void executeIfMissing(JdbcTemplate jdbc, String sql) {
        try {
            jdbc.execute(sql);
        } catch (DataAccessException first) {
            try {
                jdbc.execute(sql);
            } catch (DataAccessException again) {
                again.addSuppressed(first);
                throw again;
            }
        }
    }
}
