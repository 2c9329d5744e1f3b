package dev.skyport.cli.settings;

import dev.skyport.cli.CliFailure;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code $SKYPORT_HOME/config}: the endpoint and token as JSON, readable by its owner only (0600),
 * replaced atomically so a crash never leaves half a file.
 */
public final class ConfigFile {

    private final Path file;
    private final ObjectMapper json = JsonMapper.builder().build();

    public ConfigFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    public Settings read() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Settings.EMPTY;
        } catch (IOException e) {
            throw CliFailure.usage("cannot read " + file + ": " + e.getMessage());
        }
        try {
            JsonNode node = json.readTree(text);
            if (node == null || !node.isObject()) {
                throw CliFailure.usage(file + " is not a JSON object; run skycli login again to rewrite it");
            }
            return new Settings(text(node, "endpoint"), text(node, "token"));
        } catch (JacksonException e) {
            throw CliFailure.usage(file + " is not valid JSON (" + e.getOriginalMessage()
                    + "); run skycli login again to rewrite it");
        }
    }

    public void write(Settings settings) {
        ObjectNode node = json.createObjectNode();
        if (settings.endpoint() != null) {
            node.put("endpoint", settings.endpoint());
        }
        if (settings.token() != null) {
            node.put("token", settings.token());
        }
        try {
            Path directory = file.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            Path partial = directory.resolve(".config." + ProcessHandle.current().pid() + ".partial");
            Files.deleteIfExists(partial);
            try {
                Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (FileAlreadyExistsException e) {
                throw new IOException("a previous login left " + partial + "; remove it", e);
            }
            Files.writeString(partial, json.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n",
                    StandardCharsets.UTF_8);
            Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw CliFailure.usage("cannot write " + file + ": " + e.getMessage());
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || !value.isString() || value.asString().isBlank() ? null : value.asString();
    }
}
