package dev.skyport.registry.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyport.registry.RegistryConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

class RegistryConfigYamlTest {

    private static RegistryServerConfig config(RegistryStorage storage) {
        return new RegistryServerConfig(":5000", "s#cret: 'quoted' \"x\"", null, "/auth/htpasswd", storage, true, null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parse(String yaml) {
        return new Yaml().load(yaml);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Map<String, Object> parent, String key) {
        return (Map<String, Object>) parent.get(key);
    }

    @Test
    void filesystemStorageWithHtpasswdAuthAndDeletes() {
        Map<String, Object> root = parse(RegistryConfigYaml.render(config(new FilesystemStorage("/var/lib/registry"))));

        assertThat(root.get("version")).isEqualTo("0.1");
        Map<String, Object> storage = map(root, "storage");
        assertThat(map(storage, "filesystem")).containsEntry("rootdirectory", "/var/lib/registry");
        assertThat(map(storage, "delete")).containsEntry("enabled", true);
        assertThat(map(root, "http")).containsEntry("addr", ":5000").containsEntry("secret", "s#cret: 'quoted' \"x\"");
        assertThat(map(map(root, "auth"), "htpasswd"))
                .containsEntry("realm", "skyport-registry").containsEntry("path", "/auth/htpasswd");
        assertThat(map(root, "log")).containsEntry("level", "info");
    }

    @Test
    void s3StorageWithKeysOrWithTheIamRole() {
        S3Storage withKeys = new S3Storage("eu-west-1", "images", "https://minio.local:9000", "/skyport",
                "AKIA", "secret/key", true, true);
        Map<String, Object> s3 = map(map(parse(RegistryConfigYaml.render(config(withKeys))), "storage"), "s3");
        assertThat(s3).containsEntry("region", "eu-west-1").containsEntry("bucket", "images")
                .containsEntry("regionendpoint", "https://minio.local:9000").containsEntry("rootdirectory", "/skyport")
                .containsEntry("accesskey", "AKIA").containsEntry("secretkey", "secret/key")
                .containsEntry("encrypt", true).containsEntry("secure", true);
        assertThat(withKeys.toString()).doesNotContain("secret/key");

        Map<String, Object> iam = map(map(parse(RegistryConfigYaml.render(config(new S3Storage("us-east-1", "b")))),
                "storage"), "s3");
        assertThat(iam).doesNotContainKeys("accesskey", "secretkey", "regionendpoint");
    }

    @Test
    void gcsStorageWithOrWithoutAKeyFile() {
        Map<String, Object> gcs = map(map(parse(RegistryConfigYaml.render(
                config(new GcsStorage("images", "/secrets/gcs.json", "/skyport")))), "storage"), "gcs");
        assertThat(gcs).containsEntry("bucket", "images").containsEntry("keyfile", "/secrets/gcs.json")
                .containsEntry("rootdirectory", "/skyport");

        Map<String, Object> workloadIdentity = map(map(parse(RegistryConfigYaml.render(
                config(new GcsStorage("images", null, null)))), "storage"), "gcs");
        assertThat(workloadIdentity).containsOnlyKeys("bucket");
    }

    @Test
    void azureStorageDefaultsToThePublicCloud() {
        AzureStorage azure = new AzureStorage("acct", "k3y==", "registry", null);
        Map<String, Object> parameters = map(map(parse(RegistryConfigYaml.render(config(azure))), "storage"), "azure");
        assertThat(parameters).containsEntry("accountname", "acct").containsEntry("accountkey", "k3y==")
                .containsEntry("container", "registry").containsEntry("realm", "core.windows.net");
        assertThat(azure.toString()).doesNotContain("k3y==");
    }

    @Test
    void incompleteSettingsSayWhatIsMissing() {
        assertThatThrownBy(() -> new S3Storage("eu-west-1", "b", null, null, "AKIA", null, true, true))
                .isInstanceOf(RegistryConfigException.class).hasMessageContaining("both an access key and a secret key");
        assertThatThrownBy(() -> new S3Storage(null, "b"))
                .isInstanceOf(RegistryConfigException.class).hasMessageContaining("S3 region is required");
        assertThatThrownBy(() -> new AzureStorage("a", "", "c", null))
                .isInstanceOf(RegistryConfigException.class).hasMessageContaining("account key is required");
        assertThatThrownBy(() -> new GcsStorage(" ", null, null))
                .isInstanceOf(RegistryConfigException.class).hasMessageContaining("GCS bucket is required");
        assertThatThrownBy(() -> new RegistryServerConfig(":5000", "s", null, "/h", new FilesystemStorage("/r"),
                true, "loud")).isInstanceOf(RegistryConfigException.class).hasMessageContaining("log level 'loud'");
        assertThat(config(new FilesystemStorage("/r")).toString()).doesNotContain("s#cret");
    }
}
