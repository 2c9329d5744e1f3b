package dev.skyport.gateway.filter;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ORIGINAL_REQUEST_URL_ATTR;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;

/**
 * Sets {@code X-Forwarded-Host}, {@code -Proto}, {@code -For} and {@code -Prefix} on every forwarded request.
 *
 * <p>Spring Cloud Gateway's own X-Forwarded filter adds nothing at all for a peer outside its trusted proxies,
 * so clients that reach the gateway directly would reach upstreams with no forwarded headers. Here every
 * request gets them; what a peer sent is kept (and extended) only when that peer is a trusted proxy.
 * It runs after Spring Cloud Gateway's RemoveXForwardedHeadersFilter (order 0), which drops incoming ones.
 */
public final class ForwardedHeadersFilter implements HttpHeadersFilter, Ordered {

    static final String HOST = "X-Forwarded-Host";
    static final String PROTO = "X-Forwarded-Proto";
    static final String FOR = "X-Forwarded-For";
    static final String PREFIX = "X-Forwarded-Prefix";

    private final Pattern trustedProxies;

    /** @param trustedProxies peers whose own X-Forwarded-* headers are believed; null trusts none */
    public ForwardedHeadersFilter(Pattern trustedProxies) {
        this.trustedProxies = trustedProxies;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        HttpHeaders incoming = request.getHeaders();
        InetSocketAddress peer = request.getRemoteAddress();
        String peerAddress = peer == null ? null : peer.getAddress() == null ? peer.getHostString()
                : peer.getAddress().getHostAddress();
        boolean trusted = trustedProxies != null && peerAddress != null && trustedProxies.matcher(peerAddress).matches();

        HttpHeaders out = new HttpHeaders();
        out.addAll(input);
        out.set(HOST, trusted && incoming.containsHeader(HOST) ? incoming.getFirst(HOST) : hostOf(request));
        out.set(PROTO, trusted && incoming.containsHeader(PROTO) ? incoming.getFirst(PROTO) : request.getURI().getScheme());
        String forwardedFor = trusted ? String.join(", ", incoming.getOrEmpty(FOR)) : "";
        if (peerAddress != null) {
            forwardedFor = forwardedFor.isEmpty() ? peerAddress : forwardedFor + ", " + peerAddress;
        }
        if (!forwardedFor.isEmpty()) {
            out.set(FOR, forwardedFor);
        }
        String prefix = strippedPrefix(exchange);
        String outerPrefix = trusted ? incoming.getFirst(PREFIX) : null;
        if (prefix != null || outerPrefix != null) {
            out.set(PREFIX, join(outerPrefix, prefix));
        }
        return out;
    }

    private static String hostOf(ServerHttpRequest request) {
        String host = request.getHeaders().getFirst(HttpHeaders.HOST);
        return host != null ? host : request.getURI().getAuthority();
    }

    /** The part of the original path a filter removed, e.g. {@code /api} for {@code /api/login} → {@code /login}. */
    static String strippedPrefix(ServerWebExchange exchange) {
        Set<URI> originals = exchange.getAttribute(GATEWAY_ORIGINAL_REQUEST_URL_ATTR);
        if (originals == null || originals.isEmpty()) {
            return null;
        }
        String original = originals.iterator().next().getRawPath();
        String current = exchange.getRequest().getURI().getRawPath();
        String prefix;
        if (original.endsWith(current)) {
            prefix = original.substring(0, original.length() - current.length());
        } else if (current.equals("/")) {
            prefix = original; // "/api" forwarded as "/"
        } else {
            return null;
        }
        while (prefix.endsWith("/")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        return prefix.isEmpty() ? null : prefix;
    }

    private static String join(String outer, String inner) {
        if (outer == null || outer.isEmpty() || outer.equals("/")) {
            return inner;
        }
        String o = outer.endsWith("/") ? outer.substring(0, outer.length() - 1) : outer;
        return inner == null ? o : o + inner;
    }

    @Override
    public int getOrder() {
        return 1;
    }
}
