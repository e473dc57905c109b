package io.guestgateway.routing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The ledger's table and queries on PostgreSQL (the production store), each test in a schema of
 * its own. Runs when {@code GATEWAY_TEST_POSTGRES_URL} names a database, as in CI.
 */
@EnabledIfEnvironmentVariable(named = ConversationLedgerPostgresTest.ENV, matches = "jdbc:postgresql:.+")
class ConversationLedgerPostgresTest extends ConversationLedgerTest {

    static final String ENV = "GATEWAY_TEST_POSTGRES_URL";

    private String schema;

    @Override
    protected DataSource newDatabase() throws Exception {
        schema = "ledger_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(System.getenv(ENV));
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        PGSimpleDataSource postgres = new PGSimpleDataSource();
        postgres.setURL(System.getenv(ENV));
        postgres.setCurrentSchema(schema);
        return postgres;
    }

    @Override
    protected void dropDatabase(DataSource database) throws Exception {
        try (Connection connection = DriverManager.getConnection(System.getenv(ENV));
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }
}
