package io.guestgateway.platform;

import io.guestgateway.config.GatewayProperties;
import jakarta.servlet.DispatcherType;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.boot.actuate.health.HealthEndpoint;
import org.springframework.boot.actuate.info.InfoEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;

/**
 * One administrator ({@code gateway.admin.*}) for the admin API, Hawtio and Jolokia. Only health,
 * info and the Prometheus scrape are open, so probes and scrapers need no credentials. A browser
 * that is not logged in is sent to the login form, and from there back to Hawtio.
 */
@Configuration
public class SecurityConfiguration {

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService adminUser(GatewayProperties gateway, PasswordEncoder encoder) {
        GatewayProperties.Admin admin = gateway.admin();
        return new InMemoryUserDetailsManager(User.withUsername(admin.username())
                .password(encoder.encode(admin.password()))
                .roles("ADMIN")
                .build());
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                        // the error page reports a refusal (403 for a missing CSRF token) as it is,
                        // instead of turning it into a 401 of its own
                        .dispatcherTypeMatchers(DispatcherType.ERROR).permitAll()
                        .requestMatchers(EndpointRequest.to(HealthEndpoint.class, InfoEndpoint.class)).permitAll()
                        .requestMatchers(EndpointRequest.toAnyEndpoint().excluding("prometheus")).hasRole("ADMIN")
                        .requestMatchers(EndpointRequest.to("prometheus")).permitAll()
                        .anyRequest().hasRole("ADMIN"))
                .httpBasic(Customizer.withDefaults())
                .formLogin(Customizer.withDefaults())
                .csrf(csrf -> csrf
                        // the admin API is called by scripts with basic auth, not by browser forms
                        .ignoringRequestMatchers("/admin/**")
                        // Hawtio's JavaScript posts to Jolokia with the token it reads from a cookie
                        .csrfTokenRepository(ConsoleCsrf.cookieRepository())
                        .csrfTokenRequestHandler(ConsoleCsrf.requestHandler()))
                .addFilterAfter(ConsoleCsrf.cookieFilter(), BasicAuthenticationFilter.class);
        return http.build();
    }
}
