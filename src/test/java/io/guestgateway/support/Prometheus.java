package io.guestgateway.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a gateway's {@code /actuator/prometheus} over HTTP, e.g. a gateway in a child JVM. */
public final class Prometheus {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Prometheus() {}

    /** A metric summed over its series, or -1 while the gateway does not answer or lacks it. */
    public static double metric(int httpPort, String name) {
        return metric(httpPort, name, "");
    }

    /** As {@link #metric(int, String)}, over the series whose labels include {@code label}, e.g. {@code outcome="routed"}. */
    public static double metric(int httpPort, String name, String label) {
        try {
            String text = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                    + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(text);
            double sum = 0;
            boolean found = false;
            while (m.find()) {
                if (!label.isEmpty() && (m.group(1) == null || !m.group(1).contains(label))) {
                    continue;
                }
                sum += Double.parseDouble(m.group(2));
                found = true;
            }
            return found ? sum : -1;
        } catch (Exception e) {
            return -1;
        }
    }
}
