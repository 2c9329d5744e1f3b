package dev.skyport.api.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A checked {@code skygear.yaml}: the app and its deployment items in the order written.
 *
 * @param source    the name used in messages ({@code skygear.yaml} or the path given)
 * @param file      the file it was read from, or {@code null} when read from text
 * @param app       the app's name (a DNS label)
 * @param items     the deployment items
 * @param positions where each key was written, keyed by {@code item/key} (see {@link #positionOf})
 */
public record SkygearConfig(String source, Path file, String app, List<DeploymentItem> items,
                            Map<String, SourcePosition> positions) {

    public SkygearConfig {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(app, "app");
        items = List.copyOf(items);
        positions = Map.copyOf(positions);
    }

    public Optional<DeploymentItem> item(String name) {
        return items.stream().filter(i -> i.name().equals(name)).findFirst();
    }

    public List<String> itemNames() {
        return items.stream().map(DeploymentItem::name).toList();
    }

    /** The directory relative contexts start from: the file's directory, or {@code fallback} for text input. */
    public Path baseDirectory(Path fallback) {
        if (file == null) {
            return fallback;
        }
        Path parent = file.toAbsolutePath().getParent();
        return parent != null ? parent : fallback;
    }

    /** Where {@code key} of {@code item} was written ({@code item} alone for the item's name). */
    public SourcePosition positionOf(String item, String key) {
        return positions.getOrDefault(positionKey(item, key), SourcePosition.UNKNOWN);
    }

    static String positionKey(String item, String key) {
        return key == null ? item : item + "/" + key;
    }
}
