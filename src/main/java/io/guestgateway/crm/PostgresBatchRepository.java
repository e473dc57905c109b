package io.guestgateway.crm;

import java.util.Set;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.processor.aggregate.jdbc.PostgresAggregationRepository;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Camel's {@link PostgresAggregationRepository} with its insert repaired.
 *
 * <p>In Camel 4.17 the PostgreSQL insert lists {@code (exchange, id)} but binds three values
 * (exchange, id and the optimistic-lock version), so every first message of a batch fails with
 * "The column index is out of range" (CAMEL-24044, fixed in 4.22 and 4.18.x). This override writes
 * the version column as well and keeps the class's point: {@code ON CONFLICT DO NOTHING} instead
 * of a duplicate-key error that would abort the PostgreSQL transaction. Remove it once the project
 * is on a fixed Camel. Body-as-text and header columns are not used by the gateway and not
 * supported here.
 */
public class PostgresBatchRepository extends PostgresAggregationRepository {

    private final SettledBatches settled = new SettledBatches();

    public PostgresBatchRepository(PlatformTransactionManager transactionManager, String repositoryName,
                                   DataSource dataSource) {
        super(transactionManager, repositoryName, dataSource);
    }

    /** Only {@link SettledBatches}, as in {@link JdbcBatchRepository}. */
    @Override
    public Set<String> scan(CamelContext camelContext) {
        return settled.settled(super.scan(camelContext), getRecoveryIntervalInMillis(), System.nanoTime());
    }

    @Override
    protected void insert(CamelContext camelContext, String correlationId, Exchange exchange, String repositoryName,
                          Long version) throws Exception {
        if (isStoreBodyAsText() || hasHeadersToStoreAsText()) {
            throw new IllegalStateException("storeBodyAsText and headersToStoreAsText are not supported");
        }
        verifyTableName(repositoryName);
        String sql = "INSERT INTO " + repositoryName + " (" + EXCHANGE + ", " + ID + ", " + VERSION
                + ") VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
        int inserted = insertHelper(camelContext, correlationId, exchange, sql, version);
        if (inserted == 0 && getRepositoryName().equals(repositoryName)) {
            // another consumer opened this batch first; the aggregator treats this as an optimistic-lock miss
            throw new DataIntegrityViolationException("batch " + correlationId + " already exists");
        }
    }
}
