package dev.skyport.cli.project;

import dev.skyport.api.config.DeploymentItem;
import dev.skyport.cli.context.ContextLayer;
import dev.skyport.cli.context.ContextWalker;
import dev.skyport.cli.ignore.IgnoreRules;
import dev.skyport.cli.template.FetchedTemplate;
import dev.skyport.cli.template.TemplateSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Builds the context of an item. A Dockerfile item sends its context filtered by its
 * {@code .dockerignore}, always with the Dockerfile and {@code .dockerignore}. A runtime item sends
 * the template's files merged with the user's ({@code .skyignore} filters the user's), filtered by the
 * template's {@code .dockerignore}; the Dockerfile is the template's.
 */
public final class BuildContexts {

    private final Supplier<TemplateSource> templates;

    /** {@code templates} is asked for only when an item uses a runtime (it needs the endpoint). */
    public BuildContexts(Supplier<TemplateSource> templates) {
        this.templates = templates;
    }

    public BuildContext prepare(Project project, DeploymentItem item) throws IOException {
        Path directory = project.contextOf(item);
        if (!item.usesRuntime()) {
            IgnoreRules rules = IgnoreRules.read(directory.resolve(".dockerignore"),
                    displayPath(item, ".dockerignore"));
            ContextWalker walker = new ContextWalker(null, ContextLayer.of(directory), rules,
                    Set.of(item.dockerfileOrDefault(), ".dockerignore"));
            return new BuildContext(item, directory, walker, null, ".dockerignore");
        }
        FetchedTemplate template = templates.get().fetch(item.runtime(), item.runtimeVersion());
        IgnoreRules skyignore = IgnoreRules.read(directory.resolve(".skyignore"), displayPath(item, ".skyignore"));
        IgnoreRules templateRules = IgnoreRules.read(template.directory().resolve(".dockerignore"),
                template.label() + "'s .dockerignore");
        ContextWalker walker = new ContextWalker(
                new ContextLayer(template.directory(), IgnoreRules.none(), template.label()),
                new ContextLayer(directory, skyignore, "your context"),
                templateRules, Set.of("Dockerfile", ".dockerignore"));
        return new BuildContext(item.withRuntimeVersion(template.version()), directory, walker, template, ".skyignore");
    }

    private static String displayPath(DeploymentItem item, String file) {
        String context = item.context() == null ? "." : item.context();
        return context.endsWith("/") ? context + file : context + "/" + file;
    }
}
