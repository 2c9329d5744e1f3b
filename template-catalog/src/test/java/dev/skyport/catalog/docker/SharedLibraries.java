package dev.skyport.catalog.docker;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shared libraries {@code ldd} names for an executable or library, the dynamic loader included. */
final class SharedLibraries {

    private static final Pattern PATH = Pattern.compile("(?:=>\\s*)?(/\\S+)\\s+\\(0x");

    private SharedLibraries() {
    }

    static Set<Path> of(Path binary) {
        String output = HostCommand.run(List.of("ldd", binary.toString()));
        Set<Path> libraries = new LinkedHashSet<>();
        for (String line : output.lines().toList()) {
            if (line.contains("not found")) {
                throw new IllegalStateException("ldd " + binary + " cannot resolve: " + line.strip());
            }
            Matcher m = PATH.matcher(line);
            if (m.find()) {
                libraries.add(Path.of(m.group(1)));
            }
        }
        return libraries;
    }
}
