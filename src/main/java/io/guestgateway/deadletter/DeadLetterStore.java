package io.guestgateway.deadletter;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import org.springframework.jms.connection.SingleConnectionFactory;

/**
 * Reads and replays a dead-letter queue over plain JMS. A replay takes the message off the
 * dead-letter queue and puts a copy on its origin queue ({@link DeadLetterHeaders#REPLAY_QUEUE})
 * in one local transaction, so a message is never in both or in neither. The copy keeps the body
 * and the application properties (message group included), drops the dead-letter bookkeeping and
 * is marked {@link DeadLetterHeaders#REPLAYED}.
 */
public class DeadLetterStore {

    static final int MAX_PER_CALL = 10_000;
    private static final long RECEIVE_TIMEOUT_MS = 1000;

    private final ConnectionFactory connectionFactory;

    public DeadLetterStore(ConnectionFactory connectionFactory) {
        // a caching factory keeps consumers open after "close", and an open consumer on a
        // dead-letter queue would hold its messages in a prefetch buffer: use the real factory
        this.connectionFactory = connectionFactory instanceof SingleConnectionFactory caching
                && caching.getTargetConnectionFactory() != null ? caching.getTargetConnectionFactory() : connectionFactory;
    }

    /** Up to {@code limit} dead letters, oldest first, and how many the queue holds in all. */
    public Page list(String queue, int limit) throws JMSException {
        try (Connection connection = connectionFactory.createConnection();
                Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE)) {
            connection.start();
            List<DeadLetter> letters = new ArrayList<>();
            int total = 0;
            try (QueueBrowser browser = session.createBrowser(session.createQueue(queue))) {
                Enumeration<?> messages = browser.getEnumeration();
                while (messages.hasMoreElements() && total < MAX_PER_CALL) {
                    Message message = (Message) messages.nextElement();
                    if (letters.size() < limit) {
                        letters.add(describe(message));
                    }
                    total++;
                }
            }
            return new Page(queue, total, Collections.unmodifiableList(letters));
        }
    }

    /** Replays one dead letter; empty when no message has that id (or it cannot be replayed). */
    public Optional<String> replay(String queue, String id) throws JMSException {
        String selector = "JMSMessageID = '" + jmsId(id) + "' AND " + DeadLetterHeaders.REPLAY_QUEUE + " IS NOT NULL";
        try (Connection connection = connectionFactory.createConnection();
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                MessageConsumer consumer = session.createConsumer(session.createQueue(queue), selector)) {
            connection.start();
            Message message = consumer.receive(RECEIVE_TIMEOUT_MS);
            if (message == null) {
                return Optional.empty();
            }
            String origin = Replay.moveBack(session, message);
            session.commit();
            return Optional.of(origin);
        }
    }

    /** Replays every replayable dead letter there is now (at most {@value #MAX_PER_CALL}); returns how many. */
    public int replayAll(String queue) throws JMSException {
        int replayed = 0;
        try (Connection connection = connectionFactory.createConnection();
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                MessageConsumer consumer = session.createConsumer(session.createQueue(queue),
                        DeadLetterHeaders.REPLAY_QUEUE + " IS NOT NULL")) {
            connection.start();
            while (replayed < MAX_PER_CALL) {
                Message message = consumer.receive(RECEIVE_TIMEOUT_MS);
                if (message == null) {
                    break;
                }
                Replay.moveBack(session, message);
                // one transaction per message: a failure half-way leaves the rest where they were
                session.commit();
                replayed++;
            }
        }
        return replayed;
    }

    private static DeadLetter describe(Message message) throws JMSException {
        return new DeadLetter(shortId(message.getJMSMessageID()),
                message.getStringProperty(DeadLetterHeaders.KEY),
                message.getStringProperty(DeadLetterHeaders.REASON),
                intProperty(message, DeadLetterHeaders.LAST_STATUS),
                intProperty(message, DeadLetterHeaders.ATTEMPTS),
                message.getStringProperty(DeadLetterHeaders.FIRST_FAILURE),
                message.getStringProperty(DeadLetterHeaders.DEAD_LETTERED_AT),
                message.getStringProperty(DeadLetterHeaders.REPLAY_QUEUE));
    }

    private static int intProperty(Message message, String name) throws JMSException {
        Object value = message.getObjectProperty(name);
        if (value instanceof Number number) {
            return number.intValue();
        }
        try {
            return value == null ? 0 : Integer.parseInt(value.toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static String shortId(String jmsMessageId) {
        return jmsMessageId != null && jmsMessageId.startsWith("ID:") ? jmsMessageId.substring(3) : jmsMessageId;
    }

    /** The id as the broker knows it; only characters a message id has, so it cannot break the selector. */
    static String jmsId(String id) {
        String bare = id.startsWith("ID:") ? id.substring(3) : id;
        if (!bare.matches("[A-Za-z0-9:._-]{1,200}")) {
            throw new IllegalArgumentException("not a message id");
        }
        return "ID:" + bare;
    }

    /** A listing: the queue, how many it holds, the first few. */
    public record Page(String queue, int count, List<DeadLetter> deadLetters) {}
}
