package dev.skyport.e2e.support;

import dev.skyport.testing.RepositoryRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/** Project directories as developers keep them: a skygear.yaml and the contexts it names. */
public final class Projects {

    private Projects() {
    }

    /** A unique app name, so test classes never meet in Redis, the registry or Docker. */
    public static String appName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A copy of {@code examples/hello} deploying as {@code app} (the example's app is {@code demo}). */
    public static Path hello(String app) {
        Path target = newDirectory(app);
        Path example = RepositoryRoot.find().resolve("examples/hello");
        try (Stream<Path> files = Files.walk(example)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path copy = target.resolve(example.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(copy);
                } else {
                    Files.copy(source, copy);
                }
            }
            Path yaml = target.resolve("skygear.yaml");
            String config = Files.readString(yaml);
            if (!config.contains("\napp: demo\n")) {
                throw new IllegalStateException("examples/hello/skygear.yaml no longer names app demo:\n" + config);
            }
            Files.writeString(yaml, config.replace("\napp: demo\n", "\napp: " + app + "\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** A project of one Dockerfile item {@code name} at {@code path} on port 8080, with the given files. */
    public static Path dockerfile(String app, String name, String path, String dockerfile, Map<String, String> files) {
        Map<String, String> all = new LinkedHashMap<>(files);
        all.put("Dockerfile", dockerfile);
        all.put("skygear.yaml", """
                app: %s
                deployments:
                  %s:
                    type: http-service
                    path: %s
                    port: 8080
                    context: .
                """.formatted(app, name, path));
        return write(newDirectory(app), all);
    }

    /** Replaces or adds files of an existing project (a new version of the code). */
    public static Path write(Path project, Map<String, String> files) {
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path target = project.resolve(file.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return project;
    }

    private static Path newDirectory(String app) {
        try {
            return Files.createDirectories(Platform.get().work().resolve("projects").resolve(app + "-" + UUID.randomUUID()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
