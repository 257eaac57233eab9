package io.jenkins.plugins.awsstepfunctions.steps;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.jenkins.plugins.awsstepfunctions.config.StepFunctionsGlobalConfiguration;

/**
 * A WireMock server on loopback that the global configuration's endpoint points at while it is open: for what moto
 * lacks, drops (StopExecution's error and cause) or cannot be made to answer (faults).
 */
final class StubbedService implements AutoCloseable {

    private final WireMockServer server =
            new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));

    StubbedService() {
        server.start();
        StepFunctionsGlobalConfiguration.get().setEndpointUrl(server.baseUrl());
    }

    WireMockServer server() {
        return server;
    }

    @Override
    public void close() {
        server.stop();
    }
}
