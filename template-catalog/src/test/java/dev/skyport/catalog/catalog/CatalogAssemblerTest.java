package dev.skyport.catalog.catalog;

import static dev.skyport.catalog.testing.TemplateDirs.template;
import static dev.skyport.catalog.testing.TemplateDirs.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.skyport.catalog.source.DirectoryTemplates;
import dev.skyport.catalog.source.InvalidTemplatesException;
import dev.skyport.catalog.source.TemplateSource;

class CatalogAssemblerTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    @TempDir
    Path root;

    @Test
    void versionsAreInNumericOrderAndTheDefaultIsTheNewestNotEndOfLife() {
        for (String version : List.of("3.8", "3.13", "3.11", "3.9")) {
            template(root, "python", version);
        }
        write(root, "python/runtime.properties", """
                3.8.eol = 2024-10-07
                3.9.eol = 2025-10-31
                3.11.eol = 2027-10-31
                3.13.eol = true
                """);

        RuntimeTemplates python = load(root).runtime("python");

        assertThat(python.versionNames()).containsExactly("3.8", "3.9", "3.11", "3.13");
        assertThat(python.defaultVersion()).isEqualTo("3.11");
        assertThat(python.versions()).extracting(TemplateVersion::eol).containsExactly(true, true, false, true);
        assertThat(python.versions()).extracting(TemplateVersion::isDefault).containsExactly(false, false, true, false);
    }

    @Test
    void withoutSettingsEveryVersionIsSupportedAndTheNewestIsDefault() {
        template(root, "nodejs", "8");
        template(root, "nodejs", "22");
        template(root, "nodejs", "10");

        RuntimeTemplates nodejs = load(root).runtime("nodejs");

        assertThat(nodejs.defaultVersion()).isEqualTo("22");
        assertThat(nodejs.versions()).noneMatch(TemplateVersion::eol);
    }

    @Test
    void whenEveryVersionIsEndOfLifeTheNewestIsDefault() {
        template(root, "nodejs", "8");
        template(root, "nodejs", "10");
        write(root, "nodejs/runtime.properties", "8.eol = true\n10.eol = 2021-04-30\n");

        assertThat(load(root).runtime("nodejs").defaultVersion()).isEqualTo("10");
    }

    @Test
    void anExplicitDefaultWins() {
        template(root, "nodejs", "20");
        template(root, "nodejs", "22");
        write(root, "nodejs/runtime.properties", "default = 20\n");

        assertThat(load(root).runtime("nodejs").defaultTemplate().version()).isEqualTo("20");
    }

    @Test
    void settingsThatNameMissingVersionsFail() {
        template(root, "nodejs", "22");
        write(root, "nodejs/runtime.properties", "16.eol = true\ndefault = 24\n");

        assertThatThrownBy(() -> load(root))
                .isInstanceOf(InvalidTemplatesException.class)
                .hasMessageContaining(root.resolve("nodejs/runtime.properties") + ": 16.eol names a version without a template directory;"
                        + " runtime 'nodejs' has 22")
                .hasMessageContaining("default = 24 names a version without a template directory");
    }

    @Test
    void aDirectoryReplacesBuiltInTemplatesOfTheSameNameAndAddsNewOnes(@TempDir Path builtin) {
        template(builtin, "nodejs", "20");
        template(builtin, "nodejs", "22");
        write(builtin, "nodejs/runtime.properties", "20.eol = true\n");
        template(builtin, "python", "3.13");
        write(root, "nodejs/22/Dockerfile", "FROM registry.example/node:22\n");
        template(root, "nodejs", "24");
        template(root, "ruby", "3.3");

        TemplateCatalog catalog = TemplateCatalogLoader.load(
                List.<TemplateSource>of(new DirectoryTemplates(builtin), new DirectoryTemplates(root)), TODAY);
        TemplateCatalog builtinOnly = TemplateCatalogLoader.load(List.of(new DirectoryTemplates(builtin)), TODAY);

        assertThat(catalog.runtimeNames()).containsExactly("nodejs", "python", "ruby");
        RuntimeTemplates nodejs = catalog.runtime("nodejs");
        assertThat(nodejs.versionNames()).containsExactly("20", "22", "24");
        assertThat(nodejs.defaultVersion()).isEqualTo("24");
        assertThat(nodejs.version("20").eol()).as("settings still apply").isTrue();
        assertThat(nodejs.version("22").location()).isEqualTo(root.resolve("nodejs/22").toString());
        assertThat(nodejs.version("22").sha256()).isNotEqualTo(builtinOnly.template("nodejs", "22").sha256());
        assertThat(nodejs.version("20").sha256()).isEqualTo(builtinOnly.template("nodejs", "20").sha256());
    }

    @Test
    void unknownNamesListWhatExists() {
        template(root, "nodejs", "20");
        template(root, "nodejs", "22");
        TemplateCatalog catalog = load(root);

        assertThatThrownBy(() -> catalog.runtime("ruby"))
                .isInstanceOfSatisfying(TemplateNotFoundException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("no runtime 'ruby'; the catalog has nodejs");
                    assertThat(e.details()).containsEntry("runtimes", List.of("nodejs"));
                });
        assertThatThrownBy(() -> catalog.template("nodejs", "16"))
                .isInstanceOfSatisfying(TemplateNotFoundException.class, e -> {
                    assertThat(e.getMessage()).isEqualTo("runtime 'nodejs' has no version '16'; it has 20, 22 (default 22)");
                    assertThat(e.details()).containsEntry("versions", List.of("20", "22"));
                });
    }

    @Test
    void noTemplatesAtAllFails() {
        assertThatThrownBy(() -> TemplateCatalogLoader.load(List.of(), TODAY))
                .isInstanceOf(InvalidTemplatesException.class)
                .hasMessageContaining("there are no templates at all");
    }

    private static TemplateCatalog load(Path dir) {
        return TemplateCatalogLoader.load(List.of(new DirectoryTemplates(dir)), TODAY);
    }
}
