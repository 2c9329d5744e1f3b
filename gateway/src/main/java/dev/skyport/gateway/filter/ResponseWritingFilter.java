package dev.skyport.gateway.filter;

import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.filter.NettyWriteResponseFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.MediaType;

/**
 * Spring Cloud Gateway's response-writing filter, given exactly the header filters of
 * {@link ProxyHeadersFilter} instead of every HttpHeadersFilter bean in the context.
 */
public final class ResponseWritingFilter {

    private ResponseWritingFilter() {
    }

    public static NettyWriteResponseFilter create(List<MediaType> streamingMediaTypes,
            List<HttpHeadersFilter> headerFilters) {
        return new NettyWriteResponseFilter(streamingMediaTypes, (ObjectProvider<List<HttpHeadersFilter>>) null) {
            @Override
            public List<HttpHeadersFilter> getHeadersFilters() {
                return headerFilters;
            }
        };
    }
}
