package dev.skyport.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class RuntimeRulesTest {

    private static final RuntimeCatalog CATALOG = new RuntimeCatalog(List.of(
            new RuntimeCatalog.Runtime("nodejs", "22", List.of(new RuntimeCatalog.Version("10", true),
                    new RuntimeCatalog.Version("22", false))),
            new RuntimeCatalog.Runtime("python", "3.12", List.of(new RuntimeCatalog.Version("3.12", false)))));

    @Test
    void acceptsKnownRuntimesAndVersionsAndTheDefault() {
        assertThat(RuntimeRules.check(config("runtime: nodejs\n    runtime_version: 10"), CATALOG)).isEmpty();
        assertThat(RuntimeRules.check(config("runtime: python"), CATALOG)).isEmpty();
    }

    @Test
    void listsTheRuntimesForAnUnknownOne() {
        assertThat(RuntimeRules.check(config("runtime: nodjs"), CATALOG)).singleElement().satisfies(p -> {
            assertThat(p.key()).isEqualTo("runtime");
            assertThat(p.position().line()).isEqualTo(8);
            assertThat(p.message()).contains("did you mean 'nodejs'?", "the runtimes are: nodejs, python");
        });
    }

    @Test
    void listsTheVersionsForAnUnknownVersion() {
        assertThat(RuntimeRules.check(config("runtime: nodejs\n    runtime_version: 9"), CATALOG)).singleElement()
                .satisfies(p -> {
                    assertThat(p.key()).isEqualTo("runtime_version");
                    assertThat(p.position().line()).isEqualTo(9);
                    assertThat(p.message()).contains("'9' is not a nodejs version; the versions are: 10, 22 (default 22)");
                });
    }

    private static SkygearConfig config(String runtimeLines) {
        return SkygearYaml.parse("""
                app: shop
                deployments:
                  web:
                    type: http-service
                    path: /
                    port: 3000
                    context: .
                """ + "    " + runtimeLines + "\n", "skygear.yaml").orElseThrow();
    }
}
