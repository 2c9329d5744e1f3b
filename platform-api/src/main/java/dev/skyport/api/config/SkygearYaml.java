package dev.skyport.api.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.yaml.snakeyaml.reader.UnicodeReader;

/**
 * Reads and checks {@code skygear.yaml}. This step never looks at the filesystem beyond the file
 * itself; {@link ContextChecks} checks the contexts and Dockerfiles it names.
 */
public final class SkygearYaml {

    public static final String FILE_NAME = "skygear.yaml";

    private SkygearYaml() {
    }

    /** Reads {@code file}; problems are named after the path as given. */
    public static ConfigResult<SkygearConfig> read(Path file) {
        return read(file, file.toString());
    }

    /** Reads {@code file}; problems name it {@code source} (for example the path as the user typed it). */
    public static ConfigResult<SkygearConfig> read(Path file, String source) {
        ProblemCollector problems = new ProblemCollector(source);
        if (Files.isDirectory(file)) {
            problems.add(SourcePosition.UNKNOWN, null, null, "is a directory; give the path of the "
                    + FILE_NAME + " file");
            return ConfigResult.invalid(problems.problems());
        }
        try (InputStream in = Files.newInputStream(file)) {
            ConfigValue root = new YamlTreeReader(problems).read(new UnicodeReader(in));
            return root == null ? ConfigResult.invalid(problems.problems())
                    : SkygearReader.read(root, source, file, problems);
        } catch (NoSuchFileException e) {
            Path directory = file.toAbsolutePath().getParent();
            problems.add(SourcePosition.UNKNOWN, null, null, "not found" + (directory == null ? "" : " in " + directory)
                    + "; create it (see docs/skygear-yaml.md) or pass its path with --file");
            return ConfigResult.invalid(problems.problems());
        } catch (IOException e) {
            problems.add(SourcePosition.UNKNOWN, null, null, "cannot be read: " + e.getMessage());
            return ConfigResult.invalid(problems.problems());
        }
    }

    /** Reads YAML text; {@code source} names it in problems. */
    public static ConfigResult<SkygearConfig> parse(String text, String source) {
        ProblemCollector problems = new ProblemCollector(source);
        ConfigValue root = new YamlTreeReader(problems).read(new StringReader(text));
        return root == null ? ConfigResult.invalid(problems.problems())
                : SkygearReader.read(root, source, null, problems);
    }
}
