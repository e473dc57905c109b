package io.guestgateway;

import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Runs the gateway; {@code java -jar gateway.jar simulate [options]} runs the guest simulator
 * instead, without starting Spring.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GatewayApplication {

    public static void main(String[] args) {
        if (args.length > 0 && "simulate".equals(args[0])) {
            System.exit(io.guestgateway.simulator.SimulatorCommand.run(Arrays.copyOfRange(args, 1, args.length)));
        }
        SpringApplication.run(GatewayApplication.class, args);
    }
}
