package dev.skyport.cli.context;

import dev.skyport.cli.ignore.IgnoreRules;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A directory whose files go into the context, with the ignore rules that apply to that directory
 * alone (a user's {@code .skyignore} when a runtime template is merged in; none otherwise).
 *
 * @param root   the directory
 * @param filter rules that hide this layer's own files before merging
 * @param label  how messages name the layer ("your context", "the nodejs 22 template")
 */
public record ContextLayer(Path root, IgnoreRules filter, String label) {

    public ContextLayer {
        Objects.requireNonNull(root, "root");
        filter = filter == null ? IgnoreRules.none() : filter;
    }

    public static ContextLayer of(Path root) {
        return new ContextLayer(root, IgnoreRules.none(), "the context");
    }
}
