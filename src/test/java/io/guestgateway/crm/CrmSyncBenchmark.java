package io.guestgateway.crm;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.guestgateway.GatewayApplication;
import io.guestgateway.guest.GuestMessage;
import io.guestgateway.handoff.DurableHandOff;
import io.guestgateway.sandbox.CxoneSandbox;
import io.guestgateway.sandbox.RecordedCall;
import io.guestgateway.support.GatewayRun;
import jakarta.jms.ConnectionFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.LockSupport;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How fast the CRM stage drains a burst: 10,000 guest messages from 2,000
 * sessions put on guest.crm as fast as the broker takes them (transactions of 500, as ingest hands
 * off), then the time until every session's latest message has reached the sandbox CRM.
 *
 * <p>A main, not a test (surefire does not pick it up); run from the repository root:
 * <pre>
 * ./mvnw -q -B -o test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/test.classpath
 * java -cp target/test-classes:target/classes:$(cat target/test.classpath) io.guestgateway.crm.CrmSyncBenchmark 5,100
 * </pre>
 * Further arguments ({@code --key=value}) override gateway settings. Each batch size runs in a fresh gateway (H2, embedded Artemis, sandbox,
 * flush interval 1 s) in a new temporary directory. Messages go round by round: each round has
 * one message from each of the 2,000 sessions, in a seeded random order, later rounds later.
 */
public final class CrmSyncBenchmark {

    private static final int SESSIONS = 2_000;
    private static final int ROUNDS = 5;
    private static final int PER_TRANSACTION = 500;

    private static List<String> extraArgs = List.of();

    private CrmSyncBenchmark() {}

    public static void main(String[] args) throws IOException {
        String sizes = args.length > 0 ? args[0] : "5,100";
        extraArgs = args.length > 1 ? List.of(args).subList(1, args.length) : List.of();
        List<String> results = new ArrayList<>();
        for (String size : sizes.split(",")) {
            results.add(run(Integer.parseInt(size.trim())));
        }
        System.out.println();
        System.out.println("CRM benchmark: " + SESSIONS * ROUNDS + " messages, " + SESSIONS + " sessions, flush interval 1 s");
        results.forEach(System.out::println);
        System.exit(0);
    }

    private static String run(int batchSize) throws IOException {
        Path dataDir = Files.createTempDirectory("crm-benchmark-");
        int port = GatewayRun.freePort();
        List<String> settings = new ArrayList<>(List.of(
                "--camel.main.routes-include-pattern=" + CrmTestSupport.ROUTES,
                "--gateway.data-dir=" + dataDir,
                "--server.port=0",
                "--cxone.sandbox.port=" + port,
                "--crm.url=http://127.0.0.1:" + port + "/crm/batch",
                "--crm.batch-size=" + batchSize,
                "--crm.flush-interval=1s",
                "--logging.level.io.guestgateway.crm=WARN"));
        settings.addAll(extraArgs);
        try (ConfigurableApplicationContext gateway = new SpringApplicationBuilder(GatewayApplication.class)
                .run(settings.toArray(String[]::new))) {
            CxoneSandbox sandbox = gateway.getBean(CxoneSandbox.class);
            DurableHandOff handOff = new DurableHandOff(gateway.getBean(ConnectionFactory.class),
                    gateway.getBean(ObjectMapper.class));
            List<GuestMessage> messages = burst();
            Map<String, String> latest = new HashMap<>();
            messages.forEach(m -> latest.put(m.sessionId(), m.text()));

            long start = System.nanoTime();
            for (int i = 0; i < messages.size(); i += PER_TRANSACTION) {
                handOff.sendAll(messages.subList(i, Math.min(messages.size(), i + PER_TRANSACTION)), "guest.crm");
            }
            long sent = System.nanoTime();
            long deadline = sent + 300_000_000_000L;
            Map<String, String> seen = new HashMap<>();
            int read = 0;
            while (!allLatestSeen(latest, seen) && System.nanoTime() < deadline) {
                List<RecordedCall> calls = sandbox.crmCalls();
                for (; read < calls.size(); read++) {
                    if (calls.get(read).status() / 100 == 2) {
                        CrmTestSupport.records(calls.get(read).body())
                                .forEach(r -> seen.put((String) r.get("external_id"), (String) r.get("last_message")));
                    }
                }
                LockSupport.parkNanos(20_000_000L);
            }
            long done = System.nanoTime();
            if (!allLatestSeen(latest, seen)) {
                return "batch-size " + batchSize + ": NOT COMPLETE within 300 s";
            }
            var state = sandbox.state();
            double seconds = (done - start) / 1e9;
            return String.format(
                    "batch-size %3d: all %d latest messages at the CRM %.2f s after the first send (%.2f s after the last),"
                            + " %d batches, %d records, %.0f records/s, %.0f guest messages/s; hand-off took %.2f s",
                    batchSize, SESSIONS, seconds, (done - sent) / 1e9, state.crmBatches(), state.crmRecords(),
                    state.crmRecords() / seconds, messages.size() / seconds, (sent - start) / 1e9);
        }
    }

    private static List<GuestMessage> burst() {
        Random random = new Random(5);
        List<GuestMessage> messages = new ArrayList<>(SESSIONS * ROUNDS);
        double timestamp = 1764412345.0;
        for (int round = 1; round <= ROUNDS; round++) {
            List<Integer> order = new ArrayList<>();
            for (int s = 1; s <= SESSIONS; s++) {
                order.add(s);
            }
            Collections.shuffle(order, random);
            for (int s : order) {
                timestamp += 0.001;
                messages.add(new GuestMessage("bench-" + s, "fp-" + s, "round " + round + " of session " + s,
                        "general-support", timestamp, null, System.currentTimeMillis()));
            }
        }
        return messages;
    }

    private static boolean allLatestSeen(Map<String, String> latest, Map<String, String> seen) {
        for (Map.Entry<String, String> entry : latest.entrySet()) {
            if (!entry.getValue().equals(seen.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }
}
