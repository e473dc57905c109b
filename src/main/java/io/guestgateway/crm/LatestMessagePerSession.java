package io.guestgateway.crm;

import io.guestgateway.guest.GuestMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jakarta.jms.JMSException;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePropertyKey;
import org.apache.camel.component.jms.JmsMessage;
import org.apache.camel.processor.aggregate.AggregateProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aggregates guest messages into one CRM batch: a list of docs/cxone-contract.md §4 records, one per session,
 * each with that session's latest message (see {@link CrmRecords#putLatest}). The batch's size is
 * its number of records, which is what the route's completion predicate counts.
 *
 * <p>It returns the exchange that opened the batch, never the incoming one: the JDBC aggregation
 * repository keeps the stored exchange's identity and optimistic-lock version on it.
 *
 * <p>A batch closed by size is posted on the listener thread that took its last message, and the
 * listener acknowledges a message only when its route returns, after that POST. So once the batch
 * is stored as closed ({@link #onCompletion}, called before the POST on that thread), the message
 * that closed it is acknowledged at once: a crash during the POST then leaves the batch to
 * recovery, which sends it, without the broker also delivering that message again into a new
 * batch (its record sent twice, by this replica after a restart or by another one).
 */
public class LatestMessagePerSession implements AggregationStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(LatestMessagePerSession.class);
    /** The JMS message this thread last aggregated; the thread owns its session. */
    private static final ThreadLocal<jakarta.jms.Message> LAST_TAKEN = new ThreadLocal<>();

    @Override
    public Exchange aggregate(Exchange batch, Exchange incoming) {
        if (incoming == null) {
            return batch;
        }
        GuestMessage message = incoming.getMessage().getBody(GuestMessage.class);
        if (incoming.getMessage() instanceof JmsMessage jms && jms.getJmsMessage() != null) {
            LAST_TAKEN.set(jms.getJmsMessage());
        } else {
            LAST_TAKEN.remove();
        }
        List<Map<String, Object>> records;
        if (batch == null) {
            // the first message opens the batch; its JMS headers (session id among them) are not
            // the batch's, and would otherwise be stored with it and sent along as HTTP headers
            incoming.getMessage().removeHeaders("*");
            batch = incoming;
            records = new ArrayList<>();
        } else {
            records = recordsOf(batch);
        }
        CrmRecords.putLatest(records, message);
        batch.getMessage().setBody(records);
        // stored with the batch, in its transaction (ClusteredBatchRepository)
        batch.setProperty(ClusteredBatchRepository.RECORD_KEY, BatchedRecords.keyOf(message));
        return batch;
    }

    /**
     * The batch is closed and stored as such. Closed by size, this thread took its last message:
     * acknowledge it now (with the ones its session took before, whose routes have returned).
     * Closed by the interval timer or on stop, nothing is waiting for an acknowledgement here.
     */
    @Override
    public void onCompletion(Exchange batch) {
        jakarta.jms.Message last = LAST_TAKEN.get();
        LAST_TAKEN.remove();
        // a batch its first message closes (crm.batch-size 1) was never stored: the message waits
        // for the POST like any other
        boolean stored = batch.getProperty(ClusteredBatchRepository.STORED_VERSION) != null;
        if (last != null && stored && AggregateProcessor.COMPLETED_BY_PREDICATE.equals(
                batch.getProperty(ExchangePropertyKey.AGGREGATED_COMPLETED_BY, String.class))) {
            try {
                last.acknowledge();
            } catch (JMSException | IllegalStateException e) {
                // the listener acknowledges it after the POST as before
                LOG.debug("Could not acknowledge the message that closed a CRM batch: {}", e.getClass().getSimpleName());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> recordsOf(Exchange batch) {
        Object body = batch.getMessage().getBody();
        return body instanceof List<?> list ? (List<Map<String, Object>>) list : new ArrayList<>();
    }
}
