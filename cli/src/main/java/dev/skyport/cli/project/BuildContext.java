package dev.skyport.cli.project;

import dev.skyport.api.config.DeploymentItem;
import dev.skyport.cli.context.ContextWalker;
import dev.skyport.cli.template.FetchedTemplate;
import java.nio.file.Path;

/**
 * What one item sends: its walker, the template merged in (or {@code null}), and the ignore file a
 * person edits to leave things out ({@code .dockerignore}, or {@code .skyignore} for a runtime item).
 *
 * @param item       the item, with the runtime version the catalog resolved
 * @param directory  the user's context directory
 * @param walker     walks what is sent
 * @param template   the runtime template, or {@code null}
 * @param ignoreFile the user's ignore file name
 */
public record BuildContext(DeploymentItem item, Path directory, ContextWalker walker, FetchedTemplate template,
                           String ignoreFile) {
}
