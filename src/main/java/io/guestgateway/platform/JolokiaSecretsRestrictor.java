package io.guestgateway.platform;

import java.util.Set;
import javax.management.ObjectName;
import org.jolokia.server.core.restrictor.AllowAllRestrictor;

/**
 * What the administrator may not read through Jolokia, and so not through Hawtio either: the JVM's
 * system properties and command line, which carry {@code --gateway.admin.password=...} or
 * {@code -Dcxone.client-secret=...} when a secret is passed that way. Everything else stays open to
 * the logged-in administrator (Spring Security keeps everyone else out).
 *
 * <p>Cross-origin pages get no CORS grant: Jolokia would otherwise echo any {@code Origin} with
 * credentials allowed, letting another site read answers with the administrator's browser login.
 */
public class JolokiaSecretsRestrictor extends AllowAllRestrictor {

    private static final String RUNTIME = "java.lang:type=Runtime";
    private static final Set<String> RUNTIME_SECRETS = Set.of("SystemProperties", "InputArguments");
    private static final String DIAGNOSTIC_COMMAND = "com.sun.management:type=DiagnosticCommand";
    /** jcmd VM.system_properties, VM.command_line and VM.info print the same values. */
    private static final Set<String> DIAGNOSTIC_SECRETS = Set.of("vmSystemProperties", "vmCommandLine", "vmInfo");

    @Override
    public boolean isAttributeReadAllowed(ObjectName name, String attribute) {
        return !(RUNTIME.equals(name.getCanonicalName()) && RUNTIME_SECRETS.contains(attribute));
    }

    @Override
    public boolean isOperationAllowed(ObjectName name, String operation) {
        return !(DIAGNOSTIC_COMMAND.equals(name.getCanonicalName()) && DIAGNOSTIC_SECRETS.contains(operation));
    }

    /**
     * Called per request with {@code strict} true (false would reject the request) and for CORS
     * headers with {@code strict} false (false means no {@code Access-Control-Allow-Origin}).
     * Hawtio is served from the same origin and needs no CORS grant.
     */
    @Override
    public boolean isOriginAllowed(String origin, boolean strict) {
        return strict;
    }
}
