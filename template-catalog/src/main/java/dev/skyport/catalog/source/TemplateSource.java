package dev.skyport.catalog.source;

/** Where templates come from: the set built into the jar, or a directory an operator mounts. */
public sealed interface TemplateSource permits BuiltinTemplates, DirectoryTemplates {

    /** For logs and messages: "built-in templates", "templates directory /etc/skyport/templates". */
    String description();

    /** Where a path of this source is, for messages that tell an operator which file to fix. */
    String locate(String relativePath);

    /** Reads every file and directory; fails with {@link InvalidTemplatesException} when it cannot. */
    SourceListing list();
}
