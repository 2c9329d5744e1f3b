package dev.skyport.buildfarm.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import dev.skyport.buildfarm.runtime.docker.DockerClientConfiguration;
import dev.skyport.buildfarm.runtime.docker.DockerProperties;
import dev.skyport.testing.DevServices;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Seeds base images that no registry has to provide: a busybox root filesystem made from Debian's
 * static {@code /usr/bin/busybox} (every applet linked in {@code /bin}), built {@code FROM scratch}
 * (what {@code docker import} does, plus a default command) and tagged as the base the Dockerfiles
 * name ({@code busybox:1.36}).
 *
 * <p>The image is keyed by the content's hash ({@code skyport-test/busybox:<hash>}), so it is built
 * once per machine; later calls only re-tag.
 */
public final class BaseImages {

    public static final String BUSYBOX = "busybox:1.36";
    private static final Path BUSYBOX_BINARY = Path.of("/usr/bin/busybox");

    private BaseImages() {
    }

    /** Makes sure {@code busybox:1.36} exists in the dev-services Docker Engine. */
    public static synchronized void ensureBusybox() {
        DevServices services = DevServices.get();
        DockerProperties properties = new DockerProperties(services.dockerHost(), "1.41", "127.0.0.1", "127.0.0.1",
                "no", null);
        try (DockerClient docker = DockerClientConfiguration.newClient(properties)) {
            byte[] rootfs = busyboxRootfs();
            String key = TestArchive.sha256(rootfs).substring(0, 16);
            String seeded = "skyport-test/busybox:" + key;
            if (!exists(docker, seeded)) {
                // FROM scratch + ADD of the root filesystem: the same build path the driver uses, no registry.
                byte[] context = TestArchive.create()
                        .file("Dockerfile", "FROM scratch\nADD rootfs.tar /\nCMD [\"sh\"]\n")
                        .file("rootfs.tar", rootfs, 0644)
                        .bytes();
                docker.buildImageCmd(new ByteArrayInputStream(context)).withTags(Set.of(seeded))
                        .exec(new BuildImageResultCallback()).awaitImageId(5, TimeUnit.MINUTES);
            }
            String id = docker.inspectImageCmd(seeded).exec().getId();
            String current = exists(docker, BUSYBOX) ? docker.inspectImageCmd(BUSYBOX).exec().getId() : null;
            if (!id.equals(current)) {
                docker.tagImageCmd(id, "busybox", "1.36").withForce(true).exec();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean exists(DockerClient docker, String image) {
        try {
            docker.inspectImageCmd(image).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /** An uncompressed tar of a tiny root filesystem; fixed times, so the same binary gives the same bytes. */
    static byte[] busyboxRootfs() throws IOException {
        if (!Files.isExecutable(BUSYBOX_BINARY)) {
            throw new IllegalStateException(BUSYBOX_BINARY + " is missing; install Debian's busybox-static"
                    + " (scripts/dev-services up does)");
        }
        byte[] binary = Files.readAllBytes(BUSYBOX_BINARY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (String dir : List.of("bin/", "etc/", "tmp/", "root/", "var/", "var/www/", "proc/", "sys/", "dev/")) {
                TarArchiveEntry entry = new TarArchiveEntry(dir, true);
                entry.setMode(dir.equals("tmp/") ? 01777 : 0755);
                put(tar, entry, null);
            }
            TarArchiveEntry busybox = new TarArchiveEntry("bin/busybox", true);
            busybox.setMode(0755);
            busybox.setSize(binary.length);
            put(tar, busybox, binary);
            for (String applet : applets()) {
                if (applet.equals("busybox")) {
                    continue;
                }
                TarArchiveEntry link = new TarArchiveEntry("bin/" + applet, TarConstants.LF_SYMLINK, true);
                link.setLinkName("busybox");
                link.setMode(0777);
                put(tar, link, null);
            }
            byte[] passwd = "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n"
                    .getBytes(StandardCharsets.UTF_8);
            byte[] group = "root:x:0:\nnogroup:x:65534:\n".getBytes(StandardCharsets.UTF_8);
            for (var file : List.of(new Object[] {"etc/passwd", passwd}, new Object[] {"etc/group", group})) {
                TarArchiveEntry entry = new TarArchiveEntry((String) file[0], true);
                entry.setMode(0644);
                entry.setSize(((byte[]) file[1]).length);
                put(tar, entry, (byte[]) file[1]);
            }
        }
        return out.toByteArray();
    }

    private static List<String> applets() throws IOException {
        Process list = new ProcessBuilder(BUSYBOX_BINARY.toString(), "--list").start();
        String output = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            list.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<String> applets = new ArrayList<>();
        for (String name : new TreeSet<>(List.of(output.split("\\s+")))) {
            if (name.matches("[a-z0-9_.\\[\\]-]+") && !name.contains("/")) {
                applets.add(name);
            }
        }
        return applets;
    }

    private static void put(TarArchiveOutputStream tar, TarArchiveEntry entry, byte[] content) throws IOException {
        entry.setModTime(946684800000L);
        tar.putArchiveEntry(entry);
        if (content != null) {
            tar.write(content);
        }
        tar.closeArchiveEntry();
    }
}
