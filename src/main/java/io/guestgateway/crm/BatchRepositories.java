package io.guestgateway.crm;

import io.guestgateway.platform.SchemaStatements;
import java.sql.DatabaseMetaData;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Builds the persistent repository of CRM batches on the gateway's database (H2 by default,
 * PostgreSQL when replicas share one): a {@link ClusteredBatchRepository} for this replica. Its
 * four tables ({@code <name>} for open batches, one row per replica; {@code <name>_completed} for
 * closed batches not yet confirmed as sent, each with its owner; {@code <name>_instances} for when
 * each replica was last seen; {@code <name>_records} for the messages batches took lately) are
 * created when missing, and a {@code <name>_completed} of an
 * earlier version gets its owner column, so no database needs a manual step.
 */
public final class BatchRepositories {

    private BatchRepositories() {}

    /**
     * @param name             table name (a plain SQL identifier)
     * @param instanceId       this replica: the key of its open batch and the owner of its closed ones
     * @param instanceTimeout  a replica not seen for this long is gone; this one takes its batches over
     * @param recoveryInterval how often closed-but-unconfirmed batches (left by a crash) are sent again
     * @param maxRecoveries    recovery attempts before such a batch goes to {@code deadLetterUri}
     * @param redeliveryWindow how long the key of a message a batch took is kept ({@link BatchedRecords})
     */
    public static ClusteredBatchRepository create(DataSource dataSource, String name, String instanceId,
                                                  Duration instanceTimeout, long recoveryInterval,
                                                  int maxRecoveries, String deadLetterUri,
                                                  Duration redeliveryWindow) {
        // H2: VARBINARY, not BLOB; H2 keeps BLOBs in a separate LOB store whose bookkeeping
        // costs more than the write itself for a batch of a few kilobytes
        createTables(dataSource, name, isPostgres(dataSource) ? "BYTEA" : "VARBINARY");
        // its own transaction manager: the repository's short transactions must not join, or be
        // joined by, whatever transaction manager the rest of the application registers
        ClusteredBatchRepository repository = new ClusteredBatchRepository(
                new DataSourceTransactionManager(dataSource), name, dataSource,
                new BatchOwners(dataSource, name, instanceId, instanceTimeout),
                new BatchedRecords(dataSource, name, redeliveryWindow));
        repository.setUseRecovery(true);
        repository.setRecoveryInterval(recoveryInterval);
        repository.setMaximumRedeliveries(maxRecoveries);
        repository.setDeadLetterUri(deadLetterUri);
        return repository;
    }

    static boolean isPostgres(DataSource dataSource) {
        try {
            String product = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getDatabaseProductName);
            return "PostgreSQL".equalsIgnoreCase(product);
        } catch (MetaDataAccessException e) {
            throw new IllegalStateException("cannot reach the database for the CRM batch repository", e);
        }
    }

    static void createTables(DataSource dataSource, String name, String binaryType) {
        if (!name.matches("[a-zA-Z_][a-zA-Z0-9_]*")) {
            throw new IllegalArgumentException("not a plain SQL table name: " + name);
        }
        JdbcTemplate jdbc = new JdbcTemplate(dataSource);
        for (String table : new String[] {name, name + "_completed"}) {
            SchemaStatements.executeIfMissing(jdbc, "CREATE TABLE IF NOT EXISTS " + table + " ("
                    + "id VARCHAR(255) NOT NULL, "
                    + "exchange " + binaryType + " NOT NULL, "
                    + "version BIGINT NOT NULL, "
                    + "CONSTRAINT " + table + "_pk PRIMARY KEY (id))");
        }
        // closed batches of a version before recovery by instance have no owner: the first
        // replica to look takes them over (BatchOwners). Looked for first: ALTER TABLE locks the
        // table (PostgreSQL) even when the column is there, and other replicas are using it
        try {
            jdbc.queryForList("SELECT instance_id FROM " + name + "_completed WHERE 1 = 0");
        } catch (BadSqlGrammarException e) {
            SchemaStatements.executeIfMissing(jdbc, "ALTER TABLE " + name + "_completed ADD COLUMN IF NOT EXISTS instance_id VARCHAR(255)");
        }
        SchemaStatements.executeIfMissing(jdbc, "CREATE TABLE IF NOT EXISTS " + name + "_records ("
                + "record_key CHAR(64) NOT NULL, "
                + "added_at TIMESTAMP WITH TIME ZONE NOT NULL)");
        SchemaStatements.executeIfMissing(jdbc, "CREATE INDEX IF NOT EXISTS " + name + "_records_key ON " + name + "_records (record_key)");
        SchemaStatements.executeIfMissing(jdbc, "CREATE TABLE IF NOT EXISTS " + name + "_instances ("
                + "instance_id VARCHAR(255) NOT NULL, "
                + "seen_at TIMESTAMP WITH TIME ZONE NOT NULL, "
                + "CONSTRAINT " + name + "_instances_pk PRIMARY KEY (instance_id))");
    }
}
