package dev.skyport.cli.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * What {@code GET .../microservices/{name}/logs} is asked for.
 *
 * @param follow keep the stream open for new lines
 * @param since  a duration ({@code 10m}) or an RFC 3339 time; null for the build farm's default
 * @param tail   the last lines per instance to start with; null for the build farm's default
 */
public record InstanceLogQuery(boolean follow, String since, Integer tail) {

    /** The query string, without {@code ?}; {@code since} is encoded since an offset holds {@code +}. */
    public String queryString() {
        StringBuilder query = new StringBuilder("follow=").append(follow);
        if (since != null) {
            query.append("&since=").append(URLEncoder.encode(since, StandardCharsets.UTF_8));
        }
        if (tail != null) {
            query.append("&tail=").append(tail);
        }
        return query.toString();
    }
}
