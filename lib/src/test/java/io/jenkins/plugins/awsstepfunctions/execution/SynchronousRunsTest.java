package io.jenkins.plugins.awsstepfunctions.execution;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs.jsonResponse;
import static io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs.operation;
import static io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs.serviceError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.awsstepfunctions.connection.ClientLease;
import io.jenkins.plugins.awsstepfunctions.connection.ClientSettings;
import io.jenkins.plugins.awsstepfunctions.connection.ConnectionSettings;
import io.jenkins.plugins.awsstepfunctions.connection.CredentialsSource;
import io.jenkins.plugins.awsstepfunctions.connection.StepFunctionsClients;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A synchronous EXPRESS run may answer after the default read timeout, and is never sent twice. */
class SynchronousRunsTest {

    private static final String STATE_MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:express";
    private static final CredentialsSource KEYS = CredentialsSource.staticKeys("AKIAWIREMOCKKEY00001", "secret", null);

    @RegisterExtension
    static WireMockExtension service = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private StepFunctionsClients clients;

    @BeforeEach
    void connect() {
        clients = new StepFunctionsClients();
    }

    @AfterEach
    void disconnect() {
        clients.close();
    }

    private ConnectionSettings connection() {
        return ConnectionSettings.builder()
                .region("us-east-1")
                .endpointUrl(service.baseUrl())
                .build();
    }

    private static StartRequest request() {
        return StartRequest.builder()
                .stateMachineArn(STATE_MACHINE)
                .name("sync-1")
                .input(ExecutionInput.of("input", Map.of("order", 1)))
                .build();
    }

    private int syncRequests() {
        return service.findAll(postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("AWSStepFunctions.StartSyncExecution")))
                .size();
    }

    @Test
    void aRunThatAnswersAfterTheDefaultReadTimeoutSucceedsOnce() {
        service.stubFor(operation("StartSyncExecution")
                .willReturn(jsonResponse(Map.of(
                                "executionArn",
                                "arn:aws:states:us-east-1:123456789012:express:express:sync-1:0a1b",
                                "status",
                                "SUCCEEDED",
                                "output",
                                "{\"ok\":true}",
                                "startDate",
                                1.7e9,
                                "stopDate",
                                1.7e9 + 31))
                        .withFixedDelay(31_000)));

        try (ClientLease lease = clients.lease(SynchronousRuns.settings(connection()), KEYS)) {
            SyncExecutionResult result = new StepFunctionsOperations(lease).startSync(request());

            assertThat(result.state()).isEqualTo(ExecutionState.SUCCEEDED);
        }
        assertThat(syncRequests()).isEqualTo(1);
    }

    @Test
    void aRunWhoseAnswerFailedIsNotSentAgain() {
        service.stubFor(operation("StartSyncExecution").willReturn(serviceError(500, "InternalFailure", "oops")));

        try (ClientLease lease = clients.lease(SynchronousRuns.settings(connection()), KEYS)) {
            assertThatThrownBy(() -> new StepFunctionsOperations(lease).startSync(request()))
                    .isInstanceOf(StepFunctionsException.class);
        }
        assertThat(syncRequests())
                .as("StartSyncExecution is not idempotent: one attempt")
                .isEqualTo(1);
    }

    @Test
    void theSettingsKeepEverythingElseAndALongerReadTimeout() {
        ConnectionSettings given = ConnectionSettings.builder()
                .region("eu-west-1")
                .endpointUrl(service.baseUrl())
                .clientSettings(
                        ClientSettings.fromMap("clientConfig", Map.of("read_timeout", 900, "connect_timeout", 3)))
                .build();

        ConnectionSettings sync = SynchronousRuns.settings(given);

        assertThat(sync.region()).contains("eu-west-1");
        assertThat(sync.clientSettings().readTimeout()).contains(Duration.ofSeconds(900));
        assertThat(sync.clientSettings().connectTimeout()).contains(Duration.ofSeconds(3));
        assertThat(sync.clientSettings().totalMaxAttempts()).contains(1);
        assertThat(SynchronousRuns.settings(connection()).clientSettings().readTimeout())
                .contains(SynchronousRuns.READ_TIMEOUT);
    }
}
