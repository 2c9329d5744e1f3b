package dev.skyport.buildfarm.testing;

import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * Gives each test build farm its own Reactor Netty event loops and connection pool. By default a Spring
 * Boot application uses Reactor Netty's global resources and disposes them when its context closes: in a
 * JVM where the shared farm ({@link FastFarm}) lives on, closing or restarting any other farm would stop
 * the shared farm's HTTP server with it (connection refused from then on).
 *
 * <p>Added as a source by {@link TestBuildFarm} only (not a {@code @Configuration}, so component scanning
 * never picks it up); Spring Boot's own factory backs off because this bean exists.
 */
class OwnNettyResources {

    @Bean
    ReactorResourceFactory reactorResourceFactory() {
        ReactorResourceFactory factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        // Requests are over when the context closes (graceful shutdown): no need for the 2 s default.
        factory.setShutdownQuietPeriod(Duration.ofMillis(100));
        return factory;
    }
}
