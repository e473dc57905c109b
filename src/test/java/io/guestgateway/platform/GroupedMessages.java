package io.guestgateway.platform;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * Text messages for the broker-layout tests, each in the group {@code conversation-<body>}: sent to
 * guest.accepted as ingest sends or to a queue of its own address by name, and read back off a queue
 * as the gateway's consumers take them.
 */
final class GroupedMessages {

    private GroupedMessages() {
    }

    static void send(ConnectionFactory factory, String destination, List<String> bodies) throws Exception {
        try (Connection connection = factory.createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(destination.equals(AcceptedQueues.ADDRESS)
                    ? session.createTopic(destination) : session.createQueue(destination));
            for (String body : bodies) {
                TextMessage message = session.createTextMessage(body);
                message.setStringProperty("JMSXGroupID", "conversation-" + body);
                producer.send(message);
            }
            session.commit();
        }
    }

    /** Every message on the queue, in the order the broker delivers them; checks each kept its group. */
    static List<String> receive(ConnectionFactory factory, String queue) throws Exception {
        List<String> bodies = new ArrayList<>();
        try (Connection connection = factory.createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageConsumer consumer = session.createConsumer(session.createQueue(AcceptedQueues.fullyQualified(queue)));
            for (Message message = consumer.receive(5_000); message != null && bodies.size() < 100;
                    message = consumer.receive(500)) {
                String body = ((TextMessage) message).getText();
                assertThat(message.getStringProperty("JMSXGroupID")).isEqualTo("conversation-" + body);
                bodies.add(body);
            }
            session.commit();
        }
        return bodies;
    }
}
