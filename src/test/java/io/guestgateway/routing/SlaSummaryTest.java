package io.guestgateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** The SLA summary: one interval's figures, an empty next interval, and its line in the log. */
@ExtendWith(OutputCaptureExtension.class)
class SlaSummaryTest {

    @Test
    void anIntervalCountsRoutedAndOverTheTargetWithPercentilesAndTheSlowestConversation() {
        SlaSummary summary = new SlaSummary(Duration.ofSeconds(2));
        for (int i = 1; i <= 100; i++) {
            summary.record("c-" + i, i * 30L);          // 30 ms .. 3,000 ms: 34 over 2,000 ms
        }
        summary.record("c-slow", 10_874);

        SlaSummary.Interval interval = summary.next();

        assertThat(interval.routed()).isEqualTo(101);
        assertThat(interval.over()).isEqualTo(35);
        assertThat(interval.p50()).isEqualTo(1_530);
        assertThat(interval.p99()).as("3 significant digits: 2 ms steps above 2,048 ms").isBetween(3_000L, 3_001L);
        assertThat(interval.slowestConversationId()).isEqualTo("c-slow");
        assertThat(interval.slowestMillis()).isEqualTo(10_874);
        assertThat(interval.line()).matches("SLA over the last \\d+ s: 101 conversation\\(s\\) routed, 35 over the "
                + "target of 2,000 ms; p50 1,530 ms, p99 3,00[01] ms; slowest c-slow in 10,874 ms");
        assertThat(summary.next()).as("the next interval starts empty").isNull();
    }

    @Test
    void aLatencyAtTheTargetIsNotOverItAndTheSlowestIdIsEscaped() {
        SlaSummary summary = new SlaSummary(Duration.ofMillis(2000));
        summary.record("c-at-target", 2000);
        summary.record("c-\u001b[31m", 2000);

        SlaSummary.Interval interval = summary.next();

        assertThat(interval.over()).isZero();
        assertThat(interval.line()).doesNotContain("\u001b");
    }

    @Test
    void conversationsRecordedFromManyThreadsAreAllCounted() {
        SlaSummary summary = new SlaSummary(Duration.ofSeconds(2));
        List<CompletableFuture<Void>> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int thread = t;
            threads.add(CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 10_000; i++) {
                    summary.record("c-" + thread + "-" + i, thread == 3 && i == 5_000 ? 60_000 : i % 2_500);
                }
            }));
        }
        CompletableFuture.allOf(threads.toArray(CompletableFuture[]::new)).join();

        SlaSummary.Interval interval = summary.next();

        assertThat(interval.routed()).isEqualTo(80_000);
        assertThat(interval.over()).isEqualTo(8 * 4 * 499 + 1);   // 2,001..2,499 four times per thread, and the 60 s one
        assertThat(interval.slowestConversationId()).isEqualTo("c-3-5000");
    }

    @Test
    void everyIntervalWithTrafficLogsOneLineAWarningWhenAConversationMissedTheTarget(CapturedOutput output) {
        try (SlaSummary summary = SlaSummary.every(Duration.ofSeconds(2), Duration.ofMillis(200))) {
            summary.record("c-late", 2_500);
            summary.record("c-quick", 40);

            await().atMost(Duration.ofSeconds(10)).until(() -> output.getOut().contains("slowest c-late in 2,500 ms"));
        }
        assertThat(output.getOut().lines().filter(l -> l.contains("SLA over the last")))
                .singleElement().asString()
                .contains(" WARN ", "2 conversation(s) routed, 1 over the target of 2,000 ms");
    }
}
