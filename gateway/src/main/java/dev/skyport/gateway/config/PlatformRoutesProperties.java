package dev.skyport.gateway.config;

import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code skyport.gateway.platform}: where the platform paths go. The platform routes in
 * {@code application.yaml} read these keys through placeholders; this record declares them, so they are
 * bound (a value that is not a URI stops start-up) and listed with the other settings (the Helm chart's
 * tests bind what the chart passes against the gateway's settings records).
 *
 * @param controllerUri where {@code /_controller/**} goes (the build farm's API)
 * @param templatesUri  where {@code /_templates/**} goes (the template catalog)
 */
@ConfigurationProperties("skyport.gateway.platform")
public record PlatformRoutesProperties(
        @DefaultValue("http://127.0.0.1:8090") URI controllerUri,
        @DefaultValue("http://127.0.0.1:8082") URI templatesUri) {
}
