package dev.skyport.catalog.catalog;

import static dev.skyport.catalog.testing.TemplateDirs.template;
import static dev.skyport.catalog.testing.TemplateDirs.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.skyport.catalog.source.BuiltinTemplates;
import dev.skyport.catalog.source.DirectoryTemplates;
import dev.skyport.catalog.testing.ShippedTemplates;

/** The digest depends on the files' paths and contents only, never on when, where or by whom they were read. */
class TemplateDigestTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    @TempDir
    Path root;

    @Test
    void twoBuildsOfTheSameDirectoryGiveTheSameDigest() throws IOException {
        template(root, "nodejs", "22");
        Path helper = write(root, "nodejs/22/.skyport/install-dependencies.sh", "npm ci\n");
        String first = digest();

        Files.setLastModifiedTime(helper, FileTime.from(Instant.parse("2031-01-01T00:00:00Z")));
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-x---"));
        Files.setLastModifiedTime(root.resolve("nodejs/22/Dockerfile"), FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));
        write(root, "nodejs/runtime.properties", "22.eol = true\n");

        assertThat(digest()).as("times, modes and settings are not part of a template").isEqualTo(first);
    }

    @Test
    void aChangedFileChangesTheDigest() {
        template(root, "nodejs", "22");
        String before = digest();

        write(root, "nodejs/22/.dockerignore", "*.log\nnode_modules\n");

        assertThat(digest()).isNotEqualTo(before);
    }

    @Test
    void theBuiltInTemplatesGiveTheSameDigestsFromTheClasspathAsFromTheRepository() {
        TemplateCatalog fromClasspath = TemplateCatalogLoader.load(List.of(new BuiltinTemplates()), TODAY);
        TemplateCatalog fromRepository = TemplateCatalogLoader.load(List.of(new DirectoryTemplates(ShippedTemplates.directory())), TODAY);

        assertThat(fromClasspath.allTemplates()).isNotEmpty();
        assertThat(fromClasspath.allTemplates()).extracting(t -> t.runtime() + "/" + t.version() + " " + t.sha256())
                .containsExactlyElementsOf(fromRepository.allTemplates().stream()
                        .map(t -> t.runtime() + "/" + t.version() + " " + t.sha256()).toList());
    }

    private String digest() {
        return TemplateCatalogLoader.load(List.of(new DirectoryTemplates(root)), TODAY).template("nodejs", "22").sha256();
    }
}
