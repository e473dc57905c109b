package io.guestgateway.simulator;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends guest traffic to a CXone Web Messaging WebSocket as guests do: one token, then
 * {@code connections} authenticated sockets, each sending its share of the frames. Bounded by
 * {@code timeout} until the sockets are authenticated, and by a stall watchdog after that.
 */
public final class Simulator {

    private Simulator() {}

    public static SimulatorReport run(SimulatorOptions options) {
        return run(options, null);
    }

    /** As {@link #run(SimulatorOptions)}, with a progress line about once a second on {@code progress}. */
    public static SimulatorReport run(SimulatorOptions options, PrintStream progress) {
        String token = TokenClient.fetch(options);
        Vertx vertx = Vertx.vertx(new VertxOptions()
                .setEventLoopPoolSize(Math.min(options.connections(), Runtime.getRuntime().availableProcessors()))
                .setWorkerPoolSize(1).setInternalBlockingPoolSize(1)
                .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)
                        .setClassPathResolvingEnabled(false)));
        try {
            return run(vertx, options, token, progress);
        } finally {
            await(vertx.close(), Duration.ofSeconds(10));
        }
    }

    private static SimulatorReport run(Vertx vertx, SimulatorOptions options, String token, PrintStream progress) {
        long timeoutMillis = options.timeout().toMillis();
        WebSocketClient client = vertx.createWebSocketClient(new WebSocketClientOptions()
                .setConnectTimeout((int) Math.min(timeoutMillis, Integer.MAX_VALUE))
                .setMaxConnections(options.connections())
                // Vert.x cuts the TCP connection this long after the close frame (10 s by default),
                // losing frames a slow server has not read yet; the watchdog bounds the wait instead
                .setClosingTimeout((int) Math.min(Integer.MAX_VALUE,
                        Progress.closeLimit(stallLimit(options)).toSeconds() + 5)));
        List<GuestConnection> connections = new ArrayList<>();
        List<Future<Void>> opened = new ArrayList<>();
        for (int i = 0; i < options.connections(); i++) {
            GuestConnection connection = new GuestConnection(vertx, i,
                    new FrameSource(options, i, System::currentTimeMillis), options.rate() / options.connections());
            connections.add(connection);
            opened.add(connection.open(client, options.wsUrl().toString(), token, timeoutMillis));
        }
        await(Future.all(opened), options.timeout().plusSeconds(1));

        long start = System.nanoTime();
        Progress watch = new Progress(connections, progress, stallLimit(options));
        Promise<Void> done = Promise.promise();
        long timer = vertx.setPeriodic(1000, id -> watch.tick(done));
        Future.all(connections.stream().map(GuestConnection::send).toList())
                .onComplete(all -> {
                    if (all.succeeded()) {
                        done.tryComplete();
                    } else {
                        done.tryFail(all.cause());
                    }
                });
        try {
            await(done.future(), null);
        } finally {
            vertx.cancelTimer(timer);
            watch.end();
        }
        long end = connections.stream().mapToLong(GuestConnection::endNanos).max().orElse(start);
        return report(options, connections, Duration.ofNanos(Math.max(0, end - start)));
    }

    /** Long enough for a slow but moving server, and for the gap between two frames at a low rate. */
    static Duration stallLimit(SimulatorOptions options) {
        Duration limit = options.timeout().multipliedBy(3);
        if (options.rate() > 0) {
            Duration gap = Duration.ofMillis((long) Math.ceil(3000.0 * options.connections() / options.rate()));
            return gap.compareTo(limit) > 0 ? gap : limit;
        }
        return limit;
    }

    private static SimulatorReport report(SimulatorOptions options, List<GuestConnection> connections, Duration elapsed) {
        Map<SimulatedFrameKind, Long> sent = new EnumMap<>(SimulatedFrameKind.class);
        BitSet guests = new BitSet();
        for (GuestConnection connection : connections) {
            for (SimulatedFrameKind kind : SimulatedFrameKind.values()) {
                sent.merge(kind, connection.sent(kind), Long::sum);
            }
            guests.or(connection.source().touchedGuests());
        }
        long conversations = guests.cardinality() + sent.get(SimulatedFrameKind.BOT);
        long fingerprints = (options.messagesPerGuest() > 0 ? options.guests() : 0)
                + (options.botMessages() > 0 ? options.bots() : 0);
        return new SimulatorReport(sent, conversations, fingerprints, elapsed, options.seed(),
                RoutingExpectation.conversations(options));
    }

    /** Waits for {@code future}; {@code null} bound = as long as it takes (the watchdog bounds it). */
    private static <T> T await(Future<T> future, Duration bound) {
        try {
            var result = future.toCompletionStage().toCompletableFuture();
            return bound == null ? result.get() : result.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SimulatorException failure) {
                throw failure;
            }
            throw new SimulatorException(TokenClient.reason(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new SimulatorException("no answer within " + bound.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SimulatorException("interrupted");
        }
    }
}
