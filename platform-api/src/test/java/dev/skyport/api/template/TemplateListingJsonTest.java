package dev.skyport.api.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The listings serialize to the shapes of docs/template-catalog.md, and read back. */
class TemplateListingJsonTest {

    private final JsonMapper mapper = JsonMapper.builder().build();

    @Test
    void aListedVersionLeavesOutItsRuntime() {
        CatalogListing listing = new CatalogListing(List.of(new RuntimeListing("nodejs", "22",
                List.of(new VersionListing(null, "22", false, true, "ab", 10)))));

        String json = mapper.writeValueAsString(listing);

        assertThat(json).isEqualTo("{\"runtimes\":[{\"name\":\"nodejs\",\"default\":\"22\",\"versions\":["
                + "{\"version\":\"22\",\"eol\":false,\"default\":true,\"sha256\":\"ab\",\"size\":10}]}]}");
        assertThat(mapper.readValue(json, CatalogListing.class)).isEqualTo(listing);
        assertThat(listing.runtimeCatalog().runtime("nodejs").orElseThrow().defaultVersion()).isEqualTo("22");
    }

    @Test
    void aVersionAloneNamesItsRuntime() {
        assertThat(mapper.writeValueAsString(new VersionListing("nodejs", "20", true, false, "cd", 5)))
                .isEqualTo("{\"runtime\":\"nodejs\",\"version\":\"20\",\"eol\":true,\"default\":false,"
                        + "\"sha256\":\"cd\",\"size\":5}");
    }

    @Test
    void theEtagIsTheQuotedDigest() {
        assertThat(TemplateHeaders.etag("ab12")).isEqualTo("\"ab12\"");
        assertThat(TemplateHeaders.sha256Of("\"ab12\"")).isEqualTo("ab12");
        assertThat(TemplateHeaders.sha256Of("W/\"ab12\"")).isEqualTo("ab12");
        assertThat(TemplateHeaders.sha256Of(null)).isNull();
    }

    @Test
    void tarballPathsNameTheVersionOrTheDefault() {
        assertThat(TemplatePaths.tarball("nodejs", null)).isEqualTo("/nodejs.tar.gz");
        assertThat(TemplatePaths.tarball("nodejs", "22")).isEqualTo("/nodejs/22.tar.gz");
    }
}
