package dev.skyport.catalog.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Local stand-ins for the official base images, which cannot be pulled here: this machine's own
 * {@code node} (with npm) or Python, the shared libraries {@code ldd} names, and Debian's static
 * busybox for {@code /bin/sh} and the core utilities. Each mirrors what the template relies on in
 * the real image: Node's {@code node} user (uid 1000, home /home/node); Python's {@code python} on
 * the PATH with pip, and the {@code groupadd}/{@code useradd} tools of Debian's base.
 */
final class StandInBaseImages {

    private static final Path BUSYBOX = Path.of("/usr/bin/busybox");

    private StandInBaseImages() {
    }

    static RootFs node(String majorVersion) {
        Path node = HostTools.which("node");
        String version = HostCommand.run(List.of(node.toString(), "--version")).strip();
        if (!version.startsWith("v" + majorVersion + ".")) {
            throw new IllegalStateException("this machine's node (" + node + ") is " + version + ", but the nodejs/" + majorVersion
                    + " template needs Node.js " + majorVersion + "; install it to run this test");
        }
        Path npmCli = HostTools.realPath(HostTools.which("npm"));
        Path npmRoot = npmCli.getParent().getParent();
        return busybox("""
                root:x:0:0:root:/root:/bin/sh
                node:x:1000:1000::/home/node:/bin/sh
                """, """
                root:x:0:
                node:x:1000:
                """)
                .withLibraries(node)
                .symlink("/usr/local/bin/node", node.toString())
                .hostTree(npmRoot, p -> false)
                .symlink("/usr/local/bin/npm", npmCli.toString())
                .directory("/home/node", 0755, 1000, 1000);
    }

    static RootFs python(String version) {
        PythonInstallation python = PythonInstallation.find(version);
        RootFs fs = busybox("root:x:0:0:root:/root:/bin/sh\n", "root:x:0:\n")
                .withLibraries(python.executable())
                .hostTree(python.stdlib(), StandInBaseImages::notNeededToRunAnApp)
                .symlink("/usr/local/bin/python", python.executable().toString())
                .symlink("/usr/local/bin/python3", python.executable().toString());
        for (Path module : extensionModules(python.stdlib().resolve("lib-dynload"))) {
            SharedLibraries.of(module).forEach(fs::hostFile);
        }
        for (String tool : List.of("groupadd", "useradd")) {
            fs.withLibraries(HostTools.which(tool));
        }
        Path loginDefs = Path.of("/etc/login.defs");
        if (Files.isRegularFile(loginDefs)) {
            fs.hostFile(loginDefs);
        }
        return fs;
    }

    /** Debian's static busybox as /bin/sh and every applet, plus the files every image has. */
    static RootFs busybox(String passwd, String group) {
        if (!Files.isExecutable(BUSYBOX)) {
            throw new IllegalStateException(BUSYBOX + " is missing; scripts/dev-services up installs busybox-static");
        }
        RootFs fs = new RootFs().hostFile(BUSYBOX, "/bin/busybox");
        for (String applet : HostCommand.run(List.of(BUSYBOX.toString(), "--list")).lines().map(String::strip).toList()) {
            if (!applet.isEmpty() && !applet.equals("busybox")) {
                fs.symlink("/bin/" + applet, "busybox");
            }
        }
        return fs.symlink("/usr/bin/env", "/bin/busybox")
                .symlink("/usr/sbin/nologin", "/bin/busybox")
                .directory("/tmp", 01777, 0, 0)
                .file("/etc/passwd", passwd, 0644)
                .file("/etc/group", group, 0644);
    }

    /** The parts of the standard library an HTTP app and pip never load: tests, GUI, docs, other packages. */
    private static boolean notNeededToRunAnApp(Path path) {
        String name = path.getFileName().toString();
        Path parent = path.getParent();
        boolean inSitePackages = parent != null && parent.getFileName().toString().equals("site-packages");
        return Set.of("test", "tests", "idlelib", "tkinter", "lib-tk", "turtledemo", "lib2to3", "ensurepip", "pydoc_data",
                        "__pycache__").contains(name)
                || name.startsWith("config-") || name.startsWith("_tkinter") || name.endsWith(".pyc")
                || inSitePackages && !name.startsWith("pip");
    }

    private static List<Path> extensionModules(Path libDynload) {
        try (Stream<Path> files = Files.list(libDynload)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".so"))
                    .filter(p -> !notNeededToRunAnApp(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
