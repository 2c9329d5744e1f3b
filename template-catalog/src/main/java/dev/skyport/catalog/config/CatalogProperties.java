package dev.skyport.catalog.config;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code skyport.catalog}.
 *
 * @param templatesDir   a directory laid out like the repository's {@code templates/} (a mounted
 *                       ConfigMap or volume); its templates replace built-in ones of the same
 *                       runtime and version and add new ones. Unset: only the built-in set.
 * @param includeBuiltin serve the templates built into the jar (default true); false serves only
 *                       the templates directory
 */
@ConfigurationProperties("skyport.catalog")
public record CatalogProperties(Path templatesDir, @DefaultValue("true") boolean includeBuiltin) {
}
