package io.guestgateway.crm;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The PostgreSQL the suite runs against when {@value #ENV} is set (CI sets it). Each test class
 * uses its own table name, and drops it afterwards, so reruns and parallel builds do not meet.
 */
final class PostgresTestDatabase {

    static final String ENV = "GATEWAY_TEST_POSTGRES_URL";

    private PostgresTestDatabase() {}

    static String url() {
        return System.getenv(ENV);
    }

    static String uniqueTable() {
        return "crm_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static void dropTables(String table) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + table + "_completed");
            statement.execute("DROP TABLE IF EXISTS " + table);
        }
    }

    static long rows(String table) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url());
             Statement statement = connection.createStatement();
             var result = statement.executeQuery("SELECT COUNT(*) FROM " + table)) {
            result.next();
            return result.getLong(1);
        }
    }
}
