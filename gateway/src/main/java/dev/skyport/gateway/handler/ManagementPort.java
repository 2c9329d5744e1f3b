package dev.skyport.gateway.handler;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * The port Actuator actually listens on when it has its own. Handler mappings of the main context also see
 * management requests, so they must let those pass.
 */
public final class ManagementPort implements ApplicationListener<WebServerInitializedEvent> {

    private volatile int port = -1;

    @Override
    public void onApplicationEvent(WebServerInitializedEvent event) {
        if ("management".equals(event.getApplicationContext().getServerNamespace())) {
            port = event.getWebServer().getPort();
        }
    }

    /** The actual port, or -1 while unknown or when Actuator shares the main port. */
    public int port() {
        return port;
    }

    public boolean is(int localPort) {
        return localPort == port;
    }
}
