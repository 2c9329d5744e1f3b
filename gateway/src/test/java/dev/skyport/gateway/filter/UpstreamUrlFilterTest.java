package dev.skyport.gateway.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

class UpstreamUrlFilterTest {

    @ParameterizedTest(name = "{0} via {1} (strip {2}) -> {3}")
    @CsvSource(delimiter = '|', value = {
        "/api/login|http://up:81|/api|http://up:81/login",
        "/api|http://up:81|/api|http://up:81/",
        "/api/|http://up:81|/api|http://up:81/",
        "/api/a%20b/c?q=x%26y&z|http://up:81|/api|http://up:81/a%20b/c?q=x%26y&z",
        "/api/login|http://up:81/base/|/api|http://up:81/base/login",
        "/api/login|http://up:81||http://up:81/api/login",
    })
    void buildsTheUpstreamUrl(String path, String target, String strip, String expected) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.method(HttpMethod.GET, URI.create(path)));
        new UpstreamUrlFilter(URI.create(target), strip).filter(exchange, e -> Mono.empty()).block();
        URI url = exchange.getAttribute(GATEWAY_REQUEST_URL_ATTR);
        assertThat(url).hasToString(expected);
    }
}
