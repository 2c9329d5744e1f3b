package dev.skyport.gateway.filter;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class ProxyHeadersFilterTest {

    private static MockServerWebExchange exchange(MockServerHttpRequest.BaseBuilder<?> request) {
        return MockServerWebExchange.from(request.remoteAddress(new InetSocketAddress("10.1.2.3", 5555)));
    }

    @Test
    void dropsHopByHopHeadersAndTheOnesConnectionNames() {
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("http://gw/api/x")
                .header("Connection", "keep-alive, X-Secret-Hop")
                .header("Keep-Alive", "timeout=5")
                .header("X-Secret-Hop", "1")
                .header("Proxy-Authorization", "Basic abc")
                .header("TE", "trailers")
                .header("Accept", "application/json"));
        HttpHeaders out = ProxyHeadersFilter.requests(null).filter(exchange.getRequest().getHeaders(), exchange);
        assertThat(out.headerNames()).doesNotContain("Connection", "Keep-Alive", "X-Secret-Hop",
                "Proxy-Authorization", "TE");
        assertThat(out.getFirst("Accept")).isEqualTo("application/json");
    }

    @Test
    void dropsContentLengthBesideChunkedTransferEncoding() {
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.post("http://gw/api")
                .header("Transfer-Encoding", "chunked").header("Content-Length", "5"));
        HttpHeaders out = ProxyHeadersFilter.requests(null).filter(exchange.getRequest().getHeaders(), exchange);
        assertThat(out.containsHeader("Content-Length")).isFalse();
        assertThat(out.containsHeader("Transfer-Encoding")).isFalse();
    }

    @Test
    void replacesForwardedHeadersOfAnUntrustedPeer() {
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("https://shop.example/api/login")
                .header("Host", "shop.example")
                .header("Forwarded", "for=6.6.6.6")
                .header("X-Forwarded-For", "6.6.6.6")
                .header("X-Forwarded-Proto", "http")
                .header("X-Forwarded-Prefix", "/evil"));
        exchange.getAttributes().put(UpstreamUrlFilter.STRIPPED_PREFIX_ATTR, "/api");
        HttpHeaders out = ProxyHeadersFilter.requests(null).filter(exchange.getRequest().getHeaders(), exchange);
        assertThat(out.containsHeader("Forwarded")).isFalse();
        assertThat(out.getFirst("X-Forwarded-For")).isEqualTo("10.1.2.3");
        assertThat(out.getFirst("X-Forwarded-Proto")).isEqualTo("https");
        assertThat(out.getFirst("X-Forwarded-Host")).isEqualTo("shop.example");
        assertThat(out.getFirst("X-Forwarded-Prefix")).isEqualTo("/api");
    }

    @Test
    void extendsForwardedHeadersOfATrustedProxy() {
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("http://gw/api/login")
                .header("Host", "internal:8080")
                .header("X-Forwarded-For", "203.0.113.7")
                .header("X-Forwarded-Host", "shop.example")
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Prefix", "/edge/"));
        exchange.getAttributes().put(UpstreamUrlFilter.STRIPPED_PREFIX_ATTR, "/api");
        HttpHeaders out = ProxyHeadersFilter.requests(Pattern.compile("10\\.1\\..*"))
                .filter(exchange.getRequest().getHeaders(), exchange);
        assertThat(out.getFirst("X-Forwarded-For")).isEqualTo("203.0.113.7, 10.1.2.3");
        assertThat(out.getFirst("X-Forwarded-Host")).isEqualTo("shop.example");
        assertThat(out.getFirst("X-Forwarded-Proto")).isEqualTo("https");
        assertThat(out.getFirst("X-Forwarded-Prefix")).isEqualTo("/edge/api");
    }

    @Test
    void responsesLoseHopByHopHeadersOnly() {
        HttpHeaders upstream = new HttpHeaders();
        upstream.add("Connection", "close");
        upstream.add("Transfer-Encoding", "chunked");
        upstream.add("X-Forwarded-For", "kept: responses are not requests");
        upstream.add("Content-Type", "text/plain");
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.get("http://gw/"));
        HttpHeaders out = ProxyHeadersFilter.responses().filter(upstream, exchange);
        assertThat(out.headerNames()).containsExactlyInAnyOrder("X-Forwarded-For", "Content-Type");
    }

    @Test
    void anUpstreamResponseGoesStraightFromNettyHeadersToTheResponseWithTheSameRules() {
        io.netty.handler.codec.http.HttpHeaders upstream = new io.netty.handler.codec.http.DefaultHttpHeaders();
        upstream.add("Connection", "keep-alive, X-Hop");
        upstream.add("Keep-Alive", "timeout=5");
        upstream.add("X-Hop", "1");
        upstream.add("Transfer-Encoding", "chunked");
        upstream.add("Set-Cookie", "a=1");
        upstream.add("Set-Cookie", "b=2");
        upstream.add("Content-Type", "text/plain");
        HttpHeaders out = new HttpHeaders();

        ProxyHeadersFilter.copyResponse(upstream, out);

        assertThat(out.headerNames()).containsExactlyInAnyOrder("Set-Cookie", "Content-Type");
        assertThat(out.get("Set-Cookie")).containsExactly("a=1", "b=2");
    }
}
