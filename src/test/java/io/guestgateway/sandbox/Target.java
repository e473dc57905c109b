package io.guestgateway.sandbox;

/** The sandbox endpoints that have their own fault knobs. */
public enum Target {
    /** {@code POST /oauth/v2/token} (docs/cxone-contract.md §1 allows it a 429 with Retry-After) */
    TOKEN("token"),
    /** {@code POST /api/v2/routing/conversations} */
    ROUTING("routing"),
    /** {@code POST /crm/batch} */
    CRM("crm");

    private final String pathName;

    Target(String pathName) {
        this.pathName = pathName;
    }

    /** The name used in the admin API ({@code /sandbox/faults/routing}). */
    public String pathName() {
        return pathName;
    }

    /** The target whose {@link #pathName()} is {@code name}, or {@code null}. */
    public static Target fromPathName(String name) {
        for (Target t : values()) {
            if (t.pathName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
