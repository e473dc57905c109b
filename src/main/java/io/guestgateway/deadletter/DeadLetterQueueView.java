package io.guestgateway.deadletter;

/**
 * A dead-letter queue as Hawtio's JMX tree shows it, under {@code io.guestgateway > DeadLetters}.
 * (Not named {@code ...MBean}: Spring would export the bean a second time under a name of its own.)
 */
public interface DeadLetterQueueView {

    /** The broker queue, e.g. {@code guest.routing.dlq}. */
    String getQueue();

    /** The oldest dead letters with their reasons (never the message text), or a line saying the queue is empty. */
    String browse() throws Exception;

    /** Puts every replayable dead letter back on its origin queue; answers what it did. */
    String replayAll() throws Exception;
}
