package io.guestgateway.support;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.spi.core.security.ActiveMQSecurityManagerImpl;

/**
 * The external broker of deploy/broker.xml in a process of its own, as replicas meet it in
 * production: {@code java -cp <test class path> io.guestgateway.support.StandaloneBroker
 * deploy/broker.xml} with {@code -Dartemis.data}, {@code -Dartemis.host}, {@code -Dartemis.port}
 * and two users, {@code -Dbroker.gateway-password} (role "gateway") and
 * {@code -Dbroker.admin-password} (role "admin"), standing in for the instance's login module.
 * Runs until killed; prints {@value #STARTED} once it accepts connections.
 */
public final class StandaloneBroker {

    static final String STARTED = "broker started";
    static final String GATEWAY_USER = "gateway";
    static final String ADMIN_USER = "admin";

    private StandaloneBroker() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: StandaloneBroker <broker.xml>");
            System.exit(2);
        }
        ActiveMQSecurityManagerImpl users = new ActiveMQSecurityManagerImpl();
        users.getConfiguration().addUser(GATEWAY_USER, System.getProperty("broker.gateway-password"));
        users.getConfiguration().addRole(GATEWAY_USER, "gateway");
        users.getConfiguration().addUser(ADMIN_USER, System.getProperty("broker.admin-password"));
        users.getConfiguration().addRole(ADMIN_USER, "admin");
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ()
                .setConfigResourcePath(Path.of(args[0]).toAbsolutePath().toUri().toString())
                .setSecurityManager(users);
        broker.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.stop();
            } catch (Exception e) {
                System.err.println("broker stop: " + e);
            }
        }));
        System.out.println(STARTED);
        new CountDownLatch(1).await();
    }
}
