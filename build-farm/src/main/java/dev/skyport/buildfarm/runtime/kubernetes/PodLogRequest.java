package dev.skyport.buildfarm.runtime.kubernetes;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * {@code GET /api/v1/namespaces/<namespace>/pods/<pod>/log} of the app container, always with the
 * kubelet's timestamps (they give each line its time and let a re-opened stream resume).
 *
 * @param sinceTime only lines at or after this time; null for all
 * @param tailLines only the last this many lines; null for all
 */
record PodLogRequest(String pod, boolean follow, Instant sinceTime, Integer tailLines) {

    URI uri(String masterUrl, String namespace) {
        StringBuilder uri = new StringBuilder(masterUrl.endsWith("/") ? masterUrl : masterUrl + "/")
                .append("api/v1/namespaces/").append(namespace).append("/pods/").append(pod)
                .append("/log?container=").append(InstanceObjects.CONTAINER).append("&timestamps=true");
        if (follow) {
            uri.append("&follow=true");
        }
        if (sinceTime != null) {
            uri.append("&sinceTime=").append(URLEncoder.encode(DateTimeFormatter.ISO_INSTANT.format(sinceTime),
                    StandardCharsets.UTF_8));
        }
        if (tailLines != null) {
            uri.append("&tailLines=").append(tailLines);
        }
        return URI.create(uri.toString());
    }
}
