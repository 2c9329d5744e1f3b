package dev.skyport.catalog.source;

import static dev.skyport.catalog.testing.TemplateDirs.template;
import static dev.skyport.catalog.testing.TemplateDirs.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateLayoutTest {

    @TempDir
    Path root;

    @Test
    void readsRuntimesVersionsAndSettings() {
        template(root, "nodejs", "20");
        template(root, "nodejs", "22");
        write(root, "nodejs/22/.skyport/install-dependencies.sh", "npm ci\n");
        write(root, "nodejs/runtime.properties", "20.eol = true\n");
        write(root, "README.md", "how to add a template\n");

        TemplateTree tree = TemplateLayout.read(new DirectoryTemplates(root));

        assertThat(tree.runtimes()).containsOnlyKeys("nodejs");
        RuntimeTree nodejs = tree.runtimes().get("nodejs");
        assertThat(nodejs.versions()).containsOnlyKeys("20", "22");
        assertThat(nodejs.versions().get("22").files())
                .containsOnlyKeys("Dockerfile", ".dockerignore", ".skyport/install-dependencies.sh");
        assertThat(nodejs.versions().get("22").location()).isEqualTo(root.resolve("nodejs/22").toString());
        assertThat(nodejs.settings()).hasValueSatisfying(s -> assertThat(s.location()).endsWith("nodejs/runtime.properties"));
    }

    @Test
    void aTemplateWithoutDockerfileFailsNamingItsDirectory() {
        write(root, "nodejs/24/.dockerignore", "node_modules\n");

        InvalidTemplatesException e = readFails();

        assertThat(e.problems()).containsExactly(root.resolve("nodejs/24") + " has no Dockerfile;"
                + " every template directory needs one at its root");
    }

    @Test
    void anEmptyTemplateDirectoryFailsToo() throws IOException {
        template(root, "nodejs", "22");
        Files.createDirectories(root.resolve("nodejs/24"));

        assertThat(readFails().getMessage()).contains(root.resolve("nodejs/24") + " has no Dockerfile");
    }

    @Test
    void filesOutsideSkyportFailBecauseTheyCouldClashWithTheAppsFiles() {
        template(root, "python", "3.13");
        write(root, "python/3.13/entrypoint.sh", "exec python app.py\n");
        write(root, "python/3.13/lib/helper.py", "\n");

        InvalidTemplatesException e = readFails();

        assertThat(e.problems()).hasSize(2);
        assertThat(e.problems().get(0)).startsWith(root.resolve("python/3.13/entrypoint.sh") + " is outside .skyport/")
                .contains("move it there");
        assertThat(e.problems().get(1)).startsWith(root.resolve("python/3.13/lib/helper.py") + " is outside .skyport/");
    }

    @Test
    void badNamesAndStrayFilesAreAllReportedAtOnce() throws IOException {
        template(root, "Node", "22");
        template(root, "python", "3.13.tar.gz");
        template(root, "python", "3.12");
        write(root, "python/runtime.propertes", "3.12.eol = false\n");
        Files.createDirectories(root.resolve("ruby"));

        InvalidTemplatesException e = readFails();

        assertThat(e.problems()).hasSize(4);
        assertThat(e.getMessage()).contains("(4 problems)")
                .contains(root.resolve("Node") + ": 'Node' is not a valid runtime name")
                .contains(root.resolve("python/3.13.tar.gz") + ": '3.13.tar.gz' is not a valid version name")
                .contains(root.resolve("python/runtime.propertes") + " is not allowed here")
                .contains(root.resolve("ruby") + " has no version directories");
    }

    @Test
    void pathsThatCannotBeStoredInPlainTarFail() {
        template(root, "nodejs", "22");
        write(root, "nodejs/22/.skyport/" + "long-name-".repeat(10), "x\n");

        assertThat(readFails().getMessage()).contains("cannot be served: its path inside the template is longer than 100");
    }

    private InvalidTemplatesException readFails() {
        return catchThrowableOfType(InvalidTemplatesException.class, () -> TemplateLayout.read(new DirectoryTemplates(root)));
    }
}
