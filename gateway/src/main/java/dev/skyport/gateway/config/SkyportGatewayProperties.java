package dev.skyport.gateway.config;

import java.time.Duration;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code skyport.gateway}.
 *
 * @param defaultApp      the app that serves any host without a domain mapping; empty for none
 * @param appsDomain      {@code <app>.<apps-domain>} selects the app; empty for none
 * @param resyncInterval  how often the whole routing table is reloaded from Redis, as a safety net
 * @param reconnectDelay  first delay before reconnecting to Redis after a failed connect (doubles up to 10x)
 * @param trustedProxies  regular expression for peer addresses whose X-Forwarded-* headers are kept and
 *                        extended; any other peer's are replaced. Empty: trust nobody
 * @param idleTimeout     a proxied exchange that moves no bytes in either direction for this long is cut (while
 *                        the request body is sent and while the response body is received); 0: no limit
 */
@ConfigurationProperties("skyport.gateway")
public record SkyportGatewayProperties(
        @DefaultValue("") String defaultApp,
        @DefaultValue("") String appsDomain,
        @DefaultValue("30s") Duration resyncInterval,
        @DefaultValue("500ms") Duration reconnectDelay,
        @DefaultValue("") String trustedProxies,
        @DefaultValue("60s") Duration idleTimeout) {

    public Pattern trustedProxiesPattern() {
        return trustedProxies.isBlank() ? null : Pattern.compile(trustedProxies);
    }
}
