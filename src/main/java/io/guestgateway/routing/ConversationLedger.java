package io.guestgateway.routing;

import io.guestgateway.deadletter.DeadLetterHeaders;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.apache.camel.Exchange;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.camel.processor.idempotent.jdbc.JdbcMessageIdRepository;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;

/**
 * The idempotent repository behind {@code once-per-conversation}: which conversations are done.
 *
 * <p>Done means routed (a 201) or dead-lettered (a terminal decision), each kept in the database
 * ({@link ProcessedKeys}) so it survives restarts and holds across replicas. The route uses it
 * eagerly: {@link #add} claims a conversation in memory before the call, so a second message of
 * the same conversation arriving meanwhile is a duplicate; only {@link #confirm} (the exchange
 * completed, i.e. CXone answered 201) writes "routed". A crash before that forgets the claim and
 * the redelivered message tries again, with the same {@code Idempotency-Key}.
 *
 * <p>A dead-lettered conversation stays done for later messages, until an operator replays its
 * dead letter: a replayed message ({@link DeadLetterHeaders#REPLAYED}) clears the mark. A message
 * the broker redelivers is let through too, because the transaction that dead-lettered it did not
 * commit, so it is not in the dead-letter queue.
 */
public class ConversationLedger extends ServiceSupport implements IdempotentRepository {

    public static final String ROUTED = "route-conversation";
    public static final String DEAD_LETTERED = "route-conversation-dead-lettered";
    /** Exchange property the dead-letter route sets once the message is on guest.routing.dlq. */
    public static final String DEAD_LETTERED_PROPERTY = "GatewayDeadLettered";

    /**
     * One primary-key lookup, run once per mark on one connection. Not "processorName IN (?, ?)"
     * (H2 scans the table for it) nor a UNION ALL of two lookups (H2 caches no UNION, so it parsed
     * the statement again for every message: 9 % of the routing consumers' CPU in a profile).
     */
    private static final String MARK = "SELECT 1 FROM " + ProcessedKeys.TABLE + " WHERE processorName = ? AND messageId = ?";

    private final DataSource dataSource;
    private final JdbcMessageIdRepository routed;
    private final JdbcMessageIdRepository deadLettered;
    private final Runnable onDuplicate;
    private final Runnable onDeadLettered;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private volatile GroupCommitWriter routedWriter;

    /**
     * @param onDuplicate    called for each message of a conversation that is done or in flight
     * @param onDeadLettered called for each conversation the route put on the dead-letter queue
     */
    public ConversationLedger(DataSource dataSource, Runnable onDuplicate, Runnable onDeadLettered) {
        this.dataSource = dataSource;
        this.routed = ProcessedKeys.repository(dataSource, ROUTED);
        this.deadLettered = ProcessedKeys.repository(dataSource, DEAD_LETTERED);
        this.onDuplicate = onDuplicate;
        this.onDeadLettered = onDeadLettered;
    }

    @Override
    public boolean add(Exchange exchange, String conversationId) {
        boolean fresh = claim(conversationId, exchange.getMessage().getHeader(DeadLetterHeaders.REPLAYED) != null,
                Boolean.TRUE.equals(exchange.getMessage().getHeader("JMSRedelivered", Boolean.class)));
        if (!fresh) {
            onDuplicate.run();
        }
        return fresh;
    }

    @Override
    public boolean add(String conversationId) {
        return claim(conversationId, false, false);
    }

    private boolean claim(String conversationId, boolean replayed, boolean redelivered) {
        Marks marks = marks(conversationId);
        if (marks.routed()) {
            return false;
        }
        if (marks.deadLettered()) {
            if (!replayed && !redelivered) {
                return false;
            }
            deadLettered.remove(conversationId);
        }
        return inFlight.add(conversationId);
    }

    /**
     * The exchange completed: CXone routed the conversation. Returns once the record is committed
     * (group commit with the other consumers confirming at the same time).
     */
    @Override
    public boolean confirm(String conversationId) {
        try {
            return routedWriter.insert(conversationId);
        } finally {
            inFlight.remove(conversationId);
        }
    }

    /** The conversation went to the dead-letter queue; later messages of it are duplicates. */
    public void markDeadLettered(String conversationId) {
        record(deadLettered, conversationId);
    }

    /**
     * The attempt ended without a 201. When the dead-letter route put the message on
     * guest.routing.dlq ({@value #DEAD_LETTERED_PROPERTY}), that is the conversation's verdict: it is
     * marked, in the same moment the listener commits the move; otherwise (rolled back, stopping)
     * only the claim is released.
     */
    @Override
    public boolean remove(Exchange exchange, String conversationId) {
        if (!exchange.isFailed() && Boolean.TRUE.equals(exchange.getProperty(DEAD_LETTERED_PROPERTY, Boolean.class))) {
            try {
                markDeadLettered(conversationId);
                onDeadLettered.run();
            } finally {
                inFlight.remove(conversationId);
            }
            return true;
        }
        return remove(conversationId);
    }

    /** The attempt ended without a decision (rolled back, dead-lettered): release the claim only. */
    @Override
    public boolean remove(String conversationId) {
        return inFlight.remove(conversationId);
    }

    @Override
    public boolean contains(String conversationId) {
        if (inFlight.contains(conversationId)) {
            return true;
        }
        Marks marks = marks(conversationId);
        return marks.routed() || marks.deadLettered();
    }

    private record Marks(boolean routed, boolean deadLettered) {}

    /** Both durable marks of a conversation, read on one connection (no transaction: each a single statement). */
    private Marks marks(String conversationId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(MARK)) {
            return new Marks(marked(statement, ROUTED, conversationId), marked(statement, DEAD_LETTERED, conversationId));
        } catch (SQLException e) {
            throw new DataAccessResourceFailureException("could not read the conversation ledger: " + e.getMessage(), e);
        }
    }

    private static boolean marked(PreparedStatement statement, String mark, String conversationId) throws SQLException {
        statement.setString(1, mark);
        statement.setString(2, conversationId);
        try (ResultSet rows = statement.executeQuery()) {
            return rows.next();
        }
    }

    /** Whether CXone routed the conversation (the durable record only). */
    public boolean isRouted(String conversationId) {
        return routed.contains(conversationId);
    }

    /** Forgets claims in memory only: the durable record of what was done is never cleared from here. */
    @Override
    public void clear() {
        inFlight.clear();
    }

    private static boolean record(JdbcMessageIdRepository repository, String conversationId) {
        try {
            return repository.add(conversationId);
        } catch (DataIntegrityViolationException e) {
            return false; // another replica recorded it between our look and our insert
        }
    }

    @Override
    protected void doStart() {
        ServiceHelper.startService(routed, deadLettered); // creates the table when missing
        routedWriter = new GroupCommitWriter(dataSource, ROUTED);
    }

    @Override
    protected void doStop() {
        // exchanges still running are abandoned by a stop; their claims must not outlive them
        inFlight.clear();
        GroupCommitWriter writer = routedWriter;
        if (writer != null) {
            writer.close();
        }
        ServiceHelper.stopService(routed, deadLettered);
    }
}
