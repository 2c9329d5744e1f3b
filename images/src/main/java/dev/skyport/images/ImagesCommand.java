package dev.skyport.images;

import com.google.cloud.tools.jib.api.Credential;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Builds the images of the gateway, the build farm and the template catalog from their packaged jars and
 * pushes them (docs/operators.md#images):
 *
 * <pre>
 * ./mvnw -B -q -pl images -am package -DskipTests -Pimages \
 *   -Dexec.args="--registry 127.0.0.1:15000 --credentials-dir $HOME/.skyport/registry/auth --insecure"
 * </pre>
 */
@Command(name = "images", mixinStandardHelpOptions = true, sortOptions = false,
        versionProvider = ImagesCommand.Version.class,
        description = "Builds the gateway, build-farm and template-catalog images with jib-core from their packaged "
                + "Spring Boot jars and pushes them to a registry, as <registry>/<namespace>/<component>:<tag>. "
                + "Prints one line per image: component, reference, digest.")
public final class ImagesCommand implements Callable<Integer> {

    public static final String DEFAULT_BASE = "eclipse-temurin:21-jre";

    @Option(names = "--registry", required = true, paramLabel = "HOST[:PORT]",
            description = "Registry to push to.")
    String registry;

    @Option(names = "--namespace", defaultValue = "skyport", paramLabel = "NAME",
            description = "Repository prefix under the registry (default: ${DEFAULT-VALUE}).")
    String namespace;

    @Option(names = "--tag", paramLabel = "TAG", description = "Tag (default: the project version).")
    String tag;

    @Option(names = "--additional-tag", paramLabel = "TAG", description = "Another tag for the same images; repeatable.")
    List<String> additionalTags = new ArrayList<>();

    @Option(names = "--base", defaultValue = DEFAULT_BASE, paramLabel = "IMAGE",
            description = "Base image: a JRE 17 or newer with java on the PATH (default: ${DEFAULT-VALUE}).")
    String base;

    @Option(names = "--username", paramLabel = "NAME", description = "Registry username.")
    String username;

    @Option(names = "--password-file", paramLabel = "FILE", description = "File holding the registry password (trimmed).")
    Path passwordFile;

    @Option(names = "--credentials-dir", paramLabel = "DIR",
            description = "Directory with 'username' and 'password' files (a mounted Secret, scripts/dev-services' "
                    + "registry/auth); instead of --username and --password-file.")
    Path credentialsDirectory;

    @Option(names = "--insecure",
            description = "Allow a registry over plain HTTP (or with an unverified certificate), and send the "
                    + "credentials to it over plain HTTP.")
    boolean insecure;

    @Option(names = "--component", split = ",", paramLabel = "NAME",
            description = "Only these: gateway, build-farm, template-catalog (default: all three).")
    List<String> components = new ArrayList<>();

    @Option(names = "--project-dir", paramLabel = "DIR",
            description = "Repository root, where <component>/target/<component>-<version>.jar are "
                    + "(default: the Maven project's, else the current directory).")
    Path projectDirectory;

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "jib's layer cache (default: jib's own).")
    Path cacheDirectory;

    private final PrintStream out;
    private final PrintStream err;
    private final List<ImageBuilder.Built> built = new ArrayList<>();

    public ImagesCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        ImagesCommand command = new ImagesCommand(new PrintStream(System.out, true, StandardCharsets.UTF_8),
                new PrintStream(System.err, true, StandardCharsets.UTF_8));
        int code = command.run(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Parses {@code args} and builds; 0 when every image was pushed, 1 when one failed, 2 for bad usage. */
    public int run(String... args) {
        CommandLine commandLine = new CommandLine(this);
        commandLine.setOut(new java.io.PrintWriter(out, true));
        commandLine.setErr(new java.io.PrintWriter(err, true));
        return commandLine.execute(args);
    }

    /** The images pushed by the last {@link #run}, in order. */
    public List<ImageBuilder.Built> built() {
        return List.copyOf(built);
    }

    @Override
    public Integer call() throws Exception {
        String version = projectVersion();
        Path projectDir = projectDirectory();
        List<Component> selected = new ArrayList<>();
        for (String name : components) {
            try {
                selected.add(Component.ofModule(name.strip()));
            } catch (IllegalArgumentException e) {
                err.println("--component " + e.getMessage());
                return 2;
            }
        }
        if (selected.isEmpty()) {
            selected.addAll(Arrays.asList(Component.values()));
        }
        Credential credential;
        try {
            credential = credential();
        } catch (IllegalArgumentException | IOException e) {
            err.println(e.getMessage());
            return e instanceof IOException ? 1 : 2;
        }
        ImageBuilder.Settings settings = new ImageBuilder.Settings(registry, namespace, tag == null ? version : tag,
                additionalTags, base, credential, insecure,
                cacheDirectory == null ? null : cacheDirectory.toAbsolutePath());
        ImageBuilder builder = new ImageBuilder(settings, message -> err.println("  " + message));

        Instant start = Instant.now();
        Path work = Files.createTempDirectory("skyport-images");
        try {
            for (Component component : selected) {
                Path jar = component.bootJar(projectDir, version);
                err.println(component.module() + ": building " + settings.repository(component) + ":" + settings.tag()
                        + " from " + jar + " on " + base);
                try {
                    ImageBuilder.Built image = builder.build(component, jar, work.resolve(component.module()));
                    built.add(image);
                    err.printf("%s: pushed in %.1f s%n", component.module(), image.took().toMillis() / 1000.0);
                    out.println(component.module() + " " + image.reference() + " " + image.digest());
                } catch (ImageBuilder.ImageBuildException | IOException e) {
                    err.println(component.module() + ": " + e.getMessage());
                    return 1;
                }
            }
        } finally {
            BootJar.deleteRecursively(work);
        }
        err.printf("%d image(s) in %.1f s%n", built.size(), Duration.between(start, Instant.now()).toMillis() / 1000.0);
        return 0;
    }

    private Credential credential() throws IOException {
        if (credentialsDirectory != null) {
            if (username != null || passwordFile != null) {
                throw new IllegalArgumentException(
                        "give either --credentials-dir or --username with --password-file, not both");
            }
            return Credential.from(readTrimmed(credentialsDirectory.resolve("username")),
                    readTrimmed(credentialsDirectory.resolve("password")));
        }
        if (username == null && passwordFile == null) {
            return null;
        }
        if (username == null || passwordFile == null) {
            throw new IllegalArgumentException("--username and --password-file go together");
        }
        return Credential.from(username, readTrimmed(passwordFile));
    }

    private Path projectDirectory() {
        if (projectDirectory != null) {
            return projectDirectory.toAbsolutePath().normalize();
        }
        String fromMaven = System.getProperty("skyport.images.project-dir");
        if (fromMaven != null && !fromMaven.isBlank()) {
            return Path.of(fromMaven).toAbsolutePath().normalize();
        }
        Path here = Path.of("").toAbsolutePath();
        // run from images/ itself: the repository is one level up
        return Files.isDirectory(here.resolve("gateway")) || here.getParent() == null ? here : here.getParent();
    }

    static String projectVersion() throws IOException {
        try (InputStream in = ImagesCommand.class.getResourceAsStream("images.properties")) {
            if (in == null) {
                throw new IOException("images.properties is missing from the classpath (build the module with Maven)");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        }
    }

    /** {@code --version}: the project version, which is also the default tag. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            return new String[] {"skyport images " + projectVersion() + " (jib-core)"};
        }
    }

    private static String readTrimmed(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " does not exist");
        }
        return Files.readString(file, StandardCharsets.UTF_8).strip();
    }
}
