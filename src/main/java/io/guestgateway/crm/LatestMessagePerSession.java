package io.guestgateway.crm;

import io.guestgateway.guest.GuestMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.camel.AggregationStrategy;
import org.apache.camel.Exchange;

/**
 * Aggregates guest messages into one CRM batch: a list of docs/cxone-contract.md §4 records, one per session,
 * each with that session's latest message (see {@link CrmRecords#putLatest}). The batch's size is
 * its number of records, which is what the route's completion predicate counts.
 *
 * <p>It returns the exchange that opened the batch, never the incoming one: the JDBC aggregation
 * repository keeps the stored exchange's identity and optimistic-lock version on it.
 */
public class LatestMessagePerSession implements AggregationStrategy {

    @Override
    public Exchange aggregate(Exchange batch, Exchange incoming) {
        if (incoming == null) {
            return batch;
        }
        GuestMessage message = incoming.getMessage().getBody(GuestMessage.class);
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
        return batch;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> recordsOf(Exchange batch) {
        Object body = batch.getMessage().getBody();
        return body instanceof List<?> list ? (List<Map<String, Object>>) list : new ArrayList<>();
    }
}
