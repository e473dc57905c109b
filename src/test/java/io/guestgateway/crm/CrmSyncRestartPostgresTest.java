package io.guestgateway.crm;

import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * {@link CrmSyncRestartTest} with the open batches in PostgreSQL. Each test has its own tables, as
 * each H2 test has its own data folder: the gateways of one test never find a batch another left.
 */
@EnabledIfEnvironmentVariable(named = PostgresTestDatabase.ENV, matches = ".+")
class CrmSyncRestartPostgresTest extends CrmSyncRestartTest {

    private final String table = PostgresTestDatabase.uniqueTable();

    @Override
    protected Map<String, String> database() {
        return Map.of("spring.datasource.url", PostgresTestDatabase.url(), "crm.repository-name", table);
    }

    @Override
    protected long batchRows() throws SQLException {
        return PostgresTestDatabase.rows(table) + PostgresTestDatabase.rows(table + "_completed");
    }

    @AfterEach
    void dropTables() throws SQLException {
        // every gateway of this test is closed or killed by now
        PostgresTestDatabase.dropTables(table);
    }
}
