package dev.skyport.cli.template;

import dev.skyport.api.config.RuntimeCatalog;
import dev.skyport.api.template.CatalogListing;
import dev.skyport.api.template.RuntimeListing;
import dev.skyport.api.template.TemplateErrors;
import dev.skyport.api.template.TemplateHeaders;
import dev.skyport.api.template.TemplatePaths;
import dev.skyport.cli.CliFailure;
import dev.skyport.cli.ExitCodes;
import dev.skyport.cli.http.Http;
import dev.skyport.cli.http.RemoteError;
import dev.skyport.cli.output.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;

/**
 * The template catalog through the gateway ({@code {endpoint}/_templates/v1/templates...}), with a
 * cache under {@code $SKYPORT_HOME/cache/templates}: tarballs by digest, their extracted files, and an
 * index from runtime/version to digest. A cached template is revalidated with {@code If-None-Match}
 * (a 304 costs no download) and used as it is when the catalog cannot be reached.
 */
public final class TemplateCatalogClient implements TemplateSource {

    private static final String DEFAULT_VERSION_KEY = "_default";
    private static final String CATALOG = "the template catalog";

    private final Http http;
    private final Path cache;
    private final Consumer<String> warnings;

    public TemplateCatalogClient(Http http, Path cache, Consumer<String> warnings) {
        this.http = http;
        this.cache = cache;
        this.warnings = warnings;
    }

    /** {@code GET /v1/templates}. */
    public CatalogListing list() {
        String doing = "listing the runtime templates";
        HttpResponse<String> response = http.send(http.request(http.connection().templates("")).GET().build());
        if (response.statusCode() != 200) {
            throw http.failure(doing, Http.error(response.statusCode(), response.body()));
        }
        CatalogListing listing = Http.read(response.body(), CatalogListing.class, CATALOG, doing);
        if (listing.runtimes() == null) {
            throw CliFailure.failed("the template catalog answered without a runtimes list: " + response.body());
        }
        return listing;
    }

    /** The runtimes and versions, for checking {@code runtime} and {@code runtime_version}. */
    public RuntimeCatalog catalog() {
        return list().runtimeCatalog();
    }

