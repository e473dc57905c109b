package io.guestgateway.cxone;

/** Host-name checks shared by the CXone clients. */
public final class Hosts {

    private Hosts() {
    }

    /**
     * True for names that never leave the machine (the sandbox, tests). Plain http:// or ws:// to
     * any other host sends the client secret or the token in clear text, which is worth a warning.
     */
    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(java.util.Locale.ROOT);
        return h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]") || h.equals("::1");
    }
}
