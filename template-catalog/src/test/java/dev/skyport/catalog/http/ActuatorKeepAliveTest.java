package dev.skyport.catalog.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.web.reactive.server.WebTestClient;

import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * Scrapes and probes mixed with tarball requests, each client on one kept-alive connection, as a
 * monitoring agent or a fast client sends them. Actuator answers from a worker thread; Reactor
 * Netty 1.3.6 could then stop reading a kept-alive connection for good (reactor/reactor-netty#4361),
 * and a later request on it was never answered. The parent pom pins a Reactor Netty with the fix;
 * this test fails (a request times out) on 1.3.6.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ActuatorKeepAliveTest {

    private static final int CLIENTS = 4;
    private static final int ROUNDS = 50;

    @LocalServerPort
    int port;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyRequestIsAnsweredWhenScrapesAndTarballsShareKeptAliveConnections() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<ConnectionProvider> connections = new ArrayList<>();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                ConnectionProvider oneConnection = ConnectionProvider.builder("keep-alive-" + i).maxConnections(1).build();
                connections.add(oneConnection);
                done.add(clients.submit(() -> requestRounds(client(oneConnection))));
            }
            for (Future<?> client : done) {
                client.get();
            }
        } finally {
            clients.shutdownNow();
            connections.forEach(ConnectionProvider::dispose);
        }

        assertThat(client(ConnectionProvider.newConnection()).get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody())
                .containsPattern("skyport_catalog_tarball_requests_total\\{eol=\"\\w+\",runtime=\"nodejs\",version=\"18\"} "
                        + Pattern.quote(String.valueOf((double) (CLIENTS * ROUNDS))) + "\n");
    }

    /**
     * Each request has WebTestClient's default 5 s to be answered; a connection that stops reading fails
     * it. Only this test asks for nodejs/18, so its counter shows whether every request was counted.
     */
    private static void requestRounds(WebTestClient http) {
        for (int round = 0; round < ROUNDS; round++) {
            http.get().uri("/actuator/prometheus").exchange().expectStatus().isOk().expectBody().returnResult();
            http.get().uri("/v1/templates/nodejs/18.tar.gz").exchange().expectStatus().isOk().expectBody().returnResult();
            http.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk().expectBody().returnResult();
            http.get().uri("/v1/templates").exchange().expectStatus().isOk().expectBody().returnResult();
        }
    }

    private WebTestClient client(ConnectionProvider connections) {
        return WebTestClient.bindToServer(new ReactorClientHttpConnector(HttpClient.create(connections)))
                .baseUrl("http://127.0.0.1:" + port)
                .build();
    }
}
