package dev.skyport.charttests;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.skyport.charttests.support.SkyportChart;
import dev.skyport.charttests.support.Variant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** values.schema.json refuses bad values before anything renders, with a message that names the value. */
class ValuesSchemaTest {

    @Test
    void aPortOutOfRangeIsRefusedNamingIt() {
        assertThatThrownBy(() -> SkyportChart.render(Variant.DEFAULTS, Map.of("gateway.port", 70000)))
                .hasMessageContaining("gateway.port")
                .hasMessageContaining("65535");
        assertThatThrownBy(() -> SkyportChart.render(Variant.DEFAULTS, Map.of("registry.nodePort", 5000)))
                .hasMessageContaining("registry.nodePort")
                .hasMessageContaining("30000");
    }

    @Test
    void anUnknownStorageKindIsRefusedNamingTheValidOnes() {
        assertThatThrownBy(() -> SkyportChart.render(Variant.DEFAULTS, Map.of("registry.storage.kind", "minio")))
                .hasMessageContaining("registry.storage.kind")
                .hasMessageContaining("\"filesystem\", \"s3\", \"gcs\", \"azure\"");
    }

    @Test
    void externalRedisWithoutAUrlIsRefusedNamingIt() {
        assertThatThrownBy(() -> SkyportChart.render(Variant.DEFAULTS, Map.of("redis.mode", "external")))
                .hasMessageContaining("redis.external.url");
    }

    @Test
    void cloudStorageWithoutItsBucketIsRefusedNamingIt() {
        assertThatThrownBy(() -> SkyportChart.render(Variant.DEFAULTS, Map.of("registry.storage.kind", "s3")))
                .hasMessageContaining("registry.storage.s3.bucket")
                .hasMessageContaining("registry.storage.s3.region");
        assertThatThrownBy(() -> SkyportChart.render(Variant.DEFAULTS, Map.of("registry.storage.kind", "azure")))
                .hasMessageContaining("registry.storage.azure.existingSecret");
    }

    @Test
    void aTypoInAValueNameIsRefused() {
        assertThatThrownBy(() -> SkyportChart.render(Variant.DEFAULTS, Map.of("gateway.replica", 3)))
                .hasMessageContaining("gateway")
                .hasMessageContaining("replica");
    }

    @Test
    void aRedisUrlWithAPasswordInItIsRefused() {
        assertThatThrownBy(() -> SkyportChart.render(Variant.DEFAULTS,
                Map.of("redis.mode", "external", "redis.external.url", "redis://:secret@redis.example.com:6379")))
                .hasMessageContaining("redis.external.url");
    }

    @Test
    void anExternalRegistryWithoutItsHostIsRefused() {
        assertThatThrownBy(() -> SkyportChart.render(Variant.DEFAULTS, Map.of("registry.exposure", "external")))
                .hasMessageContaining("registry.external.host");
    }

    @Test
    void rootIsRefusedAsTheContainersUser() {
        assertThatThrownBy(() -> SkyportChart.render(Variant.DEFAULTS, Map.of("images.runAsUser", 0)))
                .hasMessageContaining("images.runAsUser");
    }
}
