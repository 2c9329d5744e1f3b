package dev.skyport.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small projects (skygear.yaml and files) for the command tests. */
public final class Projects {

    private Projects() {
    }

    public static void write(Path root, String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /** {@code app: shop} with one Dockerfile item {@code api} at {@code ./api}, path /api, port 8080. */
    public static void dockerfileApp(Path root) throws IOException {
        write(root, "skygear.yaml", """
                app: shop
                deployments:
                  api:
                    type: http-service
                    path: /api
                    port: 8080
                    context: ./api
                    command: node server.js
                """);
        write(root, "api/Dockerfile", "FROM node:22\nCOPY . /app\n");
        write(root, "api/.dockerignore", "node_modules\n*.log\n");
        write(root, "api/server.js", "console.log('hi')\n");
        write(root, "api/lib/util.js", "module.exports = {}\n");
        write(root, "api/debug.log", "noise\n");
        write(root, "api/node_modules/left-pad/index.js", "module.exports = 1\n");
    }
}
