package io.guestgateway.routing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * Why ours: Camel's JDBC idempotent repository commits once per key; this shares one commit among callers.
 *
 * <p>Inserts keys of one processor into {@link ProcessedKeys#TABLE} with group commit: callers that
 * arrive while a transaction is being written share the next one, so ten consumers confirming at
 * once cost one commit (one journal write) instead of ten. Each caller still returns only once its
 * own key is committed: durability per key is the same as one transaction each.
 * <p>
 * A batch that fails (another replica recorded one of its keys first, a broken connection) is
 * written again key by key, so one duplicate never costs the others their record.
 */
final class GroupCommitWriter implements AutoCloseable {

    static final int MAX_BATCH = 64;
    private static final long WAIT_SECONDS = 30;
    private static final String DUPLICATE_KEY = "23505"; // SQLSTATE unique violation: H2 and PostgreSQL

    private record Pending(String key, CompletableFuture<Boolean> inserted) {}

    private final DataSource dataSource;
    private final String processorName;
    private final String insert;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final Thread writer;
    private volatile boolean closed;

    GroupCommitWriter(DataSource dataSource, String processorName) {
        this.dataSource = dataSource;
        this.processorName = processorName;
        this.insert = "INSERT INTO " + ProcessedKeys.TABLE + " (processorName, messageId, createdAt) VALUES (?, ?, ?)";
        this.writer = new Thread(this::writeLoop, "ledger-writer-" + processorName);
        writer.setDaemon(true);
        writer.start();
    }

    /** Records {@code key}; {@code false} when it was recorded before. Blocks until committed. */
    boolean insert(String key) {
        if (closed) {
            throw new IllegalStateException("the conversation ledger is stopped");
        }
        Pending pending = new Pending(key, new CompletableFuture<>());
        queue.add(pending);
        try {
            return pending.inserted().get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DataAccessResourceFailureException("interrupted while recording a conversation", e);
        } catch (ExecutionException e) {
            throw new DataAccessResourceFailureException("could not record a conversation: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new DataAccessResourceFailureException("the database did not record a conversation within "
                    + WAIT_SECONDS + " s", e);
        }
    }

    private void writeLoop() {
        List<Pending> batch = new ArrayList<>(MAX_BATCH);
        while (!closed || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Pending> batch) {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            try {
                if (writeTogether(connection, batch)) {
                    batch.forEach(p -> p.inserted().complete(true));
                } else {
                    connection.setAutoCommit(true);
                    for (Pending p : batch) {
                        writeOne(connection, p);
                    }
                }
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException | RuntimeException e) {
            batch.forEach(p -> p.inserted().completeExceptionally(e)); // no effect on those already answered
        }
    }

    /** One transaction for the whole batch; {@code false} (rolled back) when any insert failed. */
    private boolean writeTogether(Connection connection, List<Pending> batch) throws SQLException {
        connection.setAutoCommit(false);
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            Timestamp now = new Timestamp(System.currentTimeMillis());
            for (Pending p : batch) {
                statement.setString(1, processorName);
                statement.setString(2, p.key());
                statement.setTimestamp(3, now);
                statement.addBatch();
            }
            statement.executeBatch();
            connection.commit();
            return true;
        } catch (SQLException e) {
            connection.rollback();
            return false;
        }
    }

    private void writeOne(Connection connection, Pending p) {
        try (PreparedStatement statement = connection.prepareStatement(insert)) {
            statement.setString(1, processorName);
            statement.setString(2, p.key());
            statement.setTimestamp(3, new Timestamp(System.currentTimeMillis()));
            statement.executeUpdate();
            p.inserted().complete(true);
        } catch (SQLException e) {
            if (isDuplicateKey(e)) {
                p.inserted().complete(false);
            } else {
                p.inserted().completeExceptionally(e);
            }
        }
    }

    private static boolean isDuplicateKey(SQLException e) {
        for (SQLException next = e; next != null; next = next.getNextException()) {
            if (DUPLICATE_KEY.equals(next.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /** Writes what is queued, then stops the writer thread (bounded wait). */
    @Override
    public void close() {
        closed = true;
        try {
            writer.join(TimeUnit.SECONDS.toMillis(WAIT_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Pending left;
        while ((left = queue.poll()) != null) {
            left.inserted().completeExceptionally(new IllegalStateException("the conversation ledger stopped"));
        }
    }
}
