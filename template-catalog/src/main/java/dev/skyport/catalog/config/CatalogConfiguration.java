package dev.skyport.catalog.config;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.skyport.catalog.catalog.TemplateCatalog;
import dev.skyport.catalog.catalog.TemplateCatalogLoader;
import dev.skyport.catalog.source.BuiltinTemplates;
import dev.skyport.catalog.source.DirectoryTemplates;
import dev.skyport.catalog.source.TemplateSource;

/** Builds the catalog once at start-up; a bad template stops the service with a message naming it. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CatalogProperties.class)
public class CatalogConfiguration {

    @Bean
    TemplateCatalog templateCatalog(CatalogProperties properties, ObjectProvider<Clock> clock) {
        List<TemplateSource> sources = new ArrayList<>();
        if (properties.includeBuiltin()) {
            sources.add(new BuiltinTemplates());
        }
        if (properties.templatesDir() != null) {
            sources.add(new DirectoryTemplates(properties.templatesDir()));
        }
        LocalDate today = LocalDate.now(clock.getIfAvailable(Clock::systemUTC));
        return TemplateCatalogLoader.load(sources, today);
    }
}
