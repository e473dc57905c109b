package io.guestgateway.handoff;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guestgateway.guest.GuestMessage;
import io.guestgateway.platform.AcceptedQueues;
import io.guestgateway.platform.OrderedBatches;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageProducer;
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.springframework.jms.core.JmsTemplate;

/**
 * Puts a batch of messages on one or more durable queues in a single local JMS transaction. A
 * destination is a queue, or {@link AcceptedQueues#ADDRESS}, the address that puts each message
 * on guest.routing and guest.crm with one send.
 *
 * <p>A persistent send is acknowledged only after the broker's journal is synced to disk. One
 * sync per message caps ingest at a few hundred messages a second per thread; one sync per batch
 * (the route batches with the Aggregator EIP) lifts that to thousands, and a batch is either on
 * disk in every queue or in none. Each {@link GuestMessage} is grouped by its session id
 * ({@code JMSXGroupID}) so one conversation's messages reach one consumer in order, and numbered
 * within its conversation ({@code JMSXGroupSeq}, from 1, as this gateway handed them off): routing
 * tells a conversation's first message from a later one that reached it first (route-conversation.yaml).
 * The numbers of the last {@value #CONVERSATIONS_NUMBERED} conversations are kept; an older one's
 * next message, or one after a restart or a takeover, starts again at 1.
 */
public class DurableHandOff {

    static final int CONVERSATIONS_NUMBERED = 20_000;
    public static final String GROUP_SEQUENCE = "JMSXGroupSeq";

    private final JmsTemplate jms;
    /** Messages handed off per conversation, the most recently used last; guarded by itself. */
    private final Map<String, Integer> handedOff = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > CONVERSATIONS_NUMBERED;
        }
    };
    private final ObjectMapper json;
    private final OrderedBatches order;

    public DurableHandOff(ConnectionFactory connectionFactory, ObjectMapper json) {
        this(connectionFactory, json, null);
    }

    /** With {@code order}, the aggregation strategy whose batches {@link #sendInOrder} sends in turn. */
    public DurableHandOff(ConnectionFactory connectionFactory, ObjectMapper json, OrderedBatches order) {
        this.jms = new JmsTemplate(connectionFactory);
        this.jms.setSessionTransacted(true);
        this.json = json;
        this.order = order;
    }

    /**
     * Sends a closed batch of the ordered aggregator once every batch opened before it is done
     * ({@link OrderedBatches#awaitTurn}), so that two batches never commit in swapped order.
     */
    public int sendInOrder(Exchange batch, String destinations) {
        if (order != null) {
            order.awaitTurn(batch);
        }
        return sendAll(batch.getMessage().getBody(List.class), destinations);
    }

    /**
     * Sends every item, as JSON, to every destination in {@code destinations} (comma separated) and
     * commits once. Returns the number of items sent; throws when the commit fails, so nothing is half-sent.
     */
    public int sendAll(List<?> items, String destinations) {
        if (items == null || items.isEmpty()) {
            return 0;
        }
        List<String> names = Arrays.stream(destinations.split(",")).map(String::trim).filter(d -> !d.isEmpty()).toList();
        List<String> bodies = new ArrayList<>(items.size());
        for (Object item : items) {
            bodies.add(toJson(item));
        }
        int[] sequence = number(items, 1);
        boolean committed = false;
        try {
            send(items, names, bodies, sequence);
            committed = true;
        } finally {
            if (!committed) {
                number(items, -1); // the batch is sent again, numbered as now
            }
        }
        return items.size();
    }

    private void send(List<?> items, List<String> destinations, List<String> bodies, int[] sequence) {
        jms.execute(session -> {
            List<MessageProducer> producers = new ArrayList<>(destinations.size());
            try {
                for (String name : destinations) {
                    producers.add(session.createProducer(AcceptedQueues.sendTo(name)));
                }
                for (int i = 0; i < bodies.size(); i++) {
                    TextMessage message = session.createTextMessage(bodies.get(i));
                    if (items.get(i) instanceof GuestMessage guest) {
                        message.setStringProperty("JMSXGroupID", guest.sessionId());
                        message.setIntProperty(GROUP_SEQUENCE, sequence[i]);
                    }
                    for (MessageProducer producer : producers) {
                        producer.send(message);
                    }
                }
                session.commit();
            } finally {
                closeAll(producers);
            }
            return null;
        }, true);
    }

    /**
     * Each guest message's number within its conversation ({@code step} 1), or takes the numbers
     * of a batch that did not commit back ({@code step} -1). Batches are sent one at a time in the
     * order they opened ({@link #sendInOrder}), so the numbers follow CXone's order.
     */
    private int[] number(List<?> items, int step) {
        int[] sequence = new int[items.size()];
        synchronized (handedOff) {
            for (int i = 0; i < sequence.length; i++) {
                if (items.get(i) instanceof GuestMessage guest) {
                    Integer n = handedOff.merge(guest.sessionId(), step, (a, b) -> a + b <= 0 ? null : a + b);
                    sequence[i] = n == null ? 0 : n;
                }
            }
        }
        return sequence;
    }

    private String toJson(Object item) {
        if (item instanceof String text) {
            return text;
        }
        try {
            return json.writeValueAsString(item);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot serialise " + item.getClass().getSimpleName(), e);
        }
    }

    private static void closeAll(List<MessageProducer> producers) throws JMSException {
        for (MessageProducer producer : producers) {
            producer.close();
        }
    }
}
