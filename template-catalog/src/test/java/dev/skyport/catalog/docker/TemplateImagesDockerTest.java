package dev.skyport.catalog.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.github.dockerjava.api.command.InspectImageResponse;

import dev.skyport.catalog.catalog.TemplateVersion;
import dev.skyport.catalog.testing.ShippedTemplates;
import dev.skyport.testing.DevServices;

/**
 * Templates as the catalog serves them, merged with a tiny app, built by the real Docker Engine on
 * a local stand-in of their official base image (nothing can be pulled here), answer HTTP on the
 * PORT they are given, as a non-root user that owns /app, with provenance labels.
 *
 * <p>Node.js 20 is the Node on this machine. Python 3.11 is the machine's python3; 2.7 (the oldest
 * template) and 3.13 (the default) come from pyenv. docs/template-catalog.md says which templates
 * cannot be exercised here and why.
 */
class TemplateImagesDockerTest {

    /** Not the templates' default 8080, so an answer proves PORT is honoured. */
    private static final int PORT = 9090;

    private static final Pattern FROM = Pattern.compile("(?m)^FROM (\\S+)$");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void nodejs20InstallsWithNpmCiAndAnswersOnPortAsTheNodeUser() {
        TemplateVersion template = ShippedTemplates.catalog(LocalDate.now()).template("nodejs", "20");

        String body = buildRunAndGet(template, StandInBaseImages.node("20"), "nodejs", "skyport: package-lock.json found: npm ci", "node");

        assertThat(body).matches("hello from node v20\\.\\d+\\.\\d+ as uid 1000 on port " + PORT + ", app directory writable: true\n");
    }

    /**
     * 2.7, 3.11 and 3.13 by default, which bounds the Docker work; {@code -Dskyport.test.python-versions=2.7,3.6,...}
     * runs others whose Python this machine has.
     */
    static List<String> pythonVersions() {
        return List.of(System.getProperty("skyport.test.python-versions", "2.7,3.11,3.13").split(","));
    }

    @ParameterizedTest(name = "python {0}")
    @MethodSource("pythonVersions")
    void pythonInstallsRequirementsAndAnswersOnPortAsTheAppUser(String version) {
        TemplateVersion template = ShippedTemplates.catalog(LocalDate.now()).template("python", version);

        String body = buildRunAndGet(template, StandInBaseImages.python(version), "python",
                "skyport: requirements.txt found: pip install -r requirements.txt", "app");

        assertThat(body).matches("hello from python " + Pattern.quote(version) + "\\.\\d+ as uid 10001 on port " + PORT
                + ", app directory writable: true\n");
    }

    private String buildRunAndGet(TemplateVersion template, RootFs standIn, String sampleApp, String installLine, String user) {
        byte[] tarball = template.tarball().bytes();
        String imageTag = "skyport-template-test/" + template.runtime() + ":" + template.version().replace('.', '-') + "-"
                + Long.toHexString(System.nanoTime()).toLowerCase(Locale.ROOT);

        try (DockerSession docker = new DockerSession(DevServices.get().dockerHost())) {
            docker.importImage(standIn, baseImageOf(tarball));
            byte[] context = BuildContext.merge(tarball, Path.of("src/test/resources/sample-apps", sampleApp));
            DockerSession.Build build = docker.build(context, imageTag, Map.of("SKYPORT_TEMPLATE_DIGEST", "sha256:" + template.sha256()));

            assertThat(build.log()).contains(installLine);
            InspectImageResponse image = docker.inspect(build.imageId());
            assertThat(image.getConfig().getLabels())
                    .containsEntry("dev.skyport.template.runtime", template.runtime())
                    .containsEntry("dev.skyport.template.version", template.version())
                    .containsEntry("dev.skyport.template.digest", "sha256:" + template.sha256());
            assertThat(image.getConfig().getUser()).isEqualTo(user);

            DockerSession.Container container = docker.run(build.imageId(), Map.of("PORT", String.valueOf(PORT)), PORT);
            try {
                return awaitAnswer(container.hostPort());
            } catch (RuntimeException e) {
                throw new AssertionError(template.runtime() + "/" + template.version() + " never answered on 127.0.0.1:"
                        + container.hostPort() + "; container log:\n" + docker.logs(container.id()), e);
            }
        }
    }

    private String awaitAnswer(int hostPort) {
        AtomicReference<String> body = new AtomicReference<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + hostPort + "/")).timeout(Duration.ofSeconds(5)).build();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            body.set(response.body());
            return response.statusCode() == 200;
        });
        return body.get();
    }

    /** The base image the template's Dockerfile names: the stand-in is tagged exactly so. */
    private static String baseImageOf(byte[] tarball) {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(new ByteArrayInputStream(tarball)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.getName().equals("Dockerfile")) {
                    Matcher from = FROM.matcher(new String(tar.readAllBytes(), StandardCharsets.UTF_8));
                    assertThat(from.find()).as("the template's Dockerfile has a FROM line").isTrue();
                    return from.group(1);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new AssertionError("the template's tarball has no Dockerfile");
    }
}
