package io.guestgateway.crm;

import javax.sql.DataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Imported by the PostgreSQL tests: drops the class's own batch tables when its context closes.
 * It runs after Camel has stopped (lifecycle stop comes before bean destruction) and before the
 * datasource closes (it depends on it), so nothing queries a dropped table.
 */
@TestConfiguration(proxyBeanMethods = false)
class DropCrmTablesOnClose {

    @Bean
    DisposableBean dropCrmTestTables(DataSource dataSource, @Value("${crm.repository-name}") String table) {
        return () -> {
            JdbcTemplate jdbc = new JdbcTemplate(dataSource);
            jdbc.execute("DROP TABLE IF EXISTS " + table + "_instances");
            jdbc.execute("DROP TABLE IF EXISTS " + table + "_records");
            jdbc.execute("DROP TABLE IF EXISTS " + table + "_completed");
            jdbc.execute("DROP TABLE IF EXISTS " + table);
        };
    }
}
