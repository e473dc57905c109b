package io.guestgateway.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.processor.aggregate.GroupedBodyAggregationStrategy;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.support.DefaultExchange;
import org.apache.camel.util.concurrent.SynchronousExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Closed batches take their turns in the order they opened, whichever thread closed them. */
class OrderedBatchesTest {

    private final CamelContext camel = new DefaultCamelContext();
    private final ExecutorService senders = Executors.newFixedThreadPool(2);

    @AfterEach
    void stop() {
        senders.shutdownNow();
        camel.stop();
    }

    @Test
    void aBatchClosedLaterWaitsForTheEarlierOneEvenWhenItsThreadGotThereFirst() throws Exception {
        OrderedBatches batches = new OrderedBatches(new GroupedBodyAggregationStrategy());
        List<List<?>> done = new CopyOnWriteArrayList<>();
        CountDownLatch secondClosed = new CountDownLatch(1);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // as in the routes: a batch's steps run on the thread that closed it
                from("direct:in").aggregate(constant("one-key"), batches).completionSize(2)
                        .executorService(new SynchronousExecutorService())
                        // the first batch's thread is held between closing it and its steps
                        .process(e -> {
                            if (e.getMessage().getBody(List.class).contains("a1")) {
                                secondClosed.await(5, TimeUnit.SECONDS);
                            } else {
                                secondClosed.countDown();
                            }
                        })
                        .bean(batches, "awaitTurn")
                        .process(e -> done.add(e.getMessage().getBody(List.class)));
            }
        });
        camel.start();
        ProducerTemplate producer = camel.createProducerTemplate();

        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> {
            producer.sendBody("direct:in", "a1");
            producer.sendBody("direct:in", "a2");
        }, senders);
        await().atMost(Duration.ofSeconds(5)).until(() -> batches.unfinished() == 1 && !first.isDone());
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> {
            producer.sendBody("direct:in", "b1");
            producer.sendBody("direct:in", "b2");
        }, senders);
        CompletableFuture.allOf(first, second).get(10, TimeUnit.SECONDS);

        assertThat(secondClosed.getCount()).as("the second batch closed while the first was held").isZero();
        assertThat(done).containsExactly(List.of("a1", "a2"), List.of("b1", "b2"));
        assertThat(batches.unfinished()).isZero();
    }

    @Test
    void aBatchWaitsUntilTheEarlierOneHasFinishedNotJustStarted() throws Exception {
        OrderedBatches batches = new OrderedBatches(new GroupedBodyAggregationStrategy());
        Exchange earlier = batches.aggregate(null, exchange("a"));
        Exchange later = batches.aggregate(null, exchange("b"));
        batches.awaitTurn(earlier); // the first: its turn at once

        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> batches.awaitTurn(later));
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> !waiting.isDone());

        complete(earlier);
        waiting.get(5, TimeUnit.SECONDS);
        complete(later);
        assertThat(batches.unfinished()).isZero();
    }

    @Test
    void aBatchThatNeverReachesItsStepsIsPassedOverAfterTheGrace() throws Exception {
        OrderedBatches batches = new OrderedBatches(new GroupedBodyAggregationStrategy(), Duration.ofMillis(200));
        batches.aggregate(null, exchange("lost")); // opened, but could not be stored: never closes
        Exchange later = batches.aggregate(null, exchange("later"));

        long started = System.nanoTime();
        batches.awaitTurn(later);
        long waitedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertThat(waitedMs).isBetween(150L, 4_000L);
        complete(later);
        assertThat(batches.unfinished()).isZero();
    }

    @Test
    void aBatchNotNumberedHereGoesAtOnce() {
        OrderedBatches batches = new OrderedBatches(new GroupedBodyAggregationStrategy());
        Exchange underWay = batches.aggregate(null, exchange("a"));
        batches.awaitTurn(underWay);

        // e.g. recovered from a persistent repository after a restart: its order is not known here
        batches.awaitTurn(exchange("recovered"));

        assertThat(batches.unfinished()).isOne();
    }

    private Exchange exchange(String body) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setBody(body);
        return exchange;
    }

    /** What the batch's unit of work does when its steps are over. */
    private static void complete(Exchange batch) {
        List<Synchronization> completions = batch.getExchangeExtension().handoverCompletions();
        assertThat(completions).isNotEmpty();
        completions.forEach(s -> s.onComplete(batch));
    }
}
