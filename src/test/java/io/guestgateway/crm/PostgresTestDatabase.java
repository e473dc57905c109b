package io.guestgateway.crm;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * The PostgreSQL the suite runs against when {@value #ENV} is set (CI sets it). Each test class
 * uses its own table name or schema, and drops it afterwards, so reruns and parallel builds do not
 * meet.
 */
public final class PostgresTestDatabase {

    public static final String ENV = "GATEWAY_TEST_POSTGRES_URL";

    private PostgresTestDatabase() {}

    public static String url() {
        return System.getenv(ENV);
    }

    /** The database URL with {@code schema} first on the search path: every table lands there. */
    public static String url(String schema) {
        return url() + (url().contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /** Creates a schema with a fresh name starting with {@code prefix} and returns the name. */
    public static String createSchema(String prefix) throws SQLException {
        String schema = prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(url());
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
        }
        return schema;
    }

    /** Drops the schema and everything in it. */
    public static void dropSchema(String schema) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    static String uniqueTable() {
        return "crm_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static void dropTables(String table) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url());
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + table + "_instances");
            statement.execute("DROP TABLE IF EXISTS " + table + "_records");
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
