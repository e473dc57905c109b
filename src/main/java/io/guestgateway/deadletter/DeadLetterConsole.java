package io.guestgateway.deadletter;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import javax.management.InstanceAlreadyExistsException;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.NotCompliantMBeanException;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * One dead-letter queue one click away in Hawtio: an MBean named after the queue, with a readable
 * listing of what it holds and why, and a replay. (No count attribute: the console polls attributes,
 * and counting means browsing; browse() says how many.) The broker's own queue MBeans sit deep in the
 * Artemis tree and list an empty queue as a bare {@code []}.
 */
public final class DeadLetterConsole implements DeadLetterQueueView, InitializingBean, DisposableBean {

    static final int LISTED = 100;
    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterConsole.class);

    private final String queue;
    private final DeadLetterStore store;
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final ObjectName name;
    private boolean registered;

    public DeadLetterConsole(String queue, DeadLetterStore store) throws Exception {
        this.queue = queue;
        this.store = store;
        this.name = new ObjectName("io.guestgateway:type=DeadLetters,name=" + ObjectName.quote(queue));
    }

    @Override
    public String getQueue() {
        return queue;
    }

    @Override
    public String browse() throws Exception {
        DeadLetterStore.Page page = store.list(queue, LISTED);
        if (page.count() == 0) {
            return queue + " is empty: no dead letters.";
        }
        List<String> lines = new ArrayList<>();
        lines.add(queue + " holds " + page.count() + " dead letter(s)"
                + (page.count() > page.deadLetters().size() ? ", the oldest " + page.deadLetters().size() + " below:" : ":"));
        for (DeadLetter letter : page.deadLetters()) {
            lines.add(String.format("%s  key=%s  reason=%s  last-status=%d  attempts=%d  dead-lettered-at=%s  replay-to=%s",
                    letter.id(), letter.key(), letter.reason(), letter.lastStatus(), letter.attempts(),
                    letter.deadLetteredAt(), letter.replayQueue()));
        }
        return String.join("\n", lines);
    }

    @Override
    public String replayAll() throws Exception {
        return "replayed " + store.replayAll(queue) + " dead letter(s) from " + queue;
    }

    @Override
    public void afterPropertiesSet() throws Exception {
        try {
            server.registerMBean(new Described(this), name);
            registered = true;
        } catch (InstanceAlreadyExistsException e) {
            // a second gateway in this JVM (tests): the first one's MBean serves the same broker queue
            LOG.debug("{} is already registered", name);
        }
    }

    /** What Hawtio's Operations tab says of each operation. */
    private static final class Described extends StandardMBean {

        Described(DeadLetterQueueView view) throws NotCompliantMBeanException {
            super(view, DeadLetterQueueView.class, false);
        }

        @Override
        protected String getDescription(MBeanOperationInfo operation) {
            return switch (operation.getName()) {
                case "browse" -> "The oldest " + LISTED + " dead letters: key, reason, last HTTP status, attempts (never the message text)";
                case "replayAll" -> "Puts every replayable dead letter back on the queue it came from";
                default -> super.getDescription(operation);
            };
        }
    }

    @Override
    public void destroy() throws Exception {
        if (registered) {
            server.unregisterMBean(name);
        }
    }
}
