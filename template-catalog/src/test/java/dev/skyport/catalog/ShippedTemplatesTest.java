package dev.skyport.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.skyport.catalog.catalog.RuntimeTemplates;
import dev.skyport.catalog.catalog.TemplateCatalog;
import dev.skyport.catalog.source.DirectoryTemplates;
import dev.skyport.catalog.source.TemplateLayout;
import dev.skyport.catalog.source.TemplateTree;
import dev.skyport.catalog.source.VersionTree;
import dev.skyport.catalog.testing.ShippedTemplates;

/** What the repository's templates/ promises: the issue's versions, official bases, provenance, non-root, PORT. */
class ShippedTemplatesTest {

    /** The day the end-of-life dates below were checked against. */
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    private final TemplateTree tree = TemplateLayout.read(new DirectoryTemplates(ShippedTemplates.directory()));
    private final TemplateCatalog catalog = ShippedTemplates.catalog(TODAY);

    @Test
    void theRuntimesAndVersionsAreExactlyTheListedOnes() {
        assertThat(catalog.runtimeNames()).containsExactly("nodejs", "python");
        assertThat(catalog.runtime("nodejs").versionNames()).containsExactly("8", "10", "12", "18", "20", "22");
        assertThat(catalog.runtime("python").versionNames()).containsExactly("2.7", "3.5", "3.6", "3.7", "3.8", "3.11", "3.12", "3.13");
    }

    @Test
    void endOfLifeFlagsAndDefaultsFollowTheUpstreamDates() {
        assertThat(eolByVersion(catalog.runtime("nodejs"))).containsExactly(
                Map.entry("8", true), Map.entry("10", true), Map.entry("12", true), Map.entry("18", true),
                Map.entry("20", true), Map.entry("22", false));
        assertThat(catalog.runtime("nodejs").defaultVersion()).isEqualTo("22");
        assertThat(eolByVersion(catalog.runtime("python"))).containsExactly(
                Map.entry("2.7", true), Map.entry("3.5", true), Map.entry("3.6", true), Map.entry("3.7", true),
                Map.entry("3.8", true), Map.entry("3.11", false), Map.entry("3.12", false), Map.entry("3.13", false));
        assertThat(catalog.runtime("python").defaultVersion()).isEqualTo("3.13");
        assertThat(ShippedTemplates.catalog(LocalDate.of(2026, 4, 29)).runtime("nodejs").defaultVersion())
                .as("before Node 20's end of life").isEqualTo("22");
        assertThat(ShippedTemplates.catalog(LocalDate.of(2026, 4, 29)).template("nodejs", "20").eol()).isFalse();
    }

    @Test
    void everyTemplateHasADockerfileADockerignoreAndNothingOutsideSkyport() {
        assertThat(versions()).hasSize(14).allSatisfy(template -> {
            assertThat(template.files()).containsKeys("Dockerfile", ".dockerignore");
            assertThat(template.files().keySet())
                    .allMatch(path -> path.equals("Dockerfile") || path.equals(".dockerignore") || path.startsWith(".skyport/"));
        });
    }

    @Test
    void everyDockerfileStartsFromThePinnedOfficialImageOfItsVersion() {
        assertThat(versions()).allSatisfy(template -> {
            String image = template.runtime().equals("nodejs") ? "node" : "python";
            String suffix = template.runtime().equals("nodejs") ? "-[a-z]+-slim" : "-slim-[a-z]+";
            assertThat(dockerfile(template)).as(template.location())
                    .containsPattern(Pattern.compile("(?m)^FROM " + image + ":" + Pattern.quote(template.version()) + suffix + "$"));
        });
    }

    @Test
    void everyImageIsLabelledWithItsTemplatesRuntimeVersionAndDigest() {
        assertThat(versions()).allSatisfy(template -> assertThat(dockerfile(template)).as(template.location())
                .contains("ARG SKYPORT_TEMPLATE_DIGEST=unknown\n")
                .contains("dev.skyport.template.runtime=\"" + template.runtime() + "\"")
                .contains("dev.skyport.template.version=\"" + template.version() + "\"")
                .contains("dev.skyport.template.digest=\"${SKYPORT_TEMPLATE_DIGEST}\""));
    }

    @Test
    void everyImageHonoursPortAndRunsItsAppAsAnUnprivilegedUser() {
        assertThat(versions()).allSatisfy(template -> {
            String dockerfile = dockerfile(template);
            assertThat(dockerfile).as(template.location()).containsPattern("(?m)^ +PORT=8080$").contains("\nEXPOSE 8080\n");
            if (template.runtime().equals("nodejs")) {
                assertThat(dockerfile).contains("\nUSER node\n").endsWith("CMD [\"npm\", \"start\"]\n")
                        .contains("COPY --chown=node:node . /app/");
            } else {
                assertThat(dockerfile).contains("useradd --uid 10001").contains("\nUSER app\n")
                        .endsWith("CMD [\"python\", \"app.py\"]\n");
            }
            assertThat(dockerfile.lastIndexOf("\nUSER ")).as("the app's user is set before the command").isGreaterThan(0)
                    .isLessThan(dockerfile.indexOf("\nCMD "));
        });
    }

    @Test
    void everyDockerignoreLeavesOutWhatTheEcosystemNeverShipsButKeepsTheTemplate() {
        List<String> node = List.of("**/node_modules", "**/npm-debug.log*", ".git");
        List<String> python = List.of("**/__pycache__", "**/*.py[cod]", ".venv", "venv", ".git");
        assertThat(versions()).allSatisfy(template -> {
            List<String> patterns = new String(template.files().get(".dockerignore"), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#")).toList();
            assertThat(patterns).as(template.location()).containsAll(template.runtime().equals("nodejs") ? node : python)
                    .noneMatch(p -> p.contains(".skyport") || p.contains("Dockerfile") || p.equals("*") || p.equals("**"));
        });
    }

    @Test
    void nodeInstallsWithTheToolItsLockfileNames() {
        assertThat(versions()).filteredOn(t -> t.runtime().equals("nodejs")).allSatisfy(template -> {
            String script = new String(template.files().get(".skyport/install-dependencies.sh"), StandardCharsets.UTF_8);
            assertThat(script).contains("if [ -f yarn.lock ]").contains("yarn install --frozen-lockfile")
                    .contains("elif [ -f package-lock.json ]").contains("npm ci").contains("npm install");
        });
    }

    private static List<Map.Entry<String, Boolean>> eolByVersion(RuntimeTemplates runtime) {
        return runtime.versions().stream().map(v -> Map.entry(v.version(), v.eol())).toList();
    }

    private List<VersionTree> versions() {
        return tree.runtimes().values().stream().flatMap(r -> r.versions().values().stream()).toList();
    }

    private static String dockerfile(VersionTree template) {
        return new String(template.files().get("Dockerfile"), StandardCharsets.UTF_8);
    }
}
