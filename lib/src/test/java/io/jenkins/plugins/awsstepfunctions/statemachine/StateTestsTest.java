package io.jenkins.plugins.awsstepfunctions.statemachine;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs.jsonResponse;
import static io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs.operation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.awsstepfunctions.connection.ClientLease;
import io.jenkins.plugins.awsstepfunctions.connection.ClientSettings;
import io.jenkins.plugins.awsstepfunctions.connection.ConnectionSettings;
import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.connection.StepFunctionsClients;
import io.jenkins.plugins.awsstepfunctions.testing.EndpointLease;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** TestState (moto does not implement it), with answers shaped as the API reference documents them. */
class StateTestsTest {

    private static final String TASK = "{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::lambda:invoke\","
            + "\"Arguments\":{\"FunctionName\":\"check\"},\"Next\":\"Done\"}";

    @RegisterExtension
    static WireMockExtension service = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private EndpointLease endpoint;
    private Definitions definitions;

    @BeforeEach
    void connect() {
        endpoint = EndpointLease.at(service.baseUrl());
        definitions = new Definitions(endpoint.lease());
    }

    @AfterEach
    void close() {
        endpoint.close();
    }

    @Test
    void aTaskThatRunsLongerThanTheReadTimeoutIsWaitedForAndNeverSentTwice() {
        service.stubFor(operation("TestState")
                .willReturn(jsonResponse(Map.of("status", "SUCCEEDED", "output", "{}"))
                        .withFixedDelay(2_500)));
        ClientSettings impatient = ClientSettings.fromMap(
                "clientConfig", Map.of("read_timeout", 1, "retries", Map.of("total_max_attempts", 3)));
        ConnectionSettings connection = ConnectionSettings.builder()
                .region("us-east-1")
                .endpointUrl(service.baseUrl())
                .clientSettings(impatient)
                .build();
        StateTestRequest request = StateTestRequest.builder().definition(TASK).build();

        try (StepFunctionsClients clients = new StepFunctionsClients();
                ClientLease plain = clients.lease(connection, EndpointLease.KEYS);
                ClientLease patient = clients.lease(Definitions.testStateConnection(connection), EndpointLease.KEYS)) {
            // The baseline: a client with the connection's own settings gives up, and sends the task again.
            assertThatThrownBy(() -> new Definitions(plain).test(request)).isInstanceOf(RuntimeException.class);
            assertThat(service.getAllServeEvents()).hasSize(3);
            service.resetRequests();

            assertThat(new Definitions(patient).test(request).status()).isEqualTo("SUCCEEDED");
            assertThat(service.getAllServeEvents()).hasSize(1);
        }
    }

    @Test
    void aMockedTaskSucceedsWithItsOutputNextStateAndInspectionData() {
        service.stubFor(operation("TestState")
                .willReturn(jsonResponse(Map.of(
                        "status", "SUCCEEDED",
                        "output", "{\"ok\":true}",
                        "nextState", "Done",
                        "inspectionData",
                                Map.of(
                                        "input", "{\"order\":7}",
                                        "afterArguments", "{\"FunctionName\":\"check\"}",
                                        "result", "{\"ok\":true}")))));

        StateTestResult result = definitions.test(StateTestRequest.builder()
                .definition(TASK)
                .inputJson("{\"order\":7}")
                .inspectionLevel("debug")
                .mockResultJson("{\"ok\":true}")
                .build());

        assertThat(result.status()).isEqualTo("SUCCEEDED");
        assertThat(result.output()).contains("{\"ok\":true}");
        assertThat(result.nextState()).isEqualTo("Done");
        assertThat(result.inspection())
                .containsEntry("input", "{\"order\":7}")
                .containsEntry("afterArguments", "{\"FunctionName\":\"check\"}");
        assertThat(result.toMap()).containsEntry("status", "SUCCEEDED").doesNotContainKey("error");
        assertThat(result.describe()).isEqualTo("TestState: SUCCEEDED, next state Done");
        service.verify(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(matchingJsonPath("$.inspectionLevel", equalTo("DEBUG")))
                .withRequestBody(matchingJsonPath("$.mock.result", equalTo("{\"ok\":true}")))
                .withRequestBody(matchingJsonPath("$.input", equalTo("{\"order\":7}"))));
    }

    @Test
    void aMockedErrorFailsTheStateOfAWholeDefinition() {
        service.stubFor(operation("TestState")
                .willReturn(
                        jsonResponse(Map.of("status", "FAILED", "error", "Lambda.ServiceException", "cause", "boom"))));

        StateTestResult result = definitions.test(StateTestRequest.builder()
                .definition(
                        "{\"StartAt\":\"Check\",\"States\":{\"Check\":" + TASK + ",\"Done\":{\"Type\":\"Succeed\"}}}")
                .stateName("Check")
                .mockError("Lambda.ServiceException", "boom")
                .build());

        assertThat(result.status()).isEqualTo("FAILED");
        assertThat(result.describe()).isEqualTo("TestState: FAILED, Lambda.ServiceException: boom");
        service.verify(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(matchingJsonPath("$.stateName", equalTo("Check")))
                .withRequestBody(matchingJsonPath("$.mock.errorOutput.error", equalTo("Lambda.ServiceException"))));
    }

    @Test
    void badArgumentsAreRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> StateTestRequest.builder()
                        .definition(TASK)
                        .inspectionLevel("VERBOSE")
                        .build())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("inspectionLevel")
                .hasMessageContaining("INFO, DEBUG or TRACE");
        assertThatThrownBy(() -> StateTestRequest.builder()
                        .definition(TASK)
                        .mockResultJson("{}")
                        .mockError("E", null)
                        .build())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("mockResult");
        assertThatThrownBy(() -> StateTestRequest.builder()
                        .definition(TASK)
                        .inputJson("{not json")
                        .build())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("input");
        assertThat(service.getAllServeEvents()).isEmpty();
    }
}
