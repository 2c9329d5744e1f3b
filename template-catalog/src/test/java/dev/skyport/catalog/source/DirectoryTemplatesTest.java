package dev.skyport.catalog.source;

import static dev.skyport.catalog.testing.TemplateDirs.template;
import static dev.skyport.catalog.testing.TemplateDirs.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryTemplatesTest {

    @TempDir
    Path root;

    @Test
    void listsFilesAndDirectoriesRelativeToTheRoot() {
        template(root, "nodejs", "22");
        write(root, "nodejs/22/.skyport/install-dependencies.sh", "npm ci\n");
        write(root, "nodejs/runtime.properties", "22.eol = 2027-04-30\n");

        SourceListing listing = new DirectoryTemplates(root).list();

        assertThat(listing.files()).containsOnlyKeys("nodejs/22/Dockerfile", "nodejs/22/.dockerignore",
                "nodejs/22/.skyport/install-dependencies.sh", "nodejs/runtime.properties");
        assertThat(new String(listing.files().get("nodejs/22/Dockerfile"), StandardCharsets.UTF_8)).isEqualTo("FROM nodejs:22\n");
        assertThat(listing.directories()).containsExactly("nodejs", "nodejs/22", "nodejs/22/.skyport");
    }

    /** A mounted ConfigMap: visible names are links into ..data, itself a link to a timestamped directory. */
    @Test
    void followsConfigMapLinksAndSkipsKubernetesHiddenDirectories() throws IOException {
        Path data = root.resolve("..2026_11_22_03_00_00.123456789");
        template(data, "python", "3.13");
        Files.createSymbolicLink(root.resolve("..data"), data.getFileName());
        Files.createSymbolicLink(root.resolve("python"), Path.of("..data/python"));

        SourceListing listing = new DirectoryTemplates(root).list();

        assertThat(listing.files()).containsOnlyKeys("python/3.13/Dockerfile", "python/3.13/.dockerignore");
        assertThat(listing.directories()).containsExactly("python", "python/3.13");
    }

    @Test
    void aMissingDirectoryIsNamedWithTheSettingThatPointsThere() {
        Path missing = root.resolve("not-mounted");

        assertThatThrownBy(() -> new DirectoryTemplates(missing).list())
                .isInstanceOf(InvalidTemplatesException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("skyport.catalog.templates-dir");
    }
}
