package dev.skyport.images;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/** Small Spring Boot style executable jars, laid out as spring-boot-maven-plugin lays them out. */
final class TestBootJars {

    private TestBootJars() {
    }

    /**
     * A jar with {@code Start-Class: demo.Main}, two classes, two resources and, in classpath order: a released
     * dependency, a third-party snapshot, a project module (in layers.idx's application layer) and the jarmode
     * tools.
     */
    static Path demo(Path directory) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("BOOT-INF/classes/demo/Main.class", bytes("class Main"));
        entries.put("BOOT-INF/classes/demo/web/Handler.class", bytes("class Handler"));
        entries.put("BOOT-INF/classes/application.yml", bytes("server.port: 8080\n"));
        entries.put("BOOT-INF/classes/templates/python/3.11/Dockerfile", bytes("FROM python\n"));
        entries.put("BOOT-INF/lib/lib-a-1.0.jar", bytes("jar a"));
        entries.put("BOOT-INF/lib/lib-b-2.0-SNAPSHOT.jar", bytes("jar b"));
        entries.put("BOOT-INF/lib/platform-api-0.1.0-SNAPSHOT.jar", bytes("jar platform-api"));
        entries.put("BOOT-INF/lib/spring-boot-jarmode-tools-4.0.7.jar", bytes("jar tools"));
        entries.put("BOOT-INF/classpath.idx", bytes("""
                - "BOOT-INF/lib/platform-api-0.1.0-SNAPSHOT.jar"
                - "BOOT-INF/lib/lib-b-2.0-SNAPSHOT.jar"
                - "BOOT-INF/lib/lib-a-1.0.jar"
                - "BOOT-INF/lib/spring-boot-jarmode-tools-4.0.7.jar"
                """));
        entries.put("BOOT-INF/layers.idx", bytes("""
                - "dependencies":
                  - "BOOT-INF/lib/lib-a-1.0.jar"
                  - "BOOT-INF/lib/spring-boot-jarmode-tools-4.0.7.jar"
                - "spring-boot-loader":
                  - "org/"
                - "snapshot-dependencies":
                  - "BOOT-INF/lib/lib-b-2.0-SNAPSHOT.jar"
                - "application":
                  - "BOOT-INF/classes/"
                  - "BOOT-INF/classpath.idx"
                  - "BOOT-INF/layers.idx"
                  - "BOOT-INF/lib/platform-api-0.1.0-SNAPSHOT.jar"
                  - "META-INF/"
                """));
        entries.put("org/springframework/boot/loader/launch/JarLauncher.class", bytes("launcher"));
        return write(directory.resolve("demo-1.0.jar"), "demo.Main", entries);
    }

    static Path write(Path jar, String startClass, Map<String, byte[]> entries) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "org.springframework.boot.loader.launch.JarLauncher");
        if (startClass != null) {
            manifest.getMainAttributes().putValue("Start-Class", startClass);
        }
        try (OutputStream file = Files.newOutputStream(jar); JarOutputStream out = new JarOutputStream(file, manifest)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                out.putNextEntry(new JarEntry(entry.getKey()));
                out.write(entry.getValue());
                out.closeEntry();
            }
        }
        return jar;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
