package dev.skyport.registry.server;

import java.util.LinkedHashMap;
import java.util.Map;

/** A local directory or a mounted volume. */
public record FilesystemStorage(String rootDirectory) implements RegistryStorage {

    public FilesystemStorage {
        rootDirectory = Settings.required(rootDirectory, "the filesystem storage's root directory", "/var/lib/registry");
    }

    @Override
    public String driver() {
        return "filesystem";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("rootdirectory", rootDirectory);
        return p;
    }
}
