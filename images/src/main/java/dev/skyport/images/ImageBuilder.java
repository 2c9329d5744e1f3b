package dev.skyport.images;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Credential;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.Port;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import com.google.cloud.tools.jib.global.JibSystemProperties;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Builds one component's image with jib-core and pushes it: no Docker daemon, no Dockerfile.
 *
 * <p>Layers, from the bottom: the base image's; {@code writable directories} (only the build farm has one);
 * {@code dependencies} (released jars); {@code snapshot dependencies}; {@code project dependencies} (our
 * modules: platform-api, registry-config); {@code resources}; {@code classes}; {@code classpath} (one file,
 * the classpath in Spring Boot's order). Every file has the same modification time (1970-01-01T00:00:01Z),
 * every layer is sorted by path and owned by root, and the image's creation time is the epoch, so the same
 * jar and base image give the same digest on any machine, and a change to our classes re-uploads only the
 * small top layers.
 */
public final class ImageBuilder {

    /** The image runs as this user and group, which own nothing but the writable directories. */
    public static final String USER = "65532:65532";

    public static final String APP_ROOT = "/app";

    /**
     * The JVM's flags, ahead of the classpath. Memory follows the container's limit (the JVM reads cgroups):
     * the heap may take 75% of it, leaving the rest to metaspace, threads, direct buffers and Netty. An
     * OutOfMemoryError ends the process, so the orchestrator restarts it instead of leaving it half-working.
     * {@code JAVA_TOOL_OPTIONS} adds to or overrides these when the container starts.
     */
    public static final List<String> JVM_FLAGS = List.of(
            "-XX:+UseContainerSupport",
            "-XX:MaxRAMPercentage=75",
            "-XX:+ExitOnOutOfMemoryError",
            "-Djava.io.tmpdir=/tmp",
            "-Dfile.encoding=UTF-8");

    static final Instant FILE_TIME = FileEntriesLayer.DEFAULT_MODIFICATION_TIME;

    /**
     * What to build and where to push it.
     *
     * @param registry       {@code host[:port]} of the registry the images are pushed to
     * @param namespace      the repository's first part: {@code <registry>/<namespace>/<module>}
     * @param tag            the tag (the project version by default)
     * @param additionalTags more tags for the same image (e.g. {@code latest})
     * @param baseImage      the base image, a JRE with {@code java} on the {@code PATH}
     * @param credential     the registry's username and password, or {@code null} for none
     * @param insecure       allow plain HTTP (and credentials over it) and unverified certificates
     * @param cacheDirectory jib's layer cache, or {@code null} for jib's default
     */
    public record Settings(String registry, String namespace, String tag, List<String> additionalTags,
                           String baseImage, Credential credential, boolean insecure, Path cacheDirectory) {
        public Settings {
            Objects.requireNonNull(registry, "registry");
            Objects.requireNonNull(namespace, "namespace");
            Objects.requireNonNull(tag, "tag");
            Objects.requireNonNull(baseImage, "baseImage");
            additionalTags = List.copyOf(additionalTags);
        }

        public String repository(Component component) {
            return registry + "/" + namespace + "/" + component.module();
        }
    }

    /** A pushed image: {@code reference} is {@code <repository>:<tag>}, {@code digest} the manifest's. */
    public record Built(Component component, String reference, String digest, String imageId, Duration took) {
        /** {@code <repository>@<digest>}: what a deployment should pull. */
        public String pinned() {
            return reference.substring(0, reference.lastIndexOf(':')) + "@" + digest;
        }
    }

    private final Settings settings;
    private final Consumer<String> log;

    public ImageBuilder(Settings settings, Consumer<String> log) {
        this.settings = settings;
        this.log = log;
    }

    /** Reads {@code bootJar}, lays it out under {@code workDirectory}, builds and pushes the image. */
    public Built build(Component component, Path bootJar, Path workDirectory)
            throws IOException, InterruptedException, ImageBuildException {
        Instant start = Instant.now();
        BootJar jar = BootJar.read(bootJar);
        BootJar.Extracted files = jar.extract(workDirectory.resolve("files"));
        JibContainerBuilder container = containerBuilder(component, jar, files, workDirectory);

        String reference = settings.repository(component) + ":" + settings.tag();
        try {
            RegistryImage target = RegistryImage.named(reference);
            if (settings.credential() != null) {
                target.addCredential(settings.credential().getUsername(), settings.credential().getPassword());
            }
            Containerizer containerizer = Containerizer.to(target)
                    .setAllowInsecureRegistries(settings.insecure())
                    .setToolName("skyport-images")
                    .addEventHandler(LogEvent.class, this::onLog);
            for (String tag : settings.additionalTags()) {
                containerizer.withAdditionalTag(tag);
            }
            if (settings.cacheDirectory() != null) {
                containerizer.setBaseImageLayersCache(settings.cacheDirectory().resolve("base"))
                        .setApplicationLayersCache(settings.cacheDirectory().resolve("application"));
            }
            if (settings.insecure() && settings.credential() != null) {
                // jib sends no credentials over plain HTTP unless told to; --insecure is that consent
                System.setProperty(JibSystemProperties.SEND_CREDENTIALS_OVER_HTTP, "true");
            }
            JibContainer result = container.containerize(containerizer);
            return new Built(component, reference, result.getDigest().toString(), result.getImageId().toString(),
                    Duration.between(start, Instant.now()));
        } catch (InvalidImageReferenceException e) {
            throw new ImageBuildException("'" + reference + "' is not a valid image reference: " + e.getMessage(), e);
        } catch (RegistryException | CacheDirectoryCreationException e) {
            throw new ImageBuildException(component.module() + ": " + e.getMessage(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ImageBuildException(component.module() + ": " + cause, cause);
        }
    }

    /** Everything but the destination: base, layers, entrypoint, user, ports, environment, labels. */
    JibContainerBuilder containerBuilder(Component component, BootJar jar, BootJar.Extracted files, Path workDirectory)
            throws IOException, ImageBuildException {
        JibContainerBuilder builder;
        try {
            builder = Jib.from(baseImage());
        } catch (InvalidImageReferenceException e) {
            throw new ImageBuildException("--base '" + settings.baseImage() + "' is not a valid image reference", e);
        }
        AbsoluteUnixPath app = AbsoluteUnixPath.get(APP_ROOT);
        AbsoluteUnixPath libs = app.resolve("libs");

        List<FileEntriesLayer> layers = new ArrayList<>();
        if (!component.writableDirectories().isEmpty()) {
            Path empty = Files.createDirectories(workDirectory.resolve("empty"));
            FileEntriesLayer.Builder writable = FileEntriesLayer.builder().setName("writable directories");
            for (String directory : component.writableDirectories()) {
                writable.addEntry(empty, AbsoluteUnixPath.get(directory), FilePermissions.fromOctalString("755"),
                        FILE_TIME, USER);
            }
            layers.add(writable.build());
        }
        Map<BootJar.Kind, FileEntriesLayer.Builder> jarLayers = new LinkedHashMap<>();
        jarLayers.put(BootJar.Kind.DEPENDENCY, FileEntriesLayer.builder().setName("dependencies"));
        jarLayers.put(BootJar.Kind.SNAPSHOT_DEPENDENCY, FileEntriesLayer.builder().setName("snapshot dependencies"));
        jarLayers.put(BootJar.Kind.PROJECT_DEPENDENCY, FileEntriesLayer.builder().setName("project dependencies"));
        Set<BootJar.Kind> present = new LinkedHashSet<>(jar.libraries().values());
        List<String> classpath = new ArrayList<>();
        classpath.add(app.resolve("classes").toString());
        classpath.add(app.resolve("resources").toString());
        for (Map.Entry<String, BootJar.Kind> library : jar.libraries().entrySet()) {
            AbsoluteUnixPath inImage = libs.resolve(library.getKey());
            jarLayers.get(library.getValue()).addEntry(files.libs().resolve(library.getKey()), inImage);
            classpath.add(inImage.toString());
        }
        for (Map.Entry<BootJar.Kind, FileEntriesLayer.Builder> layer : jarLayers.entrySet()) {
            if (present.contains(layer.getKey())) {
                layers.add(layer.getValue().build());
            }
        }
        layers.add(FileEntriesLayer.builder().setName("resources")
                .addEntryRecursive(files.resources(), app.resolve("resources")).build());
        layers.add(FileEntriesLayer.builder().setName("classes")
                .addEntryRecursive(files.classes(), app.resolve("classes")).build());
        Path classpathFile = workDirectory.resolve("classpath");
        Files.writeString(classpathFile, String.join(":", classpath), StandardCharsets.UTF_8);
        layers.add(FileEntriesLayer.builder().setName("classpath")
                .addEntry(classpathFile, app.resolve("classpath")).build());

        Set<Port> ports = new LinkedHashSet<>();
        component.ports().forEach(port -> ports.add(Port.tcp(port)));
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("org.opencontainers.image.title", "skyport-" + component.module());
        labels.put("org.opencontainers.image.version", settings.tag());
        labels.put("org.opencontainers.image.base.name", settings.baseImage());
        return builder.setFileEntriesLayers(layers)
                .setEntrypoint(entrypoint(jar.mainClass()))
                .setProgramArguments(List.of())
                .setUser(USER)
                .setWorkingDirectory(app)
                .setExposedPorts(ports)
                .setEnvironment(component.environment())
                .setLabels(labels)
                .setCreationTime(Instant.EPOCH);
    }

    /** {@code java <flags> -cp @/app/classpath <main class>}: the launcher reads the classpath from the file. */
    static List<String> entrypoint(String mainClass) {
        List<String> entrypoint = new ArrayList<>();
        entrypoint.add("java");
        entrypoint.addAll(JVM_FLAGS);
        entrypoint.add("-cp");
        entrypoint.add("@" + APP_ROOT + "/classpath");
        entrypoint.add(mainClass);
        return entrypoint;
    }

    private RegistryImage baseImage() throws InvalidImageReferenceException {
        ImageReference reference = ImageReference.parse(settings.baseImage());
        RegistryImage base = RegistryImage.named(reference);
        if (settings.credential() != null && reference.getRegistry().equals(ImageReference.parse(
                settings.registry() + "/x").getRegistry())) {
            base.addCredential(settings.credential().getUsername(), settings.credential().getPassword());
        } else {
            // another registry: what `docker login` stored, else anonymous (public images)
            base.addCredentialRetriever(CredentialRetrieverFactory.forImage(reference, this::onLog).dockerConfig());
        }
        return base;
    }

    private void onLog(LogEvent event) {
        String message = event.getMessage();
        boolean shown = switch (event.getLevel()) {
            case ERROR, LIFECYCLE -> true;
            // with --insecure, jib tries HTTPS first on every new endpoint and says so each time
            case WARN -> !(settings.insecure() && (message.startsWith("Failed to connect to https://")
                    || message.startsWith("Cannot verify server at https://")));
            default -> false;
        };
        if (shown && !message.isBlank()) {
            log.accept(message.strip());
        }
    }

    /** A build or push that failed, with jib's reason. */
    public static final class ImageBuildException extends Exception {
        private static final long serialVersionUID = 1L;

        public ImageBuildException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
