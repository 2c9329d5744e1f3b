package dev.skyport.catalog.source;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The templates shipped inside the jar, under {@value #LOCATION} on the classpath (the build copies
 * the repository's {@code templates/} directory there).
 */
public record BuiltinTemplates(ClassLoader classLoader) implements TemplateSource {

    public static final String LOCATION = "skyport/templates/";

    public BuiltinTemplates() {
        this(BuiltinTemplates.class.getClassLoader());
    }

    @Override
    public String description() {
        return "built-in templates";
    }

    @Override
    public String locate(String relativePath) {
        return "classpath:" + LOCATION + relativePath + " (built in)";
    }

    @Override
    public SourceListing list() {
        URL root = classLoader.getResource(LOCATION);
        if (root == null) {
            throw new InvalidTemplatesException("the built-in templates are missing: nothing on the classpath at " + LOCATION
                    + "; build the catalog with ./mvnw, which copies templates/ into the jar");
        }
        String rootUrl = root.toString();
        Map<String, byte[]> files = new HashMap<>();
        Set<String> directories = new HashSet<>();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver(classLoader).getResources(rootUrl + "**")) {
                String url = resource.getURL().toString();
                if (!url.startsWith(rootUrl)) {
                    throw new IllegalStateException(url + " is not under " + rootUrl);
                }
                String path = decode(url.substring(rootUrl.length()));
                if (path.isEmpty()) {
                    continue;
                }
                if (path.endsWith("/") || resource.isFile() && resource.getFile().isDirectory()) {
                    directories.add(path.replaceFirst("/$", ""));
                } else {
                    files.put(path, resource.getContentAsByteArray());
                    addParents(path, directories);
                }
            }
        } catch (IOException e) {
            throw new InvalidTemplatesException("cannot read the built-in templates at " + rootUrl + ": " + e);
        }
        return new SourceListing(files, directories);
    }

    /** File URLs escape characters such as spaces; jar URLs may not. */
    private static String decode(String path) {
        try {
            return new URI(path).getPath();
        } catch (URISyntaxException e) {
            return path;
        }
    }

    private static void addParents(String path, Set<String> directories) {
        for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
            directories.add(path.substring(0, slash));
        }
    }
}
