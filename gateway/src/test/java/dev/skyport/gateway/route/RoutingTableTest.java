package dev.skyport.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutingTableTest {

    private final RoutingTable table = new RoutingTable(Map.of(), Map.of("www.shop.example", "shop"), true,
            Instant.EPOCH);

    @Test
    void customDomainWinsOverEverythingElse() {
        assertThat(table.appForHost("WWW.Shop.Example:443", "apps.example", "main")).isEqualTo("shop");
    }

    @Test
    void appsDomainSelectsTheAppByItsLabel() {
        assertThat(table.appForHost("blog.apps.example", "apps.example", "main")).isEqualTo("blog");
        assertThat(table.appForHost("blog.apps.example.:8080", "apps.example", "")).isEqualTo("blog");
    }

    @Test
    void deeperOrForeignHostsFallBackToTheDefaultApp() {
        assertThat(table.appForHost("a.b.apps.example", "apps.example", "main")).isEqualTo("main");
        assertThat(table.appForHost("xapps.example", "apps.example", "main")).isEqualTo("main");
        assertThat(table.appForHost("apps.example", "apps.example", "main")).isEqualTo("main");
        assertThat(table.appForHost("127.0.0.1:8080", "apps.example", "main")).isEqualTo("main");
    }

    @Test
    void noDefaultAppMeansNoApp() {
        assertThat(table.appForHost("unknown.example", "", "")).isNull();
        assertThat(table.appForHost(null, "", "")).isNull();
    }
}
