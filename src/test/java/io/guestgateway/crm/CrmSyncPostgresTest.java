package io.guestgateway.crm;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link CrmSyncTest} with the open batches in PostgreSQL. */
@EnabledIfEnvironmentVariable(named = PostgresTestDatabase.ENV, matches = ".+")
@Import(DropCrmTablesOnClose.class)
class CrmSyncPostgresTest extends CrmSyncTest {

    private static final String TABLE = PostgresTestDatabase.uniqueTable();

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", PostgresTestDatabase::url);
        registry.add("crm.repository-name", () -> TABLE);
    }

    @Override
    protected String expectedDatabase() {
        return "PostgreSQL";
    }
}
