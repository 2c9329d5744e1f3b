package dev.skyport.catalog.source;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Templates in a directory on disk, typically a mounted ConfigMap or volume.
 *
 * <p>Symbolic links are followed, and names starting with {@code ..} are skipped: a mounted
 * ConfigMap is a set of links into a hidden {@code ..data} directory that Kubernetes swaps on update.
 */
public record DirectoryTemplates(Path root) implements TemplateSource {

    @Override
    public String description() {
        return "templates directory " + root;
    }

    @Override
    public String locate(String relativePath) {
        return relativePath.isEmpty() ? root.toString() : root.resolve(relativePath).toString();
    }

    @Override
    public SourceListing list() {
        if (!Files.isDirectory(root)) {
            throw new InvalidTemplatesException("the templates directory " + root + " does not exist or is not a directory; "
                    + "mount the templates there, or unset skyport.catalog.templates-dir to serve only the built-in ones");
        }
        Map<String, byte[]> files = new HashMap<>();
        Set<String> directories = new HashSet<>();
        List<String> problems = new ArrayList<>();
        try {
            Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(root) && isKubernetesInternal(dir)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    directories.add(relative(dir));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (isKubernetesInternal(file)) {
                        return FileVisitResult.CONTINUE;
                    }
                    if (attrs.isRegularFile()) {
                        files.put(relative(file), Files.readAllBytes(file));
                    } else {
                        problems.add(file + " is neither a regular file nor a directory; remove it");
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    problems.add("cannot read " + file + ": " + e);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            problems.add("cannot read the templates directory " + root + ": " + e);
        }
        if (!problems.isEmpty()) {
            throw new InvalidTemplatesException(problems);
        }
        directories.remove("");
        return new SourceListing(files, directories);
    }

    private String relative(Path path) {
        List<String> segments = new ArrayList<>();
        root.relativize(path).forEach(segment -> segments.add(segment.toString()));
        return String.join("/", segments);
    }

    private static boolean isKubernetesInternal(Path path) {
        return path.getFileName() != null && path.getFileName().toString().startsWith("..");
    }
}
