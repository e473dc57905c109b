package io.guestgateway.deadletter;

import io.guestgateway.platform.AcceptedQueues;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.util.Enumeration;

/**
 * Puts a copy of a dead letter back on its origin queue, in the caller's transacted session: the
 * body and application properties (the message group included), without the dead-letter
 * bookkeeping, marked {@link DeadLetterHeaders#REPLAYED}.
 */
final class Replay {

    private static final String GROUP = "JMSXGroupID";

    private Replay() {}

    /** Sends the copy and returns the origin queue; the caller commits. */
    static String moveBack(Session session, Message message) throws JMSException {
        String origin = message.getStringProperty(DeadLetterHeaders.REPLAY_QUEUE);
        Message copy = copyBody(session, message);
        for (Enumeration<?> names = message.getPropertyNames(); names.hasMoreElements();) {
            String name = (String) names.nextElement();
            if (!DeadLetterHeaders.isBookkeeping(name) && !name.startsWith("JMSX") && !name.startsWith("_")) {
                copy.setObjectProperty(name, message.getObjectProperty(name));
            }
        }
        String group = message.getStringProperty(GROUP);
        if (group != null) {
            copy.setStringProperty(GROUP, group);
        }
        copy.setJMSCorrelationID(message.getJMSCorrelationID());
        copy.setJMSType(message.getJMSType());
        copy.setBooleanProperty(DeadLetterHeaders.REPLAYED, true);
        try (MessageProducer producer = session.createProducer(AcceptedQueues.sendTo(origin))) {
            producer.send(copy);
        }
        return origin;
    }

    private static Message copyBody(Session session, Message message) throws JMSException {
        if (message instanceof TextMessage text) {
            return session.createTextMessage(text.getText());
        }
        if (message instanceof BytesMessage bytes) {
            byte[] body = new byte[(int) bytes.getBodyLength()];
            bytes.readBytes(body);
            BytesMessage copy = session.createBytesMessage();
            copy.writeBytes(body);
            return copy;
        }
        throw new JMSException("cannot replay a " + message.getClass().getSimpleName() + "; only text and bytes");
    }

}
