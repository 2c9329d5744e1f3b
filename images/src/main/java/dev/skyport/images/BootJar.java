package dev.skyport.images;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

/**
 * What a Spring Boot executable jar holds, read from its own indexes: the main class ({@code Start-Class}),
 * the dependency jars in classpath order ({@code BOOT-INF/classpath.idx}), which of them are the project's own
 * modules ({@code BOOT-INF/layers.idx} puts them in its {@code application} layer) and the application's
 * classes and resources ({@code BOOT-INF/classes}, i.e. the module's {@code target/classes}).
 *
 * <p>{@link #extract(Path)} lays these files out in a directory for jib; the image is built from them, not
 * from the jar, so it runs the main class on a plain classpath (no launcher, no nested jars).
 */
public final class BootJar {

    static final String CLASSES = "BOOT-INF/classes/";
    static final String LIB = "BOOT-INF/lib/";
    private static final Pattern INDEX_LINE = Pattern.compile("^- \"([^\"]+)\"$");
    private static final Pattern LAYER_LINE = Pattern.compile("^- \"([^\"]+)\":$");
    private static final Pattern LAYER_ENTRY = Pattern.compile("^ {2}- \"([^\"]+)\"$");

    /** How a dependency jar changes, which decides its layer. */
    public enum Kind {
        /** a released version: changes when a version is bumped */
        DEPENDENCY,
        /** a -SNAPSHOT from elsewhere: may change on any build */
        SNAPSHOT_DEPENDENCY,
        /** one of this project's modules (platform-api, registry-config): changes with our code */
        PROJECT_DEPENDENCY
    }

    private final Path jar;
    private final String mainClass;
    private final Map<String, Kind> libraries;

    private BootJar(Path jar, String mainClass, Map<String, Kind> libraries) {
        this.jar = jar;
        this.mainClass = mainClass;
        this.libraries = Collections.unmodifiableMap(libraries);
    }

    public static BootJar read(Path jar) throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException(jar + " does not exist; package it first (./mvnw -pl <module> -am package -DskipTests)");
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            Manifest manifest = file.getManifest();
            String mainClass = manifest == null ? null : manifest.getMainAttributes().getValue("Start-Class");
            if (mainClass == null || mainClass.isBlank()) {
                throw new IOException(jar + " is not a Spring Boot executable jar (its manifest has no Start-Class)");
            }
            List<String> classpath = indexEntries(file, "BOOT-INF/classpath.idx");
            Set<String> application = layer(file, "application");
            Map<String, Kind> libraries = new LinkedHashMap<>();
            for (String entry : classpath) {
                if (!entry.startsWith(LIB) || !entry.endsWith(".jar")) {
                    throw new IOException(jar + ": unexpected classpath.idx entry " + entry);
                }
                String name = entry.substring(LIB.length());
                if (name.startsWith("spring-boot-jarmode-")) {
                    continue; // only for java -Djarmode=tools -jar; the application never loads it
                }
                Kind kind = application.contains(entry) ? Kind.PROJECT_DEPENDENCY
                        : name.contains("-SNAPSHOT") ? Kind.SNAPSHOT_DEPENDENCY
                        : Kind.DEPENDENCY;
                libraries.put(name, kind);
            }
            return new BootJar(jar, mainClass.strip(), libraries);
        }
    }

    public Path jar() {
        return jar;
    }

    public String mainClass() {
        return mainClass;
    }

    /** Jar file names under {@code BOOT-INF/lib/}, in classpath order, each with its kind (no jarmode tools). */
    public Map<String, Kind> libraries() {
        return libraries;
    }

    /**
     * Writes {@code libs/<name>.jar} for every classpath jar, {@code classes/} for the {@code .class} files
     * and {@code resources/} for the other files of {@code BOOT-INF/classes}, under {@code directory}
     * (emptied first). Spring Boot's jarmode tools are left out.
     */
    public Extracted extract(Path directory) throws IOException {
        deleteRecursively(directory);
        Path libs = Files.createDirectories(directory.resolve("libs"));
        Path classes = Files.createDirectories(directory.resolve("classes"));
        Path resources = Files.createDirectories(directory.resolve("resources"));
        try (JarFile file = new JarFile(jar.toFile())) {
            for (ZipEntry entry : Collections.list(file.entries())) {
                String name = entry.getName();
                Path target;
                if (name.startsWith(LIB) && libraries.containsKey(name.substring(LIB.length()))) {
                    target = libs.resolve(name.substring(LIB.length()));
                } else if (name.startsWith(CLASSES) && !entry.isDirectory() && name.length() > CLASSES.length()) {
                    String relative = name.substring(CLASSES.length());
                    target = (relative.endsWith(".class") ? classes : resources).resolve(relative).normalize();
                    if (!target.startsWith(directory)) {
                        throw new IOException(jar + ": entry " + name + " leaves the directory");
                    }
                } else {
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    Files.copy(in, target);
                }
            }
        }
        List<Path> missing = new ArrayList<>();
        for (String name : libraries.keySet()) {
            if (!Files.isRegularFile(libs.resolve(name))) {
                missing.add(libs.resolve(name));
            }
        }
        if (!missing.isEmpty()) {
            throw new IOException(jar + ": classpath.idx names jars the jar does not hold: " + missing);
        }
        return new Extracted(libs, classes, resources);
    }

    /** Where {@link #extract(Path)} put the files. */
    public record Extracted(Path libs, Path classes, Path resources) {
    }

    private static List<String> indexEntries(JarFile file, String name) throws IOException {
        List<String> entries = new ArrayList<>();
        for (String line : lines(file, name)) {
            Matcher m = INDEX_LINE.matcher(line);
            if (m.matches()) {
                entries.add(m.group(1));
            } else if (!line.isBlank()) {
                throw new IOException(file.getName() + ": cannot read " + name + " line '" + line + "'");
            }
        }
        return entries;
    }

    /** The entries of one layer of {@code BOOT-INF/layers.idx}; empty when the jar has no such index. */
    private static Set<String> layer(JarFile file, String wanted) throws IOException {
        Set<String> entries = new LinkedHashSet<>();
        if (file.getEntry("BOOT-INF/layers.idx") == null) {
            return entries;
        }
        String current = null;
        for (String line : lines(file, "BOOT-INF/layers.idx")) {
            Matcher layerLine = LAYER_LINE.matcher(line);
            Matcher entry = LAYER_ENTRY.matcher(line);
            if (layerLine.matches()) {
                current = layerLine.group(1);
            } else if (entry.matches() && wanted.equals(current)) {
                entries.add(entry.group(1));
            }
        }
        return entries;
    }

    private static List<String> lines(JarFile file, String name) throws IOException {
        ZipEntry entry = file.getEntry(name);
        if (entry == null) {
            throw new IOException(file.getName() + " has no " + name + " (a jar from spring-boot-maven-plugin has one)");
        }
        try (InputStream in = file.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            paths.sorted(Collections.reverseOrder()).forEach(path -> {
                try {
                    Files.delete(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
