package dev.skyport.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyport.testing.BaseImages;
import dev.skyport.e2e.support.GatewayClient;
import dev.skyport.e2e.support.Platform;
import dev.skyport.e2e.support.Projects;
import dev.skyport.e2e.support.Skycli;
import dev.skyport.testing.DevServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A developer's Dockerfile hunts for the registry credentials and tries to push to the registry while it
 * builds. It finds nothing and pushes nothing, the build still succeeds, and the platform's own push (with
 * the credentials, after the build) is in the registry.
 */
class BuildSecurityIT {

    @Test
    void aBuildHuntingForRegistryCredentialsFindsNoneAndCannotPush() throws Exception {
        BaseImages.ensureBusybox();
        Platform platform = Platform.get();
        GatewayClient http = platform.http();
        Skycli skycli = platform.skycli();
        DevServices services = DevServices.get();
        String registryPort = services.registry().substring(services.registry().indexOf(':') + 1);
        String app = Projects.appName("nosy");
        Path project = Projects.dockerfile(app, "nosy", "/nosy", """
                FROM busybox:1.36
                RUN echo "-- environment --" && env | sort && echo "-- end of environment --"
                RUN find / -xdev \\( -name config.json -o -name '.dockerconfigjson' -o -name htpasswd \\
                      -o -name password -o -name .docker \\) 2>/dev/null | sed 's/^/FOUND /'; \\
                    echo "-- searched the file system --"
                RUN gateway=$(ip route 2>/dev/null | awk '/default/ {print $3}'); \\
                    for host in 127.0.0.1 $gateway; do \\
                      answer=$(printf 'POST /v2/%1$s/nosy/blobs/uploads/ HTTP/1.0\\r\\nContent-Length: 0\\r\\n\\r\\n' \\
                        | nc -w 3 $host %2$s 2>&1 | head -1); \\
                      case "$answer" in *" 202 "*) echo "PUSH STARTED via $host: $answer";; \\
                        *) echo "no push via $host: $answer";; esac; \\
                    done
                COPY index.html /www/index.html
                CMD ["httpd", "-f", "-p", "8080", "-h", "/www"]
                """.formatted(app, registryPort), Map.of("index.html", "built anyway\n"));
        try {
            Skycli.Result deploy = skycli.run(project, "app", "deploy");

            assertThat(deploy.exitCode()).as(deploy.toString()).isZero();
            JsonNode record = http.microservice(app, "nosy");
            List<String> log = http.logLines(app, record.get("currentDeployment").asString());
            assertThat(log).contains("-- end of environment --", "-- searched the file system --")
                    .anyMatch(line -> line.startsWith("no push via 127.0.0.1"))
                    .noneMatch(line -> line.startsWith("FOUND ") || line.startsWith("PUSH STARTED"));
            List<String> environment = log.subList(log.indexOf("-- environment --") + 1, log.indexOf("-- end of environment --"));
            assertThat(environment).noneMatch(line -> line.toUpperCase().contains("REGISTRY")
                    || line.toUpperCase().contains("PASSWORD") || line.toUpperCase().contains("DOCKER"));
            assertThat(String.join("\n", log)).doesNotContain(services.registryPassword());
            assertThat(http.get(app, "/nosy/").body()).isEqualTo("built anyway\n");

            // The platform's push, after the build and with the credentials, is in the registry.
            String image = record.get("image").asString();
            String digest = image.substring(image.indexOf('@') + 1);
            HttpResponse<Void> manifest = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                            "http://" + services.registry() + "/v2/" + app + "/nosy/manifests/" + digest))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                            (services.registryUsername() + ":" + services.registryPassword()).getBytes()))
                    .header("Accept", "application/vnd.docker.distribution.manifest.v2+json")
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            assertThat(manifest.statusCode()).isEqualTo(200);
        } finally {
            skycli.run(project, "app", "delete", "nosy", "--yes");
        }
    }
}
