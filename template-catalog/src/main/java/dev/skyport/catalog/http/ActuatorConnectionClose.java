package dev.skyport.catalog.http;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import reactor.core.publisher.Mono;

/**
 * Actuator answers ({@code /actuator/health}, {@code /actuator/prometheus}, ...) close their connection.
 *
 * <p>Actuator answers from a worker thread, so Reactor Netty is still finishing that exchange when a
 * fast client sends its next request on the same kept-alive connection. Reactor Netty 1.3.6 queues
 * that request, and when the queued request is answered at once (every catalog API answer is) it
 * forgets to read from the connection again: the request after it is never answered
 * (reactor/reactor-netty#4361). Closing the connection after each Actuator answer means no request
 * ever follows one on the same connection; a probe or a scrape every few seconds hardly notices the
 * new connection. Remove this once the Spring Boot BOM brings a Reactor Netty with that fix.
 */
@Component
public class ActuatorConnectionClose implements WebFilter {

    private final String actuatorPath;

    public ActuatorConnectionClose(@Value("${management.endpoints.web.base-path:/actuator}") String actuatorBasePath) {
        this.actuatorPath = actuatorBasePath.endsWith("/") ? actuatorBasePath : actuatorBasePath + "/";
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (path.startsWith(actuatorPath) || path.equals(actuatorPath.substring(0, actuatorPath.length() - 1))) {
            exchange.getResponse().getHeaders().set(HttpHeaders.CONNECTION, "close");
        }
        return chain.filter(exchange);
    }
}
