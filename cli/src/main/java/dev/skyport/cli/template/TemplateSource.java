package dev.skyport.cli.template;

/** Where runtime templates come from: the catalog through the endpoint, with a local cache. */
public interface TemplateSource {

    /** The template for {@code runtime} at {@code version}, or its default version when {@code version} is null. */
    FetchedTemplate fetch(String runtime, String version);
}
