package dev.skyport.buildfarm.artifact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyport.buildfarm.record.RecordStore;
import dev.skyport.buildfarm.testing.BuildFarmClient;
import dev.skyport.buildfarm.testing.Records;
import dev.skyport.buildfarm.testing.TestArchive;
import dev.skyport.buildfarm.testing.TestBuildFarm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("engine")
class ArtifactGarbageCollectorTest {

    private static TestBuildFarm farm;

    @BeforeAll
    static void start() {
        farm = TestBuildFarm.start(Map.of("skyport.build-farm.artifacts.gc-min-age", "1h"));
    }

    @AfterAll
    static void stop() {
        farm.close();
    }

    @Test
    void removesOnlyArtifactsThatAreOldAndUnreferenced() throws Exception {
        BuildFarmClient api = farm.client();
        byte[] referenced = TestArchive.create().file("Dockerfile", "FROM busybox:1.36\n# referenced\n").bytes();
        byte[] oldUnreferenced = TestArchive.create().file("Dockerfile", "FROM busybox:1.36\n# old\n").bytes();
        byte[] recentUnreferenced = TestArchive.create().file("Dockerfile", "FROM busybox:1.36\n# recent\n").bytes();
        for (byte[] archive : new byte[][] {referenced, oldUnreferenced, recentUnreferenced}) {
            assertThat(api.putArtifact("gc", archive).status()).isEqualTo(201);
        }
        Records.queuedDeployment(farm.bean(RecordStore.class), "gc", "api", "d-20260101t000000-0001",
                TestArchive.sha256(referenced));
        FileTime twoHoursAgo = FileTime.from(Instant.now().minus(2, ChronoUnit.HOURS));
        Files.setLastModifiedTime(file(referenced), twoHoursAgo);
        Files.setLastModifiedTime(file(oldUnreferenced), twoHoursAgo);

        int removed = farm.bean(ArtifactGarbageCollector.class).collect();

        assertThat(removed).isEqualTo(1);
        assertThat(file(oldUnreferenced)).doesNotExist();
        assertThat(file(referenced)).exists();
        assertThat(file(recentUnreferenced)).exists();
        assertThat(api.head("/v1/apps/gc/artifacts/" + TestArchive.sha256(oldUnreferenced)).status()).isEqualTo(404);
    }

    @Test
    void aHeadMarksAnArtifactAsUsed() throws Exception {
        byte[] archive = TestArchive.create().file("Dockerfile", "FROM busybox:1.36\n# touched\n").bytes();
        farm.client().putArtifact("gc", archive);
        Files.setLastModifiedTime(file(archive), FileTime.from(Instant.now().minus(2, ChronoUnit.HOURS)));

        assertThat(farm.client().head("/v1/apps/gc/artifacts/" + TestArchive.sha256(archive)).status()).isEqualTo(200);
        farm.bean(ArtifactGarbageCollector.class).collect();

        assertThat(file(archive)).exists();
    }

    private static Path file(byte[] archive) {
        return farm.artifactsDirectory().resolve("apps/gc/" + TestArchive.sha256(archive) + ".tar.gz");
    }
}
