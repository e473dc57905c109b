package io.guestgateway.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * {@code bin/sandbox [--port 8089] [--routing.latency 5ms] ...}: the CXone sandbox in a process of
 * its own, so that a gateway started with {@code java -jar} (and a benchmark measuring only the
 * gateway's CPU) talks to it over loopback as it would to CXone. Options are the
 * {@code cxone.sandbox.*} keys of {@code sandbox.yaml} without the prefix. Runs until stopped.
 */
public final class StandaloneSandbox {

    static final String USAGE = """
            Usage: bin/sandbox [options]

            Runs the CXone sandbox (token endpoint, Web Messaging WebSocket, Task Routing API, CRM batch
            endpoint, /sandbox admin API) on 127.0.0.1 until Ctrl-C or SIGTERM.

              --port N                      loopback port (8089)
              --client-id ID                OAuth client it accepts (sandbox-client)
              --client-secret SECRET        and its secret (sandbox-secret)
              --token-lifetime DURATION     lifetime of the tokens it issues (3600s)
              --routing.failure-rate F      share of routing calls answered 503, 0..1 (0)
              --routing.every-429 K         every k-th routing call answered 429 (0 = off)
              --routing.retry-after D       Retry-After of those 429s (1s)
              --routing.latency D           added before each routing answer (0s)
              --routing.outage true         every routing call answered 503
              --crm.*                       the same five for the CRM endpoint
            Faults can also be changed while it runs: PUT /sandbox/faults/{routing,crm}.
            """;

    private StandaloneSandbox() {}

    public static void main(String[] args) throws InterruptedException {
        if (List.of(args).contains("--help") || List.of(args).contains("-h")) {
            System.out.print(USAGE);
            return;
        }
        SandboxProperties config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException | BindException e) {
            System.err.println("sandbox: " + e.getMessage() + " (see bin/sandbox --help)");
            System.exit(2);
            return;
        }
        CxoneSandbox sandbox = CxoneSandbox.start(config.settings());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }, "sandbox-stop"));
        String secret = "sandbox-secret".equals(config.clientSecret()) ? config.clientSecret() : "<your --client-secret>";
        System.out.printf("""
                *** CXone SANDBOX ON at %s — a stand-in for CXone and the CRM, not production ***
                Point a gateway at it with:
                  --cxone.api-base=%s --cxone.ws-url=%s
                  --cxone.client-id=%s --cxone.client-secret=%s
                  --crm.url=%s
                State: curl -s %s/sandbox/state    Stop: Ctrl-C
                """, sandbox.apiBase(), sandbox.apiBase(), sandbox.wsUrl(), config.clientId(), secret,
                sandbox.crmUrl(), sandbox.apiBase());
        System.out.flush();
        stopped.await();
    }

    /** {@code --name value} or {@code --name=value}, names as in {@code cxone.sandbox.*} without the prefix. */
    static SandboxProperties parse(String[] args) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new IllegalArgumentException("unexpected argument '" + arg + "'");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            keys.put("cxone.sandbox." + name.replaceFirst("^cxone\\.sandbox\\.", ""), value);
        }
        Binder binder = new Binder(new MapConfigurationPropertySource(keys));
        return binder.bindOrCreate("cxone.sandbox", Bindable.of(SandboxProperties.class),
                new NoUnboundElementsBindHandler(BindHandler.DEFAULT));
    }
}
