package io.guestgateway.bench;

import io.guestgateway.sandbox.CxoneSandbox;
import io.guestgateway.sandbox.SandboxSettings;
import io.guestgateway.simulator.Simulator;
import io.guestgateway.simulator.SimulatorOptions;
import io.guestgateway.simulator.SimulatorReport;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;

/**
 * The ingest ceiling: the same simulator traffic through a second, fresh sandbox hub into a
 * {@link CountingReceiver} instead of the gateway, always at full speed (a {@code --rate} paces only
 * the measured run). Clock: first frame sent to last frame counted.
 */
final class RawSendRate {

    record Result(long frames, long received, double seconds, double simulatorFramesPerSecond) {
        double perSecond() {
            return received / seconds;
        }
    }

    private RawSendRate() {}

    static Result measure(SimulatorOptions traffic) throws Exception {
        try (CxoneSandbox sandbox = CxoneSandbox.start(SandboxSettings.defaults().withPort(0));
             CountingReceiver receiver = CountingReceiver.open(sandbox.apiBase(), sandbox.wsUrl())) {
            SimulatorOptions options = traffic.withRate(0).withTarget(URI.create(sandbox.apiBase()), URI.create(sandbox.wsUrl()),
                    "sandbox-client", "sandbox-secret");
            long start = System.nanoTime();
            SimulatorReport sent = Simulator.run(options, new PrintStream(OutputStream.nullOutputStream()));
            Poll.until(Duration.ofSeconds(60), Duration.ofMillis(5), () -> receiver.frames() >= sent.total());
            long end = Math.max(receiver.lastFrameNanos(), start + 1);
            return new Result(sent.total(), receiver.frames(), (end - start) / 1e9, sent.framesPerSecond());
        }
    }
}
