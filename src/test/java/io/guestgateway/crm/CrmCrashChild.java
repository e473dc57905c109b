package io.guestgateway.crm;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.guestgateway.GatewayApplication;
import io.guestgateway.handoff.DurableHandOff;
import jakarta.jms.ConnectionFactory;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The gateway in a child JVM that {@link CrmSyncRestartTest} ends with {@code kill -9}
 * ({@link Process#destroyForcibly()}) or SIGTERM ({@link Process#destroy()}). It puts
 * {@code --crash.messages} guest messages (one session each, ids {@code --crash.prefix}-N, default
 * "crash") on guest.crm, prints {@value #SENT} once they are on the broker and {@value #AGGREGATED}
 * once at least {@code --crash.await-records} of them (default half) are in the open batch in the
 * database, then waits for its end.
 * Not a test (no surefire name pattern); started only by the test.
 */
public final class CrmCrashChild {

    static final String SENT = "CRASH-CHILD SENT";
    static final String AGGREGATED = "CRASH-CHILD AGGREGATED";

    private CrmCrashChild() {}

    public static void main(String[] args) throws InterruptedException {
        ConfigurableApplicationContext ctx = new SpringApplicationBuilder(GatewayApplication.class).run(args);
        int count = Integer.parseInt(ctx.getEnvironment().getRequiredProperty("crash.messages"));
        String prefix = ctx.getEnvironment().getProperty("crash.prefix", "crash");
        new DurableHandOff(ctx.getBean(ConnectionFactory.class), ctx.getBean(ObjectMapper.class))
                .sendAll(CrmTestSupport.sessions(prefix, count), "guest.crm");
        System.out.println(SENT + " " + count);

        ClusteredBatchRepository repository = ctx.getBean(ClusteredBatchRepository.class);
        CamelContext camel = ctx.getBean(CamelContext.class);
        int awaited = Integer.parseInt(ctx.getEnvironment().getProperty("crash.await-records", Integer.toString(count / 2)));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                .until(() -> recordsInOpenBatch(repository, camel) >= awaited);
        System.out.println(AGGREGATED + " " + recordsInOpenBatch(repository, camel));
        System.out.flush();
        new CountDownLatch(1).await();
    }

    private static int recordsInOpenBatch(ClusteredBatchRepository repository, CamelContext camel) {
        Exchange batch = repository.get(camel, repository.getInstanceId());
        return batch == null ? 0 : batch.getMessage().getBody(List.class).size();
    }
}
