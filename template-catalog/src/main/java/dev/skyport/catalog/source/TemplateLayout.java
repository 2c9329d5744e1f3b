package dev.skyport.catalog.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.skyport.catalog.tarball.DeterministicTarball;

/**
 * The rules a templates root follows, and the reader that checks them:
 * <pre>
 * &lt;root&gt;/&lt;runtime&gt;/runtime.properties          optional: end-of-life dates, default version
 * &lt;root&gt;/&lt;runtime&gt;/&lt;version&gt;/Dockerfile           required
 * &lt;root&gt;/&lt;runtime&gt;/&lt;version&gt;/.dockerignore        optional
 * &lt;root&gt;/&lt;runtime&gt;/&lt;version&gt;/.skyport/...          helper files
 * </pre>
 * Nothing else may sit in a template: skycli merges the template into the app's directory, and any
 * other name could clash with one of the app's files. Files directly under the root (a README) are
 * ignored.
 */
public final class TemplateLayout {

    public static final String RUNTIME_SETTINGS = "runtime.properties";
    public static final String DOCKERFILE = "Dockerfile";
    public static final String DOCKERIGNORE = ".dockerignore";
    public static final String HELPER_DIRECTORY = ".skyport/";
    public static final int MAX_TEMPLATE_BYTES = 8 * 1024 * 1024;

    /** A DNS label, so a runtime name is safe in URLs, image labels and Kubernetes names. */
    static final Pattern RUNTIME_NAME = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    static final Pattern VERSION_NAME = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._-]{0,62}");

    private TemplateLayout() {
    }

    /** Reads and checks a source; every problem found is reported at once. */
    public static TemplateTree read(TemplateSource source) {
        SourceListing listing = source.list();
        List<String> problems = new ArrayList<>();
        SortedMap<String, RuntimeTree> runtimes = new TreeMap<>();
        for (String runtimeDir : children(listing.directories(), "")) {
            String runtime = runtimeDir;
            if (!RUNTIME_NAME.matcher(runtime).matches()) {
                problems.add(source.locate(runtimeDir) + ": '" + runtime + "' is not a valid runtime name;"
                        + " use lower-case letters, digits and '-' (for example 'nodejs')");
                continue;
            }
            runtimes.put(runtime, readRuntime(source, listing, runtime, problems));
        }
        if (!problems.isEmpty()) {
            throw new InvalidTemplatesException(problems);
        }
        return new TemplateTree(runtimes);
    }

    /** Why {@code name} cannot be a version directory's name, or null if it can. */
    public static String versionNameProblem(String name) {
        if (!VERSION_NAME.matcher(name).matches() || name.endsWith(".tar.gz")) {
            return "'" + name + "' is not a valid version name; use letters, digits, '.', '_' and '-',"
                    + " starting with a letter or digit (for example '3.12'), not ending in .tar.gz";
        }
        return null;
    }

    private static RuntimeTree readRuntime(TemplateSource source, SourceListing listing, String runtime, List<String> problems) {
        String prefix = runtime + "/";
        Optional<SettingsFile> settings = Optional.empty();
        for (Map.Entry<String, byte[]> file : listing.files().subMap(prefix, prefix + Character.MAX_VALUE).entrySet()) {
            String inRuntime = file.getKey().substring(prefix.length());
            if (inRuntime.equals(RUNTIME_SETTINGS)) {
                settings = Optional.of(new SettingsFile(source.locate(file.getKey()), file.getValue()));
            } else if (!inRuntime.contains("/")) {
                problems.add(source.locate(file.getKey()) + " is not allowed here: a runtime directory holds only"
                        + " version directories and " + RUNTIME_SETTINGS + "; move or remove it");
            }
        }
        SortedMap<String, VersionTree> versions = new TreeMap<>();
        for (String version : children(listing.directories(), prefix)) {
            String problem = versionNameProblem(version);
            if (problem != null) {
                problems.add(source.locate(prefix + version) + ": " + problem);
                continue;
            }
            versions.put(version, readVersion(source, listing, runtime, version, problems));
        }
        if (versions.isEmpty()) {
            problems.add(source.locate(runtime) + " has no version directories; add one such as "
                    + source.locate(prefix + "1.0") + " with a Dockerfile, or remove the runtime directory");
        }
        return new RuntimeTree(runtime, settings, versions);
    }

    private static VersionTree readVersion(TemplateSource source, SourceListing listing, String runtime, String version,
                                           List<String> problems) {
        String prefix = runtime + "/" + version + "/";
        SortedMap<String, byte[]> files = new TreeMap<>();
        long bytes = 0;
        for (Map.Entry<String, byte[]> file : listing.files().subMap(prefix, prefix + Character.MAX_VALUE).entrySet()) {
            String path = file.getKey().substring(prefix.length());
            String where = source.locate(file.getKey());
            if (!isAllowedInTemplate(path)) {
                problems.add(where + " is outside " + HELPER_DIRECTORY + "; a template holds only " + DOCKERFILE + ", "
                        + DOCKERIGNORE + " and helper files under " + HELPER_DIRECTORY
                        + " (any other name could clash with the app's own files); move it there");
                continue;
            }
            String pathProblem = DeterministicTarball.pathProblem(path);
            if (pathProblem != null) {
                problems.add(where + " cannot be served: its path inside the template " + pathProblem + "; rename it");
                continue;
            }
            files.put(path, file.getValue());
            bytes += file.getValue().length;
        }
        String location = source.locate(prefix.substring(0, prefix.length() - 1));
        if (!files.containsKey(DOCKERFILE)) {
            problems.add(location + " has no " + DOCKERFILE + "; every template directory needs one at its root");
        }
        if (bytes > MAX_TEMPLATE_BYTES) {
            problems.add(location + " holds " + bytes + " bytes; a template is a Dockerfile and small helpers,"
                    + " at most " + MAX_TEMPLATE_BYTES + " bytes");
        }
        return new VersionTree(runtime, version, location, files);
    }

    private static boolean isAllowedInTemplate(String path) {
        return path.equals(DOCKERFILE) || path.equals(DOCKERIGNORE)
                || path.startsWith(HELPER_DIRECTORY) && path.length() > HELPER_DIRECTORY.length();
    }

    /** The names of the direct subdirectories of {@code parent} ("" for the root, else ending in '/'). */
    private static List<String> children(SortedSet<String> directories, String parent) {
        List<String> names = new ArrayList<>();
        for (String dir : parent.isEmpty() ? directories : directories.subSet(parent, parent + Character.MAX_VALUE)) {
            String rest = dir.substring(parent.length());
            if (!rest.isEmpty() && !rest.contains("/")) {
                names.add(rest);
            }
        }
        return names;
    }
}
