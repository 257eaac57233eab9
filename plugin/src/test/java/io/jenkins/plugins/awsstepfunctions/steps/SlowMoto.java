package io.jenkins.plugins.awsstepfunctions.steps;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs;

/**
 * WireMock in front of moto, for the restart tests: it passes every call on, and can hold one in flight while Jenkins
 * stops. Open it in {@code @BeforeEach}, close it in {@code @AfterEach}.
 */
final class SlowMoto implements AutoCloseable {

    private final MotoServer moto;
    private final WireMockServer server =
            new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));

    SlowMoto(MotoServer moto) {
        this.moto = moto;
        server.start();
        server.stubFor(WireMockStubs.proxyTo(moto));
    }

    String baseUrl() {
        return server.baseUrl();
    }

    WireMockServer server() {
        return server;
    }

    /** The first call of the operation reaches moto, and its answer comes back after the delay; later ones at once. */
    void holdFirst(String operation, int delayMillis) {
        server.stubFor(WireMockStubs.operation(operation)
                .inScenario("slow " + operation)
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().proxiedFrom(moto.endpoint().toString()).withFixedDelay(delayMillis))
                .willSetStateTo(operation + " held once"));
    }

    /** Every call of the operation answers after the delay. */
    void holdEvery(String operation, int delayMillis) {
        server.stubFor(WireMockStubs.operation(operation)
                .willReturn(aResponse().proxiedFrom(moto.endpoint().toString()).withFixedDelay(delayMillis)));
    }

    /** Returns once the operation was requested; fails after 30 s. */
    void awaitRequest(String operation) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (server.findAll(postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("AWSStepFunctions." + operation)))
                .isEmpty()) {
            assertThat(System.currentTimeMillis()).as("%s requested", operation).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
