package io.guestgateway.support;

import io.guestgateway.sandbox.CxoneSandbox;
import java.util.LinkedHashMap;
import java.util.Map;

/** The settings that point a gateway at a test's sandbox as it would point at CXone (its own sandbox off). */
public final class SandboxAsCxone {

    private SandboxAsCxone() {}

    /** The routes from {@code routesPattern}, the sandbox's URLs and client, CRM batches closed every second. */
    public static Map<String, String> properties(CxoneSandbox sandbox, String routesPattern) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("camel.main.routes-include-pattern", routesPattern);
        p.put("cxone.sandbox.enabled", "false");
        p.put("cxone.api-base", sandbox.apiBase());
        p.put("cxone.ws-url", sandbox.wsUrl());
        p.put("cxone.client-id", "sandbox-client");
        p.put("cxone.client-secret", "sandbox-secret");
        p.put("crm.url", sandbox.crmUrl());
        p.put("crm.flush-interval", "1s");
        return p;
    }
}
