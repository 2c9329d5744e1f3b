package dev.skyport.cli.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyport.cli.ignore.IgnoreRules;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ContextWalkerTest {

    @TempDir
    Path dir;

    static List<ContextCase> cases() {
        return ContextCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void sendsWhatCurrentDockerSends(ContextCase c) throws IOException {
        c.create(dir);

        List<String> sent = walk(dockerExact(dir));

        assertThat(sent).containsExactlyElementsOf(c.expected().stream().sorted().toList());
    }

    @Test
    void alwaysSendsTheDockerfileAndTheIgnoreFile() throws IOException {
        new ContextCase("", "*\n", List.of("build/Dockerfile", "build/other", "main.c"), List.of(), null).create(dir);

        List<String> sent = walk(new ContextWalker(null, ContextLayer.of(dir),
                IgnoreRules.read(dir.resolve(".dockerignore"), ".dockerignore"),
                Set.of("build/Dockerfile", ".dockerignore")));

        assertThat(sent).containsExactly(".dockerignore", "build/", "build/Dockerfile");
    }

    @Test
    void neverReadsAnExcludedDirectoryUnlessAnExceptionCouldApplyInside() throws IOException {
        List<String> tree = new ArrayList<>(List.of("src/a.js", "src/lib/b.js"));
        for (int i = 0; i < 50; i++) {
            tree.add("node_modules/pkg" + i + "/lib/index.js");
        }
        new ContextCase("", "node_modules\n", tree, List.of(), null).create(dir);

        WalkStats plain = dockerExact(dir).walk(entry -> { });
        assertThat(plain.directoriesRead()).as("the root, src and src/lib only").isEqualTo(3);

        Files.writeString(dir.resolve(".dockerignore"), "node_modules\n!node_modules/pkg7/lib/index.js\n");
        List<String> sent = new ArrayList<>();
        WalkStats withException = dockerExact(dir).walk(e -> sent.add(e.path()));
        assertThat(withException.directoriesRead()).as("also node_modules, pkg7 and pkg7/lib").isEqualTo(6);
        assertThat(sent).contains("node_modules", "node_modules/pkg7", "node_modules/pkg7/lib/index.js")
                .doesNotContain("node_modules/pkg8");
    }

    @Test
    void keepsSymlinksInsideTheContextAndRefusesOthers() throws IOException {
        new ContextCase("", "ignored-link\n", List.of("a/b/up -> ../../top.txt", "top.txt",
                "ignored-link -> ../../etc/passwd"), List.of(), null).create(dir);
        assertThat(walk(dockerExact(dir))).contains("a/b/up");

        Files.createSymbolicLink(dir.resolve("a/escape"), Path.of("../../outside"));
        assertThatThrownBy(() -> walk(dockerExact(dir))).isInstanceOf(ContextException.class)
                .hasMessageContaining("symlink 'a/escape' points to outside the context ('../../outside')");

        Files.delete(dir.resolve("a/escape"));
        Files.createSymbolicLink(dir.resolve("abs"), Path.of("/etc/hosts"));
        assertThatThrownBy(() -> walk(dockerExact(dir))).isInstanceOf(ContextException.class)
                .hasMessageContaining("points to an absolute path");
    }

    @Test
    void mergesARuntimeTemplateWithTheUsersFiles() throws IOException {
        Path template = dir.resolve("template");
        new ContextCase("", "**/*.log\n.skyport/cache\n", List.of("Dockerfile", ".skyport/start.sh",
                ".skyport/cache/x"), List.of(), null).create(template);
        Path user = dir.resolve("user");
        Files.createDirectories(user);
        Files.writeString(user.resolve(".skyignore"), "secrets\n");
        new ContextCase("", null, List.of("index.js", "debug.log", "secrets/key", ".skyport/mine.txt", "lib/a.js"),
                List.of(), null).create(user);

        List<String> sent = walk(runtime(template, user));

        assertThat(sent).containsExactly(".dockerignore", ".skyignore", ".skyport/", ".skyport/mine.txt",
                ".skyport/start.sh", "Dockerfile", "index.js", "lib/", "lib/a.js");
    }

    @Test
    void refusesAUserFileAtATemplatePath() throws IOException {
        Path template = dir.resolve("template");
        new ContextCase("", null, List.of("Dockerfile"), List.of(), null).create(template);
        Path user = dir.resolve("user");
        new ContextCase("", null, List.of("Dockerfile", "app.py"), List.of(), null).create(user);

        assertThatThrownBy(() -> walk(runtime(template, user))).isInstanceOf(ContextException.class)
                .hasMessageContaining("'Dockerfile' is both in your context and in the python 3.12 template");

        Files.writeString(user.resolve(".skyignore"), "Dockerfile\n");
        assertThat(walk(runtime(template, user))).containsExactly(".skyignore", "Dockerfile", "app.py");
    }

    private static ContextWalker dockerExact(Path context) throws IOException {
        return new ContextWalker(null, ContextLayer.of(context),
                IgnoreRules.read(context.resolve(".dockerignore"), ".dockerignore"), Set.of());
    }

    private static ContextWalker runtime(Path template, Path user) throws IOException {
        return new ContextWalker(new ContextLayer(template, IgnoreRules.none(), "the python 3.12 template"),
                new ContextLayer(user, IgnoreRules.read(user.resolve(".skyignore"), ".skyignore"), "your context"),
                IgnoreRules.read(template.resolve(".dockerignore"), "the template's .dockerignore"),
                Set.of("Dockerfile", ".dockerignore"));
    }

    private static List<String> walk(ContextWalker walker) throws IOException {
        List<String> paths = new ArrayList<>();
        walker.walk(e -> paths.add(e.kind() == EntryKind.DIRECTORY ? e.path() + "/" : e.path()));
        return paths;
    }
}
