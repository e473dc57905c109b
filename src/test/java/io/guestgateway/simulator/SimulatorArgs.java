package io.guestgateway.simulator;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The command line of {@code simulate}: {@code --name value} or {@code --name=value}. */
final class SimulatorArgs {

    static final String USAGE = """
            Usage: bin/simulate [options]

            Sends guest traffic in the CXone Web Messaging schema to a WebSocket (the embedded sandbox by
            default), the way guests reach the gateway. Progress goes to stderr, a summary table to stdout.

              --guests N              guests, each with its own conversation and fingerprint (10)
              --messages-per-guest N  messages each guest sends (3)
              --rate R                frames per second over all connections, 0 = as fast as possible (0)
              --connections N         WebSocket connections to spread the guests over (4)
              --bots N                flooding bots (0)
              --bot-messages N        messages per bot, all with the bot's one fingerprint (100)
              --malformed F           extra broken frames, share 0..1 of guest+bot frames (0)
              --outbound F            extra agent replies (direction outbound), share 0..1 of guest+bot frames (0)
              --seed S                same seed and options, same frames (random; the summary shows it)
              --queues a,b            queue ids guests pick from (general-support,billing,sales)
              --api-base URL          token endpoint base (http://127.0.0.1:8089)
              --ws-url URL            WebSocket URL (ws://127.0.0.1:8089/webchat/v1/ws)
              --client-id ID          OAuth client id (sandbox-client)
              --client-secret SECRET  OAuth client secret (sandbox-secret)
              --timeout SECONDS       bound on token, connect and auth (10)
              --help                  this text

            Exit codes: 0 done, 1 could not get a token, connect, authenticate or finish, 2 bad options.
            """;

    private SimulatorArgs() {}

    static boolean wantsHelp(List<String> args) {
        return args.contains("--help") || args.contains("-h");
    }

    static SimulatorOptions parse(SimulatorOptions defaults, List<String> args) {
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--")) {
                throw new UsageException("unexpected argument '" + printable(arg) + "'");
            }
            int eq = arg.indexOf('=');
            if (eq > 0) {
                values.put(arg.substring(0, eq), arg.substring(eq + 1));
            } else if (i + 1 < args.size() && !args.get(i + 1).startsWith("--")) {
                values.put(arg, args.get(++i));
            } else {
                throw new UsageException(arg + " needs a value");
            }
        }
        SimulatorOptions o = defaults;
        URI api = o.apiBase();
        URI ws = o.wsUrl();
        String id = o.clientId();
        String secret = o.clientSecret();
        for (Map.Entry<String, String> option : values.entrySet()) {
            String name = option.getKey();
            String value = option.getValue();
            switch (name) {
                case "--guests" -> o = o.withTraffic(integer(name, value), o.messagesPerGuest());
                case "--messages-per-guest" -> o = o.withTraffic(o.guests(), integer(name, value));
                case "--rate" -> o = o.withRate(number(name, value));
                case "--connections" -> o = o.withConnections(integer(name, value));
                case "--bots" -> o = o.withBots(integer(name, value), o.botMessages());
                case "--bot-messages" -> o = o.withBots(o.bots(), integer(name, value));
                case "--malformed" -> o = o.withExtras(number(name, value), o.outbound());
                case "--outbound" -> o = o.withExtras(o.malformed(), number(name, value));
                case "--seed" -> o = o.withSeed(longInteger(name, value));
                case "--queues" -> o = o.withQueues(Arrays.stream(value.split(",")).map(String::trim).toList());
                case "--api-base" -> api = uri(name, value);
                case "--ws-url" -> ws = uri(name, value);
                case "--client-id" -> id = value;
                case "--client-secret" -> secret = value;
                case "--timeout" -> o = o.withTimeout(Duration.ofMillis(Math.round(number(name, value) * 1000)));
                default -> throw new UsageException("unknown option " + printable(name));
            }
        }
        return o.withTarget(api, ws, id, secret);
    }

    private static int integer(String name, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs a whole number, not '" + printable(value) + "'");
        }
    }

    private static long longInteger(String name, String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs a whole number, not '" + printable(value) + "'");
        }
    }

    private static double number(String name, String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(name + " needs a number, not '" + printable(value) + "'");
        }
    }

    private static URI uri(String name, String value) {
        try {
            return URI.create(value.trim());
        } catch (IllegalArgumentException e) {
            throw new UsageException(name + " is not a URL: '" + printable(value) + "'");
        }
    }

    /** Echoes user input short and without control characters. */
    static String printable(String s) {
        String clean = s.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 60 ? clean.substring(0, 60) + "…" : clean;
    }
}
