package io.guestgateway.crm;

import java.sql.DatabaseMetaData;
import javax.sql.DataSource;
import org.apache.camel.processor.aggregate.jdbc.JdbcAggregationRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Builds the persistent repository of open CRM batches on the gateway's database: Camel's
 * {@link JdbcAggregationRepository} (H2 by default), or the PostgreSQL variant when the datasource
 * is PostgreSQL. Its two tables ({@code <name>} for open batches, {@code <name>_completed} for
 * closed batches not yet confirmed as sent) are created when missing, so a fresh database needs no
 * manual step.
 */
public final class BatchRepositories {

    private BatchRepositories() {}

    /**
     * @param name             table name (a plain SQL identifier)
     * @param recoveryInterval how often closed-but-unconfirmed batches (left by a crash) are sent again
     * @param maxRecoveries    recovery attempts before such a batch goes to {@code deadLetterUri}
     */
    public static JdbcAggregationRepository create(DataSource dataSource, String name, long recoveryInterval,
                                                   int maxRecoveries, String deadLetterUri) {
        boolean postgres = isPostgres(dataSource);
        // H2: VARBINARY, not BLOB; H2 keeps BLOBs in a separate LOB store whose bookkeeping
        // costs more than the write itself for a batch of a few kilobytes
        createTables(dataSource, name, postgres ? "BYTEA" : "VARBINARY");
        // its own transaction manager: the repository's short transactions must not join, or be
        // joined by, whatever transaction manager the rest of the application registers
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        JdbcAggregationRepository repository = postgres
                ? new PostgresBatchRepository(transactions, name, dataSource)
                : new JdbcBatchRepository(transactions, name, dataSource);
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
            jdbc.execute("CREATE TABLE IF NOT EXISTS " + table + " ("
                    + "id VARCHAR(255) NOT NULL, "
                    + "exchange " + binaryType + " NOT NULL, "
                    + "version BIGINT NOT NULL, "
                    + "CONSTRAINT " + table + "_pk PRIMARY KEY (id))");
        }
    }
}
