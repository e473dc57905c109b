package io.guestgateway.crm;

import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/** {@link CrmSyncRestartTest} with the open batches in PostgreSQL. */
@EnabledIfEnvironmentVariable(named = PostgresTestDatabase.ENV, matches = ".+")
class CrmSyncRestartPostgresTest extends CrmSyncRestartTest {

    private static final String TABLE = PostgresTestDatabase.uniqueTable();

    @Override
    protected Map<String, String> database() {
        return Map.of("spring.datasource.url", PostgresTestDatabase.url(), "crm.repository-name", TABLE);
    }

    @Override
    protected long batchRows() throws SQLException {
        return PostgresTestDatabase.rows(TABLE) + PostgresTestDatabase.rows(TABLE + "_completed");
    }

    @AfterAll
    static void dropTables() throws SQLException {
        // every gateway of this class is closed or killed by now
        PostgresTestDatabase.dropTables(TABLE);
    }
}
