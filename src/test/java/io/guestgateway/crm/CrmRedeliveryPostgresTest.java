package io.guestgateway.crm;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link CrmRedeliveryTest} with the batches and the ledger in PostgreSQL, the database replicas share. */
@EnabledIfEnvironmentVariable(named = PostgresTestDatabase.ENV, matches = ".+")
@Import(DropCrmTablesOnClose.class)
class CrmRedeliveryPostgresTest extends CrmRedeliveryTest {

    private static final String TABLE = PostgresTestDatabase.uniqueTable();

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", PostgresTestDatabase::url);
        registry.add("crm.repository-name", () -> TABLE);
    }
}
