package dev.skyport.catalog.catalog;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.skyport.catalog.source.InvalidTemplatesException;
import dev.skyport.catalog.source.RuntimeTree;
import dev.skyport.catalog.source.SettingsFile;
import dev.skyport.catalog.source.TemplateTree;
import dev.skyport.catalog.source.VersionTree;
import dev.skyport.catalog.tarball.DeterministicTarball;

/**
 * Turns checked template directories into the catalog: applies each runtime's settings as of
 * {@code today}, picks defaults and builds every tarball.
 */
public final class CatalogAssembler {

    private CatalogAssembler() {
    }

    public static TemplateCatalog assemble(TemplateTree tree, LocalDate today) {
        List<String> problems = new ArrayList<>();
        List<RuntimeTemplates> runtimes = new ArrayList<>();
        for (RuntimeTree runtime : tree.runtimes().values()) {
            try {
                runtimes.add(assemble(runtime, today));
            } catch (InvalidTemplatesException e) {
                problems.addAll(e.problems());
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidTemplatesException(problems);
        }
        if (runtimes.isEmpty()) {
            throw new InvalidTemplatesException("there are no templates at all; mount templates in the templates directory"
                    + " or set skyport.catalog.include-builtin=true");
        }
        return new TemplateCatalog(runtimes);
    }

    private static RuntimeTemplates assemble(RuntimeTree runtime, LocalDate today) {
        RuntimeSettings settings = runtime.settings().map(RuntimeSettings::parse).orElse(RuntimeSettings.NONE);
        List<String> versions = runtime.versions().keySet().stream().sorted(VersionOrder.INSTANCE).toList();
        checkSettingsMatchVersions(runtime, settings, versions);

        String defaultVersion = settings.defaultVersion().orElseGet(() -> newestSupported(versions, settings, today));
        List<TemplateVersion> templates = new ArrayList<>();
        for (String version : versions) {
            VersionTree files = runtime.versions().get(version);
            templates.add(new TemplateVersion(runtime.name(), version, settings.endOfLife(version).reachedOn(today),
                    version.equals(defaultVersion), DeterministicTarball.of(files.files()), files.location()));
        }
        return new RuntimeTemplates(runtime.name(), defaultVersion, templates);
    }

    /** The newest version that is not end-of-life; the newest of all when every one is. */
    private static String newestSupported(List<String> ascending, RuntimeSettings settings, LocalDate today) {
        Optional<String> supported = ascending.stream().filter(v -> !settings.endOfLife(v).reachedOn(today)).reduce((a, b) -> b);
        return supported.orElse(ascending.get(ascending.size() - 1));
    }

    private static void checkSettingsMatchVersions(RuntimeTree runtime, RuntimeSettings settings, List<String> versions) {
        String where = runtime.settings().map(SettingsFile::location).orElse(runtime.name());
        List<String> problems = new ArrayList<>();
        for (String version : settings.endOfLife().keySet().stream().sorted(VersionOrder.INSTANCE).toList()) {
            if (!versions.contains(version)) {
                problems.add(where + ": " + version + ".eol names a version without a template directory; runtime '"
                        + runtime.name() + "' has " + String.join(", ", versions) + "; fix the version or remove the line");
            }
        }
        settings.defaultVersion().filter(v -> !versions.contains(v)).ifPresent(v -> problems.add(where + ": default = " + v
                + " names a version without a template directory; runtime '" + runtime.name() + "' has "
                + String.join(", ", versions)));
        if (!problems.isEmpty()) {
            throw new InvalidTemplatesException(problems);
        }
    }
}
