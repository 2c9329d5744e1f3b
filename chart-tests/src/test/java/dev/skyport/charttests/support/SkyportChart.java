package dev.skyport.charttests.support;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code charts/skyport} through helm-java (Helm as a native library; no cluster, no network): {@code helm
 * template} with a variant's values, and {@code helm lint} of the chart with those values.
 *
 * <p>helm-java's template returns the release's manifest only, without its hooks (the {@code helm test} pod).
 * So renders use a copy of the chart in which the annotation key {@code helm.sh/hook} is spelled
 * {@value #HOOK}: the test pod then renders with everything else, still marked as a hook, and
 * {@link Rendered#installed()} leaves it out as {@code helm install} would.
 */
public final class SkyportChart {

    public static final String RELEASE = "skyport";
    public static final String NAMESPACE = "skyport";
    /** {@code helm.sh/hook} as the rendering copy spells it. */
    public static final String HOOK = "chart-tests.skyport.dev/hook";

    private static Path renderingCopy;

    private SkyportChart() {
    }

    /** The chart's directory (the surefire configuration passes it; from the module directory otherwise). */
    public static Path directory() {
        return Path.of(System.getProperty("skyport.chart.dir", "../charts/skyport")).toAbsolutePath().normalize();
    }

    /** {@code helm template skyport charts/skyport -n skyport -f <variant>}. */
    public static Rendered render(Variant variant) {
        return render(variant, Map.of());
    }

    /** The same, with {@code --set key=value} on top. */
    public static Rendered render(Variant variant, Map<String, Object> sets) {
        HelmCluster.get();
        TemplateCommand command = new Helm(renderingCopy()).template().withName(RELEASE).withNamespace(NAMESPACE);
        Path values = variant.valuesFile();
        if (values != null) {
            command = command.withValuesFile(values);
        }
        for (Map.Entry<String, Object> set : sets.entrySet()) {
            command = command.set(set.getKey(), set.getValue());
        }
        return Rendered.parse(command.call());
    }

    /**
     * {@code helm lint --strict} of the chart with the variant's values. helm-java's lint takes no values
     * file, so the chart is copied and its values.yaml replaced by the defaults merged with the variant's.
     */
    public static LintResult lint(Variant variant) {
        Path copy = copyOfChart();
        try {
            if (variant.valuesFile() != null) {
                Map<String, Object> merged = merge(readYaml(directory().resolve("values.yaml")),
                        readYaml(variant.valuesFile()));
                DumperOptions options = new DumperOptions();
                options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
                Files.writeString(copy.resolve("values.yaml"), new Yaml(options).dump(merged));
            }
            return new Helm(copy).lint().strict().call();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteRecursively(copy);
        }
    }

    /** The chart with its hooks' annotation renamed (see the class comment); made once per test run. */
    private static synchronized Path renderingCopy() {
        if (renderingCopy == null) {
            Path copy = copyOfChart();
            try (Stream<Path> files = Files.walk(copy.resolve("templates"))) {
                for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    String text = Files.readString(file);
                    Files.writeString(file, text.replace("helm.sh/hook", HOOK));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(copy)));
            renderingCopy = copy;
        }
        return renderingCopy;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> merge(Map<String, Object> base, Map<String, Object> overlay) {
        Map<String, Object> merged = new LinkedHashMap<>(base);
        overlay.forEach((key, value) -> {
            Object old = merged.get(key);
            if (old instanceof Map<?, ?> oldMap && value instanceof Map<?, ?> newMap) {
                merged.put(key, merge((Map<String, Object>) oldMap, (Map<String, Object>) newMap));
            } else {
                merged.put(key, value);
            }
        });
        return merged;
    }

    private static Map<String, Object> readYaml(Path file) throws IOException {
        Map<String, Object> map = new Yaml().load(Files.readString(file));
        return map == null ? Map.of() : map;
    }

    private static Path copyOfChart() {
        try {
            Path target = Files.createTempDirectory("skyport-chart-").resolve("skyport");
            Path source = directory();
            try (Stream<Path> files = Files.walk(source)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    Path to = target.resolve(source.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(file, to);
                    }
                }
            }
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path chart) {
        Path root = chart.getParent();
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
