package dev.skyport.catalog.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Python X.Y installed on this machine: under pyenv ({@code ~/.pyenv/versions/X.Y.*}) or as
 * {@code /usr/local/bin/pythonX.Y} / {@code /usr/bin/pythonX.Y}.
 *
 * @param executable the interpreter, links resolved
 * @param stdlib     its {@code lib/pythonX.Y} directory
 */
record PythonInstallation(Path executable, Path stdlib) {

    static PythonInstallation find(String version) {
        List<Path> candidates = new ArrayList<>();
        Path pyenv = Path.of(System.getProperty("user.home"), ".pyenv", "versions");
        if (Files.isDirectory(pyenv)) {
            try (Stream<Path> installs = Files.list(pyenv)) {
                installs.filter(p -> p.getFileName().toString().startsWith(version + "."))
                        .sorted(Comparator.reverseOrder())
                        .forEach(p -> candidates.add(p.resolve("bin/python" + version)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        candidates.add(Path.of("/usr/local/bin/python" + version));
        candidates.add(Path.of("/usr/bin/python" + version));
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate)) {
                Path executable = HostTools.realPath(candidate);
                String prefix = HostCommand.run(List.of(executable.toString(), "-c", "import sys; print(getattr(sys, \"base_prefix\", sys.prefix))")).strip();
                Path stdlib = Path.of(prefix, "lib", "python" + version);
                if (Files.isDirectory(stdlib.resolve("lib-dynload"))) {
                    return new PythonInstallation(executable, stdlib);
                }
            }
        }
        throw new IllegalStateException("no Python " + version + " on this machine (looked at " + candidates
                + "); install one, for example with pyenv, to run this test");
    }
}
