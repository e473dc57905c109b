package io.guestgateway.bench;

import java.io.Closeable;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * The routing limit without the gateway: a plain HTTP client posting contract-shaped routing
 * requests (each a new conversation) to the sandbox from {@code concurrency} threads for a while.
 * What the sandbox answers per second with 201 is the best the gateway could do at that
 * concurrency on this machine. Two clients: the JDK's {@code HttpClient}, and Apache HttpClient 5
 * with a connection pool, the client camel-http (and so the gateway's routing call) uses. Reset the
 * sandbox afterwards: these conversations count as routed.
 */
final class RoutingHammer {

    /** {@code cpu}: the whole JVM's CPU over the run, client and sandbox together. */
    record Result(Client client, long created, long failed, double seconds, CpuClock.Spent cpu) {
        double perSecond() {
            return created / seconds;
        }
    }

    enum Client {
        JDK("JDK HttpClient"), APACHE("Apache HttpClient 5");

        private final String label;

        Client(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }

        static Client parse(String name) {
            return valueOf(name.toUpperCase(Locale.ROOT));
        }
    }

    /** One routing POST; answers the status. */
    private interface Poster extends Closeable {
        int post(String conversationId) throws Exception;
    }

    private RoutingHammer() {}

    static Result run(Client client, String apiBase, int concurrency, Duration duration) throws Exception {
        HttpClient tokenHttp = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        String token = SandboxToken.fetch(tokenHttp, apiBase, "routing:write");
        URI uri = URI.create(apiBase + "/api/v2/routing/conversations");
        try (Poster poster = client == Client.JDK ? jdk(tokenHttp, uri, token) : apache(uri, token, concurrency)) {
            return hammer(client, poster, concurrency, duration);
        }
    }

    private static Result hammer(Client client, Poster poster, int concurrency, Duration duration) throws Exception {
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
                    try {
                        int status = poster.post("c-hammer-" + client.name().toLowerCase(Locale.ROOT) + "-" + worker
                                + "-" + i);
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
        return new Result(client, created.sum(), failed.sum(), (System.nanoTime() - start) / 1e9,
                CpuClock.now().since(cpu));
    }

    private static Poster jdk(HttpClient http, URI uri, String token) {
        return new Poster() {
            @Override
            public int post(String id) throws Exception {
                return http.send(HttpRequest.newBuilder(uri)
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofString(body(id))).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
            }

            @Override
            public void close() {
                // the JDK client's threads end with it being unreachable
            }
        };
    }

    private static Poster apache(URI uri, String token, int concurrency) {
        CloseableHttpClient http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(concurrency).setMaxConnPerRoute(concurrency)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofSeconds(5)).setSocketTimeout(Timeout.ofSeconds(10)).build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(10)).build())
                .disableAutomaticRetries()
                .build();
        return new Poster() {
            @Override
            public int post(String id) throws Exception {
                HttpPost post = new HttpPost(uri);
                post.setHeader("Authorization", "Bearer " + token);
                post.setEntity(new StringEntity(body(id), ContentType.APPLICATION_JSON));
                return http.execute(post, response -> {
                    EntityUtils.consume(response.getEntity());
                    return response.getCode();
                });
            }

            @Override
            public void close() throws java.io.IOException {
                http.close();
            }
        };
    }

    private static String body(String id) {
        return "{\"type\":\"webchat\",\"queueId\":\"general-support\",\"customer\":{\"id\":\"" + id
                + "\",\"firstName\":\"Guest\",\"lastName\":\"fp-hamme\",\"email\":\"guest_" + id
                + "@temp.cxone.com\"},\"media\":{\"webchat\":{\"message\":\"hello\",\"url\":\"\"}}}";
    }
}
