package dev.skyport.registry.server;

import dev.skyport.registry.RegistryConfigException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An S3 bucket (AWS or any S3-compatible store through {@code regionEndpoint}). Leave the keys empty to
 * use the instance's or pod's IAM role.
 */
public record S3Storage(String region, String bucket, String regionEndpoint, String rootDirectory,
                        String accessKey, String secretKey, boolean encrypt, boolean secure) implements RegistryStorage {

    public S3Storage {
        region = Settings.required(region, "the S3 region", "eu-west-1");
        bucket = Settings.required(bucket, "the S3 bucket", "skyport-registry");
        if (Settings.present(accessKey) != Settings.present(secretKey)) {
            throw new RegistryConfigException("S3 storage needs both an access key and a secret key, or neither"
                    + " (to use the IAM role)");
        }
    }

    public S3Storage(String region, String bucket) {
        this(region, bucket, null, null, null, null, true, true);
    }

    @Override
    public String driver() {
        return "s3";
    }

    @Override
    public Map<String, Object> parameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("region", region);
        p.put("bucket", bucket);
        if (Settings.present(regionEndpoint)) {
            p.put("regionendpoint", regionEndpoint);
        }
        if (Settings.present(rootDirectory)) {
            p.put("rootdirectory", rootDirectory);
        }
        if (Settings.present(accessKey)) {
            p.put("accesskey", accessKey);
            p.put("secretkey", secretKey);
        }
        p.put("encrypt", encrypt);
        p.put("secure", secure);
        return p;
    }

    @Override
    public String toString() {
        return "S3Storage[region=" + region + ", bucket=" + bucket + ", regionEndpoint=" + regionEndpoint
                + ", rootDirectory=" + rootDirectory + ", accessKey=" + (Settings.present(accessKey) ? "***" : "")
                + ", encrypt=" + encrypt + ", secure=" + secure + "]";
    }
}
