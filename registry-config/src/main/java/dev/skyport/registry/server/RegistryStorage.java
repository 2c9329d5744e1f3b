package dev.skyport.registry.server;

import java.util.Map;

/** Where the registry keeps blobs and manifests: one of the storage drivers Distribution ships. */
public sealed interface RegistryStorage permits FilesystemStorage, S3Storage, GcsStorage, AzureStorage {

    /** The driver's key under {@code storage:} in {@code config.yml}. */
    String driver();

    /** The driver's parameters, in the order they are written. */
    Map<String, Object> parameters();
}
