package io.guestgateway.routing;

import io.guestgateway.platform.SchemaStatements;
import javax.sql.DataSource;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * camel-sql's {@link JdbcMessageIdRepository} on the gateway's own table, created on start when
 * missing, in SQL that H2 and PostgreSQL both take. The primary key makes a second insert of the
 * same key fail instead of silently recording it twice, across replicas too.
 */
public final class ProcessedKeys {

    public static final String TABLE = "GATEWAY_PROCESSED_KEYS";

    private ProcessedKeys() {}

    public static JdbcMessageIdRepository repository(DataSource dataSource, String processorName) {
        JdbcMessageIdRepository repository = new JdbcMessageIdRepository(dataSource, processorName);
        // conversation ids are untrusted text of unknown length: leave them room
        String create = "CREATE TABLE IF NOT EXISTS " + TABLE + " (processorName VARCHAR(255) NOT NULL,"
                + " messageId VARCHAR(1024) NOT NULL, createdAt TIMESTAMP NOT NULL,"
                + " PRIMARY KEY (processorName, messageId))";
        // made here, not by the repository's own check-then-create, which fails when a replica
        // starting at the same moment creates it in between
        SchemaStatements.executeIfMissing(new JdbcTemplate(dataSource), create);
        repository.setCreateTableIfNotExists(true);
        repository.setTableExistsString("SELECT 1 FROM " + TABLE + " WHERE 1 = 0");
        repository.setCreateString(create);
        repository.setQueryString("SELECT COUNT(*) FROM " + TABLE + " WHERE processorName = ? AND messageId = ?");
        repository.setInsertString("INSERT INTO " + TABLE + " (processorName, messageId, createdAt) VALUES (?, ?, ?)");
        repository.setDeleteString("DELETE FROM " + TABLE + " WHERE processorName = ? AND messageId = ?");
        repository.setClearString("DELETE FROM " + TABLE + " WHERE processorName = ?");
        return repository;
    }
}
