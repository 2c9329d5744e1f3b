package dev.skyport.registry.server;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A Google Cloud Storage bucket. Without a key file the registry uses the workload's default
 * credentials (Workload Identity).
 */
public record GcsStorage(String bucket, String keyFile, String rootDirectory) implements RegistryStorage {

    public GcsStorage {
        bucket = Settings.required(bucket, "the GCS bucket", "skyport-registry");
    }

    @Override
    public String driver() {
        return "gcs";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("bucket", bucket);
        if (Settings.present(keyFile)) {
            p.put("keyfile", keyFile);
        }
        if (Settings.present(rootDirectory)) {
            p.put("rootdirectory", rootDirectory);
        }
        return p;
    }
}
