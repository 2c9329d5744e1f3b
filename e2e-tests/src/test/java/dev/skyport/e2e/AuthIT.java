package dev.skyport.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.skyport.e2e.support.GatewayClient;
import dev.skyport.e2e.support.Platform;
import dev.skyport.e2e.support.Projects;
import dev.skyport.e2e.support.Skycli;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Tokens through the gateway: an unknown token gets 401, a token of another app gets 403, for skycli and the API. */
class AuthIT {

    private final Platform platform = Platform.get();
    private final GatewayClient http = platform.http();

    @Test
    void aWrongTokenIsRefusedWith401() {
        String app = Projects.appName("auth");

        HttpResponse<String> api = http.api("GET", "/apps/" + app + "/microservices", "sk_not-a-real-token", null);
        Skycli.Result cli = platform.skycli().withToken("sk_not-a-real-token")
                .run(platform.work(), "app", "status", "--app", app);

        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(GatewayClient.json(api.body()).at("/error/code").asString()).isEqualTo("unauthorized");
        assertThat(http.api("GET", "/apps/" + app + "/microservices", null, null).statusCode()).isEqualTo(401);
        assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(3);
        assertThat(cli.stderr()).contains("401");
    }

    @Test
    void aTokenOfAnotherAppIsRefusedWith403AndWorksForItsOwnApp() {
        String own = Projects.appName("own");
        String other = Projects.appName("other");
        String token = http.createAppToken(own);

        HttpResponse<String> forOther = http.api("GET", "/apps/" + other + "/microservices", token, null);
        HttpResponse<String> forOwn = http.api("GET", "/apps/" + own + "/microservices", token, null);
        HttpResponse<String> adminOnly = http.api("POST", "/tokens", token,
                java.net.http.HttpRequest.BodyPublishers.ofString("{\"scope\": \"admin\"}"));
        Skycli.Result cli = platform.skycli().withToken(token).run(platform.work(), "app", "status", "--app", other);

        assertThat(forOther.statusCode()).isEqualTo(403);
        assertThat(GatewayClient.json(forOther.body()).at("/error/code").asString()).isEqualTo("forbidden");
        assertThat(forOwn.statusCode()).isEqualTo(200);
        assertThat(adminOnly.statusCode()).isEqualTo(403);
        assertThat(cli.exitCode()).as(cli.toString()).isEqualTo(3);
        assertThat(cli.stderr()).contains("403");
    }
}
