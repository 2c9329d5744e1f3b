package dev.skyport.gateway.filter;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_ORIGINAL_REQUEST_URL_ATTR;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.support.Netty4HeadersAdapter;
import org.springframework.web.server.ServerWebExchange;

/**
 * Every header rule of the proxy hop in one pass, instead of Spring Cloud Gateway's chain of header filters
 * that each copy all headers:
 * <ul>
 *   <li>hop-by-hop headers (and the ones {@code Connection} names) stay on their hop, in both directions;
 *   <li>a {@code Content-Length} beside {@code Transfer-Encoding: chunked} is dropped (request smuggling);
 *   <li>{@code X-Forwarded-Host/Proto/For/Prefix} are set for every request. Stock Spring Cloud Gateway adds
 *       none at all for a client outside its trusted proxies; here what a peer sent is kept and extended
 *       only when that peer is a trusted proxy, and replaced otherwise. {@code Forwarded} is dropped.
 * </ul>
 */
public final class ProxyHeadersFilter implements HttpHeadersFilter {

    static final String HOST = "X-Forwarded-Host";
    static final String PROTO = "X-Forwarded-Proto";
    static final String FOR = "X-Forwarded-For";
    static final String PREFIX = "X-Forwarded-Prefix";

    private static final Set<String> HOP_BY_HOP = caseInsensitive(List.of("connection", "keep-alive",
            "transfer-encoding", "te", "trailer", "proxy-authorization", "proxy-authenticate", "proxy-connection",
            "upgrade", "x-application-context"));

    private final Type direction;
    private final Pattern trustedProxies;

    private ProxyHeadersFilter(Type direction, Pattern trustedProxies) {
        this.direction = direction;
        this.trustedProxies = trustedProxies;
    }

    /** @param trustedProxies peers whose own X-Forwarded-* headers are believed; null trusts none */
    public static ProxyHeadersFilter requests(Pattern trustedProxies) {
        return new ProxyHeadersFilter(Type.REQUEST, trustedProxies);
    }

    public static ProxyHeadersFilter responses() {
        return new ProxyHeadersFilter(Type.RESPONSE, null);
    }

    @Override
    public boolean supports(Type type) {
        return type == direction;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        DefaultHttpHeaders out = new DefaultHttpHeaders();
        copy(input, exchange, out);
        return new HttpHeaders(new Netty4HeadersAdapter(out));
    }

    /** Applies this direction's rules to {@code input}, writing what passes (and X-Forwarded-*) to {@code out}. */
    public void copy(HttpHeaders input, ServerWebExchange exchange, io.netty.handler.codec.http.HttpHeaders out) {
        Set<String> connectionListed = connectionOptions(input.get(HttpHeaders.CONNECTION));
        boolean dropContentLength = direction == Type.REQUEST && isChunked(input);
        boolean request = direction == Type.REQUEST;
        // forEach walks the underlying headers; headerSet() on read-only headers builds a copy first
        input.forEach((name, values) -> {
            if (HOP_BY_HOP.contains(name) || connectionListed.contains(name)
                    || request && (isForwarded(name) || dropContentLength
                            && name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH))) {
                return;
            }
            out.add(name, values);
        });
        if (direction == Type.REQUEST) {
            addForwarded(out, exchange);
        }
    }

    /**
     * The response rules, from an upstream response's Netty headers straight into the response to the client,
     * without the intermediate maps that {@link #filter} builds.
     */
    public static void copyResponse(io.netty.handler.codec.http.HttpHeaders upstream, HttpHeaders out) {
        Set<String> connectionListed = connectionOptions(upstream.getAll(HttpHeaders.CONNECTION));
        for (java.util.Map.Entry<String, String> header : upstream) {
            String name = header.getKey();
            if (!HOP_BY_HOP.contains(name) && !connectionListed.contains(name)) {
                out.add(name, header.getValue());
            }
        }
    }

    private void addForwarded(io.netty.handler.codec.http.HttpHeaders out, ServerWebExchange exchange) {
        ServerHttpRequest request = exchange.getRequest();
        HttpHeaders incoming = request.getHeaders();
        InetSocketAddress peer = request.getRemoteAddress();
        String peerAddress = peer == null ? null
                : peer.getAddress() == null ? peer.getHostString() : peer.getAddress().getHostAddress();
        boolean trusted = trustedProxies != null && peerAddress != null && trustedProxies.matcher(peerAddress).matches();

        String host = trusted ? incoming.getFirst(HOST) : null;
        if (host == null) {
            host = incoming.getFirst(HttpHeaders.HOST);
        }
        if (host != null) {
            out.set(HOST, host);
        }
        String proto = trusted ? incoming.getFirst(PROTO) : null;
        out.set(PROTO, proto != null ? proto : request.getURI().getScheme());
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
    }

    /** What a filter removed from the path: ours records it; Spring Cloud Gateway's StripPrefix records the original URL. */
    static String strippedPrefix(ServerWebExchange exchange) {
        String ours = exchange.getAttribute(UpstreamUrlFilter.STRIPPED_PREFIX_ATTR);
        if (ours != null) {
            return ours;
        }
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
            prefix = original; // "/_controller" forwarded as "/"
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

    private static boolean isForwarded(String name) {
        return name.equalsIgnoreCase("forwarded") || name.regionMatches(true, 0, "x-forwarded-", 0, 12);
    }

    private static boolean isChunked(HttpHeaders headers) {
        String te = headers.getFirst(HttpHeaders.TRANSFER_ENCODING);
        return te != null && "chunked".equalsIgnoreCase(te.trim()) && headers.containsHeader(HttpHeaders.CONTENT_LENGTH);
    }

    private static Set<String> connectionOptions(List<String> values) {
        if (values == null || values.isEmpty()) {
            return Set.of();
        }
        Set<String> options = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String value : values) {
            for (String option : value.split(",")) {
                options.add(option.trim());
            }
        }
        return options;
    }

    private static Set<String> caseInsensitive(List<String> names) {
        Set<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        set.addAll(names);
        return Collections.unmodifiableSet(set);
    }
}
