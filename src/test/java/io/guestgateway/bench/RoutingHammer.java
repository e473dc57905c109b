package io.guestgateway.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The routing limit without the gateway: a plain JDK HttpClient posting contract-shaped routing
 * requests (each a new conversation) to the sandbox from {@code concurrency} threads for a while.
 * What the sandbox answers per second with 201 is the best the gateway could do at that
 * concurrency on this machine. Reset the sandbox afterwards: these conversations count as routed.
 */
final class RoutingHammer {

    /** {@code cpu}: the whole JVM's CPU over the run, client and sandbox together. */
    record Result(long created, long failed, double seconds, CpuClock.Spent cpu) {
        double perSecond() {
            return created / seconds;
        }
    }

    private RoutingHammer() {}

    static Result run(String apiBase, int concurrency, Duration duration) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String token = SandboxToken.fetch(http, apiBase, "routing:write");
        URI uri = URI.create(apiBase + "/api/v2/routing/conversations");
        LongAdder created = new LongAdder();
        LongAdder failed = new LongAdder();
        CpuClock cpu = CpuClock.now();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            int worker = t;
            Thread thread = new Thread(() -> {
                for (long i = 0; System.nanoTime() < end; i++) {
                    String id = "c-hammer-" + worker + "-" + i;
                    try {
                        int status = http.send(HttpRequest.newBuilder(uri)
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .timeout(Duration.ofSeconds(10))
                                .POST(HttpRequest.BodyPublishers.ofString(body(id))).build(),
                                HttpResponse.BodyHandlers.discarding()).statusCode();
                        (status == 201 ? created : failed).increment();
                    } catch (Exception e) {
                        failed.increment();
                        if (e instanceof InterruptedException) {
                            return;
                        }
                    }
                }
            }, "routing-hammer-" + t);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join(duration.toMillis() + 15_000);
        }
        return new Result(created.sum(), failed.sum(), (System.nanoTime() - start) / 1e9, CpuClock.now().since(cpu));
    }

    private static String body(String id) {
        return "{\"type\":\"webchat\",\"queueId\":\"general-support\",\"customer\":{\"id\":\"" + id
                + "\",\"firstName\":\"Guest\",\"lastName\":\"fp-hamme\",\"email\":\"guest_" + id
                + "@temp.cxone.com\"},\"media\":{\"webchat\":{\"message\":\"hello\",\"url\":\"\"}}}";
    }
}
