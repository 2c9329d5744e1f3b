package dev.skyport.catalog.catalog;

import java.util.Map;

/** A request named a runtime or version the catalog does not have; {@code details} lists what exists. */
public class TemplateNotFoundException extends RuntimeException {

    private final transient Map<String, Object> details;

    public TemplateNotFoundException(String message, Map<String, Object> details) {
        super(message);
        this.details = Map.copyOf(details);
    }

    public Map<String, Object> details() {
        return details;
    }
}