    @Override
    public FetchedTemplate fetch(String runtime, String version) {
        String label = runtime + (version == null ? " (default version)" : " " + version);
        URI uri = http.connection().templates(TemplatePaths.tarball(runtime, version));
        Path index = cache.resolve("index").resolve(runtime).resolve((version == null ? DEFAULT_VERSION_KEY : version)
                + ".json");
        FetchedTemplate cached = readIndex(index);
        HttpRequest.Builder request = http.request(uri).GET();
        if (cached != null) {
            request.header("If-None-Match", TemplateHeaders.etag(cached.sha256()));
        }
        Path download = null;
        try {
            Files.createDirectories(cache.resolve("blobs"));
            download = Files.createTempFile(cache.resolve("blobs"), ".download-", ".partial");
            HttpResponse<Path> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofFile(download));
            } catch (CliFailure e) {
                if (cached != null && e.exitCode() == ExitCodes.UNREACHABLE) {
                    warnings.accept("the template catalog cannot be reached (" + e.getMessage() + "); using the"
                            + " cached " + cached.runtime() + " " + cached.version() + " template");
                    return warnIfEndOfLife(cached);
                }
                throw e;
            }
            int status = response.statusCode();
            if (status == 304 && cached != null) {
                return warnIfEndOfLife(cached);
            }
            if (status != 200) {
                throw notServed(runtime, version, label, status, Files.readString(download, StandardCharsets.UTF_8));
            }
            FetchedTemplate fetched = store(response, download, runtime, version, label);
            writeIndex(index, fetched);
            return warnIfEndOfLife(fetched);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot cache the " + label + " template under " + cache, e);
        } finally {
            deleteQuietly(download);
        }
    }

    private FetchedTemplate store(HttpResponse<Path> response, Path download, String runtime, String version,
                                  String label) throws IOException {
        String sha256 = sha256(download);
        String etag = TemplateHeaders.sha256Of(response.headers().firstValue("ETag").orElse(null));
        if (etag != null && etag.matches("[0-9a-f]{64}") && !etag.equals(sha256)) {
            throw CliFailure.failed("the " + label + " template arrived damaged (sha256 " + sha256 + ", the catalog"
                    + " says " + etag + "); try again");
        }
        String servedRuntime = response.headers().firstValue(TemplateHeaders.RUNTIME).orElse(runtime);
        String servedVersion = response.headers().firstValue(TemplateHeaders.VERSION).orElse(version);
        if (servedVersion == null) {
            throw CliFailure.failed("the template catalog did not say which version of " + runtime + " it served"
                    + " (no " + TemplateHeaders.VERSION + " header)");
        }
        boolean eol = response.headers().firstValue(TemplateHeaders.EOL).map(Boolean::parseBoolean).orElse(false);
        Path blob = cache.resolve("blobs").resolve(sha256 + ".tar.gz");
        if (!Files.exists(blob)) {
            Files.move(download, blob, StandardCopyOption.ATOMIC_MOVE);
        }
        Path tree = cache.resolve("trees").resolve(sha256);
        if (!Files.isDirectory(tree)) {
            Files.createDirectories(tree.getParent());
            Path partial = Files.createTempDirectory(tree.getParent(), ".extract-");
            try {
                TemplateExtractor.extract(blob, partial, "the " + servedRuntime + " " + servedVersion + " template");
                Files.move(partial, tree, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                deleteTree(partial);
            }
        }
        return new FetchedTemplate(servedRuntime, servedVersion, eol, sha256, tree);
    }

    private CliFailure notServed(String runtime, String version, String label, int status, String body) {
        RemoteError error = Http.error(status, body);
        if (status != 404) {
            return http.failure("fetching the " + label + " template", error);
        }
        List<String> runtimes = names(error, TemplateErrors.RUNTIMES);
        List<String> versions = names(error, TemplateErrors.VERSIONS);
        if (!runtimes.isEmpty()) {
            return CliFailure.usage("runtime '" + runtime + "' is not in the template catalog; the runtimes are: "
                    + String.join(", ", runtimes));
        }
        if (!versions.isEmpty()) {
            return CliFailure.usage("runtime_version '" + version + "' is not a " + runtime + " version; the versions"
                    + " are: " + String.join(", ", versions));
        }
        return CliFailure.usage("the template catalog has no " + label + " template: " + error.message()
                + "; see skycli templates list");
    }

    /** The names a 404's details list under {@code key}: plain strings, or objects with a name or version. */
    private static List<String> names(RemoteError error, String key) {
        if (!(error.details().get(key) instanceof List<?> listed)) {
            return List.of();
        }
        return listed.stream().map(n -> n instanceof Map<?, ?> named
                ? String.valueOf(named.containsKey("name") ? named.get("name") : named.get("version"))
                : String.valueOf(n)).toList();
    }

    private FetchedTemplate warnIfEndOfLife(FetchedTemplate template) {
        if (template.eol()) {
            String advice = defaultVersion(template.runtime())
                    .map(d -> "move to runtime_version: \"" + d + "\" (the default)")
                    .orElse("move to a supported version (skycli templates list)");
            warnings.accept(template.runtime() + " " + template.version() + " is end-of-life: it still builds, but no"
                    + " longer gets fixes; " + advice);
        }
        return template;
    }

    /** The runtime's default version, for advice only: empty when the catalog cannot say. */
    private Optional<String> defaultVersion(String runtime) {
        try {
            HttpResponse<String> response = http.send(http.request(http.connection()
                    .templates(TemplatePaths.runtime(runtime))).GET().build());
            return response.statusCode() == 200
                    ? Optional.ofNullable(Json.read(response.body(), RuntimeListing.class))
                            .map(RuntimeListing::defaultVersion)
                    : Optional.empty();
        } catch (CliFailure | JacksonException e) {
            return Optional.empty();
        }
    }

    /** A cached template, or {@code null} when the index entry or its extracted files are missing or damaged. */
    private FetchedTemplate readIndex(Path index) {
        IndexEntry entry;
        try {
            entry = Json.read(Files.readString(index, StandardCharsets.UTF_8), IndexEntry.class);
        } catch (IOException | JacksonException e) {
            return null;
        }
        if (entry == null || entry.sha256() == null || !entry.sha256().matches("[0-9a-f]{64}")) {
            return null;
        }
        Path tree = cache.resolve("trees").resolve(entry.sha256());
        if (!Files.isRegularFile(tree.resolve("Dockerfile"))) {
            return null;
        }
        return new FetchedTemplate(entry.runtime(), entry.version(), entry.eol(), entry.sha256(), tree);
    }

    private static void writeIndex(Path index, FetchedTemplate template) throws IOException {
        IndexEntry entry = new IndexEntry(template.runtime(), template.version(), template.eol(), template.sha256());
        Files.createDirectories(index.getParent());
        Path partial = Files.createTempFile(index.getParent(), ".index-", ".partial");
        Files.writeString(partial, Json.pretty(entry), StandardCharsets.UTF_8);
        Files.move(partial, index, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(file);
                 OutputStream sink = new DigestOutputStream(OutputStream.nullOutputStream(), digest)) {
                in.transferTo(sink);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // a stray partial download is harmless
            }
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (var paths = Files.walk(directory)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** What the cache index keeps per runtime/version request: which tarball answered it. */
    record IndexEntry(String runtime, String version, boolean eol, String sha256) {
    }
}
