package dev.skyport.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;

import dev.skyport.catalog.source.InvalidTemplatesException;
import dev.skyport.catalog.testing.TemplateDirs;

/** Bad templates stop the service before it serves anything, with a message naming the directory to fix. */
class StartupFailureTest {

    @TempDir
    Path templates;

    @Test
    void aTemplateDirectoryWithoutDockerfileFailsStartUpNamingIt() {
        TemplateDirs.write(templates, "nodejs/24/.dockerignore", "node_modules\n");

        Throwable failure = catchThrowable(() -> start("--skyport.catalog.templates-dir=" + templates));

        assertThat(rootCause(failure)).isInstanceOf(InvalidTemplatesException.class)
                .hasMessage("the templates cannot be served: " + templates.resolve("nodejs/24")
                        + " has no Dockerfile; every template directory needs one at its root");
    }

    @Test
    void aMissingTemplatesDirectoryFailsStartUp() {
        Path missing = templates.resolve("not-mounted");

        Throwable failure = catchThrowable(() -> start("--skyport.catalog.templates-dir=" + missing));

        assertThat(rootCause(failure)).isInstanceOf(InvalidTemplatesException.class).hasMessageContaining(missing + " does not exist");
    }

    @Test
    void turningOffTheBuiltInSetWithoutADirectoryFailsStartUp() {
        Throwable failure = catchThrowable(() -> start("--skyport.catalog.include-builtin=false"));

        assertThat(rootCause(failure)).isInstanceOf(InvalidTemplatesException.class).hasMessageContaining("no templates at all");
    }

    private static void start(String... args) {
        new SpringApplicationBuilder(TemplateCatalogApplication.class).run(concat("--server.port=0", args)).close();
    }

    private static String[] concat(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
