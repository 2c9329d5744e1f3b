package dev.skyport.cli.context;

import java.util.List;

/** The contexts both {@code ContextWalkerTest} and {@code DockerParityTest} run, from Docker's documentation. */
final class ContextCases {

    static final String WILDCARD_EXCEPTION_IN_EXCLUDED_DIRECTORY = "wildcard exception inside an excluded directory";
    static final String PARENT_MATCH_AT_EVERY_DEPTH = "a pattern matches parents at every depth";

    private ContextCases() {
    }

    static List<ContextCase> all() {
        return List.of(
                new ContextCase("no .dockerignore sends everything, empty directories included", null,
                        List.of("b.txt", "a/x.txt", "a.txt", "empty/", "a-b"),
                        List.of("a/", "a/x.txt", "a-b", "a.txt", "b.txt", "empty/"), null),
                new ContextCase("a directory pattern excludes the directory and everything in it",
                        "node_modules\n",
                        List.of("node_modules/a/index.js", "node_modules/b/", "src/node_modules/c.js", "main.js"),
                        List.of(".dockerignore", "main.js", "src/", "src/node_modules/", "src/node_modules/c.js"), null),
                new ContextCase("leading and trailing slashes make no difference", "/build/\n/docs/*.md\n",
                        List.of("build/out.o", "docs/a.md", "docs/b.txt", "x/build/y"),
                        List.of(".dockerignore", "docs/", "docs/b.txt", "x/", "x/build/", "x/build/y"), null),
                new ContextCase("star and question mark stay inside one directory", "*/temp*\n*/*/temp*\ntemp?\n",
                        List.of("somedir/temporary.txt", "somedir/temp", "somedir/subdir/temporary.txt",
                                "a/b/c/temp1", "tempa", "tempab", "temp", "other.txt"),
                        List.of(".dockerignore", "a/", "a/b/", "a/b/c/", "a/b/c/temp1", "other.txt", "somedir/",
                                "somedir/subdir/", "temp", "tempab"), null),
                new ContextCase("double star matches any number of directories", "**/*.go\n",
                        List.of("main.go", "a/b/c.go", "a/b/c.txt"),
                        List.of(".dockerignore", "a/", "a/b/", "a/b/c.txt"), null),
                new ContextCase("the last matching pattern wins", "*.md\n!README*.md\nREADME-secret.md\n",
                        List.of("README.md", "README-secret.md", "CHANGES.md", "main.c"),
                        List.of(".dockerignore", "README.md", "main.c"), null),
                new ContextCase("an exception after the pattern re-includes", "*.md\nREADME-secret.md\n!README*.md\n",
                        List.of("README.md", "README-secret.md", "CHANGES.md"),
                        List.of(".dockerignore", "README-secret.md", "README.md"), null),
                new ContextCase("an exception inside an excluded directory brings its parents", "docs\n!docs/api/README.md\n",
                        List.of("docs/api/README.md", "docs/api/other.md", "docs/guide/x.md"),
                        List.of(".dockerignore", "docs/", "docs/api/", "docs/api/README.md"), null),
                new ContextCase("character classes and escapes", "[a-c]*.log\n\\[literal\\].txt\nfile[!x].txt\n",
                        List.of("a1.log", "d1.log", "[literal].txt", "literal.txt", "file!.txt", "filey.txt"),
                        List.of(".dockerignore", "d1.log", "filey.txt", "literal.txt"), null),
                new ContextCase("comments only in column one, spaces trimmed", "# comment.txt\n  #kept.txt  \n  spaced.txt\n",
                        List.of("# comment.txt", "#kept.txt", "spaced.txt", "other.txt"),
                        List.of("# comment.txt", ".dockerignore", "other.txt"), null),
                new ContextCase("the ignore file can exclude itself", ".dockerignore\n*.tmp\n",
                        List.of("a.tmp", "b.txt"), List.of("b.txt"), null),
                new ContextCase("symlinks are sent as links and not followed", "target/\n",
                        List.of("src/main.js", "link.js -> src/main.js", "dirlink -> src", "target/x"),
                        List.of(".dockerignore", "dirlink", "link.js", "src/", "src/main.js"), null),
                new ContextCase(WILDCARD_EXCEPTION_IN_EXCLUDED_DIRECTORY, "node_modules\n!node_modules/*/package.json\n",
                        List.of("node_modules/left-pad/package.json", "node_modules/left-pad/index.js", "app.js"),
                        List.of(".dockerignore", "app.js", "node_modules/", "node_modules/left-pad/",
                                "node_modules/left-pad/package.json"),
                        "Engine 20.10's walker skips an excluded directory unless an exception starts with the"
                                + " directory's literal path, so a wildcard exception inside it never applies"),
                new ContextCase(PARENT_MATCH_AT_EVERY_DEPTH, "**/build\n!a/b/build/keep.txt\n",
                        List.of("a/b/build/keep.txt", "a/b/build/out.o", "a/c.txt"),
                        List.of(".dockerignore", "a/", "a/b/", "a/b/build/", "a/b/build/keep.txt", "a/c.txt"),
                        "Engine 20.10 checks a pattern against one parent only (as deep as the pattern has"
                                + " components), so a/b/build/out.o escapes **/build once the walker enters the"
                                + " directory for the exception"));
    }
}
