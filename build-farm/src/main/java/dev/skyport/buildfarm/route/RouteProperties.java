package dev.skyport.buildfarm.route;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How routes are shown to people.
 *
 * @param publicUrl the gateway's public base URL, used for a microservice's {@code route.url}; {@code {app}}
 *                  is replaced by the app name (for {@code https://{app}.apps.example.com})
 */
@ConfigurationProperties("skyport.build-farm.routes")
public record RouteProperties(@DefaultValue("http://127.0.0.1:8080") String publicUrl) {

    /** The public URL of a prefix: {@code http://127.0.0.1:8080/api/}. */
    public String urlOf(String app, String prefix) {
        String base = publicUrl.replace("{app}", app);
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + ("/".equals(prefix) ? "/" : prefix + "/");
    }
}
