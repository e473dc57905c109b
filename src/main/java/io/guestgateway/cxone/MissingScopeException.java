package io.guestgateway.cxone;

import java.util.List;

/** CXone issued a token, but without a scope the gateway cannot work without. */
public class MissingScopeException extends CxoneTokenException {

    private final List<String> missing;

    public MissingScopeException(String message, List<String> missing) {
        super(message, null);
        this.missing = List.copyOf(missing);
    }

    /** The required scopes the granted set lacks, e.g. {@code [routing:write]}. */
    public List<String> missing() {
        return missing;
    }

    @Override
    public boolean fatal() {
        return true;
    }
}
