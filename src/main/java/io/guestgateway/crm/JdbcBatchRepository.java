package io.guestgateway.crm;

import java.util.Set;
import javax.sql.DataSource;
import org.apache.camel.CamelContext;
import org.apache.camel.processor.aggregate.jdbc.JdbcAggregationRepository;
import org.springframework.transaction.PlatformTransactionManager;

/** Camel's {@link JdbcAggregationRepository} whose recovery scan returns only {@link SettledBatches}. */
public class JdbcBatchRepository extends JdbcAggregationRepository {

    private final SettledBatches settled = new SettledBatches();

    public JdbcBatchRepository(PlatformTransactionManager transactionManager, String repositoryName,
                               DataSource dataSource) {
        super(transactionManager, repositoryName, dataSource);
    }

    @Override
    public Set<String> scan(CamelContext camelContext) {
        return settled.settled(super.scan(camelContext), getRecoveryIntervalInMillis(), System.nanoTime());
    }
}
