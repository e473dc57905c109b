package io.guestgateway.routing;

/**
 * Why one Task Routing call did not route its conversation. The message is safe to log: it holds
 * the status and CXone's short, escaped reason, never a token or the guest's text.
 */
public abstract class RoutingFailure extends RuntimeException {

    /** Status used when the call got no HTTP answer at all. */
    public static final int NO_ANSWER = 0;

    private final int status;

    protected RoutingFailure(int status, String reason) {
        super(reason);
        this.status = status;
    }

    /** The HTTP status CXone answered, or {@link #NO_ANSWER}. */
    public int status() {
        return status;
    }
}
