package dev.skyport.api.template;

/**
 * The catalog's 404 for a runtime or version it does not have. Its {@code details} list what exists,
 * so that a client can say which names to use instead.
 */
public final class TemplateErrors {

    public static final String NOT_FOUND = "template_not_found";
    /** Details key of an unknown runtime: the runtime names. */
    public static final String RUNTIMES = "runtimes";
    /** Details key of an unknown version: the runtime's version names. */
    public static final String VERSIONS = "versions";

    private TemplateErrors() {
    }
}
