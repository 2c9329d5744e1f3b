package dev.skyport.gateway.filter;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.MediaType;
import reactor.netty.http.client.HttpClient;

/**
 * Spring Cloud Gateway's Netty routing and response-writing filters, given exactly the header filters of
 * {@link ProxyHeadersFilter} instead of every HttpHeadersFilter bean in the context.
 */
public final class ProxyRoutingFilters {

    private ProxyRoutingFilters() {
    }

    public static NettyRoutingFilter routing(HttpClient httpClient, HttpClientProperties properties,
            List<HttpHeadersFilter> headerFilters) {
        return new NettyRoutingFilter(httpClient, null, properties) {
            @Override
            public List<HttpHeadersFilter> getHeadersFilters() {
                return headerFilters;
            }
        };
    }

    public static NettyWriteResponseFilter writing(List<MediaType> streamingMediaTypes,
            List<HttpHeadersFilter> headerFilters) {
        return new NettyWriteResponseFilter(streamingMediaTypes, (ObjectProvider<List<HttpHeadersFilter>>) null) {
            @Override
            public List<HttpHeadersFilter> getHeadersFilters() {
                return headerFilters;
            }
        };
    }
}
