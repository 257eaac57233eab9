package io.jenkins.plugins.awsstepfunctions.statemachine;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
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
    void variablesContextStateConfigurationAndTheMockValidationModeAreSentAsTheApiNamesThem() {
        service.stubFor(operation("TestState")
                .willReturn(jsonResponse(Map.of("status", "CAUGHT_ERROR", "nextState", "Fallback"))));

        StateTestResult result = definitions.test(StateTestRequest.builder()
                .definition(TASK)
                .mockResultJson("{\"StatusCode\": 200}")
                .mockValidationMode("present")
                .variablesJson("{\"attempt\": 2}")
                .contextJson("{\"Execution\": {\"Name\": \"build-7\"}}")
                .retrierRetryCount(3)
                .errorCausedByState("Inner")
                .mapIterationFailureCount(1)
                .mapItemReaderDataJson("[{\"id\": 1}]")
                .build());

        assertThat(result.status()).isEqualTo("CAUGHT_ERROR");
        service.verify(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(matchingJsonPath("$.mock.fieldValidationMode", equalTo("PRESENT")))
                .withRequestBody(matchingJsonPath("$.variables", equalTo("{\"attempt\": 2}")))
                .withRequestBody(matchingJsonPath("$.context", equalTo("{\"Execution\": {\"Name\": \"build-7\"}}")))
                .withRequestBody(matchingJsonPath("$.stateConfiguration.retrierRetryCount", equalTo("3")))
                .withRequestBody(matchingJsonPath("$.stateConfiguration.errorCausedByState", equalTo("Inner")))
                .withRequestBody(matchingJsonPath("$.stateConfiguration.mapIterationFailureCount", equalTo("1")))
                .withRequestBody(matchingJsonPath("$.stateConfiguration.mapItemReaderData", equalTo("[{\"id\": 1}]"))));
    }

    @Test
    void withoutThemNoStateConfigurationOrValidationModeIsSent() {
        service.stubFor(operation("TestState").willReturn(jsonResponse(Map.of("status", "SUCCEEDED"))));

        definitions.test(
                StateTestRequest.builder().definition(TASK).mockResultJson("{}").build());

        service.verify(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(matchingJsonPath("$.stateConfiguration", absent()))
                .withRequestBody(matchingJsonPath("$.mock.fieldValidationMode", absent()))
                .withRequestBody(matchingJsonPath("$.variables", absent())));
    }

    @Test
    void badTestSettingsAreRefusedNamingTheirParameter() {
        assertThatThrownBy(() -> StateTestRequest.builder()
                        .definition(TASK)
                        .mockResultJson("{}")
                        .mockValidationMode("loose")
                        .build())
                .hasMessage("mockValidationMode: must be STRICT, PRESENT or NONE, not 'loose'");
        assertThatThrownBy(() -> StateTestRequest.builder()
                        .definition(TASK)
                        .mockValidationMode("NONE")
                        .build())
                .hasMessage("mockValidationMode: needs mockResult: it says how the mocked result is checked");
        assertThatThrownBy(() -> StateTestRequest.builder()
                        .definition(TASK)
                        .variablesJson("[1]")
                        .build())
                .hasMessage("variables: must be a JSON object, such as {\"name\": \"value\"}");
        assertThatThrownBy(() -> StateTestRequest.builder()
                        .definition(TASK)
                        .contextJson("{oops")
                        .build())
                .hasMessageStartingWith("context: ");
        assertThatThrownBy(() -> StateTestRequest.builder()
                        .definition(TASK)
                        .retrierRetryCount(-1)
                        .build())
                .hasMessage("retrierRetryCount: must be 0 or more, not -1");
        assertThatThrownBy(() -> StateTestRequest.builder()
                        .definition(TASK)
                        .mapIterationFailureCount(-2)
                        .build())
                .hasMessage("mapIterationFailureCount: must be 0 or more, not -2");
        assertThatThrownBy(() -> StateTestRequest.builder()
                        .definition(TASK)
                        .mapItemReaderDataJson("nope")
                        .build())
                .hasMessageStartingWith("mapItemReaderData: ");
        assertThat(StateTestRequest.jsonObject("variables", "{\"a\": 1}")).isEqualTo("{\"a\": 1}");
        assertThat(StateTestRequest.jsonObject("variables", " ")).isNull();
        assertThatThrownBy(() -> StateTestRequest.jsonObject("context", "\"x\""))
                .hasMessage("context: must be a JSON object, such as {\"name\": \"value\"}");
        assertThat(StateTestRequest.count("retrierRetryCount", " 2 ")).isEqualTo(2);
        assertThatThrownBy(() -> StateTestRequest.count("retrierRetryCount", "two"))
                .hasMessage("retrierRetryCount: must be a whole number, 0 or more, not 'two'");
        assertThatThrownBy(() -> StateTestRequest.count("mapIterationFailureCount", "-1"))
                .hasMessage("mapIterationFailureCount: must be 0 or more, not -1");
        assertThat(service.getAllServeEvents()).isEmpty();
    }

    @Test
    void aDefinitionGivenLaterIsCheckedWhenGivenAndTheRestAtOnce() throws Exception {
        service.stubFor(operation("TestState").willReturn(jsonResponse(Map.of("status", "SUCCEEDED"))));
        StateTestRequest pending = StateTestRequest.builder()
                .definitionLater()
                .inputJson("{\"order\":7}")
                .retrierRetryCount(1)
                .build();

        assertThat(pending.definition()).isNull();
        assertThatThrownBy(() -> definitions.test(pending)).hasMessageStartingWith("definition: is required");
        assertThatThrownBy(() -> pending.withDefinition(" ")).hasMessageStartingWith("definition: is required");
        assertThatThrownBy(() -> StateTestRequest.builder()
                        .definitionLater()
                        .retrierRetryCount(-1)
                        .build())
                .hasMessage("retrierRetryCount: must be 0 or more, not -1");
        assertThat(service.getAllServeEvents()).isEmpty();

        // A step keeps the checked request across a restart, then gives it the file's text.
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
            out.writeObject(pending);
        }
        StateTestRequest restored;
        try (java.io.ObjectInputStream in =
                new java.io.ObjectInputStream(new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
            restored = (StateTestRequest) in.readObject();
        }
        definitions.test(restored.withDefinition(TASK));

        service.verify(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(matchingJsonPath("$.definition", equalTo(TASK)))
                .withRequestBody(matchingJsonPath("$.input", equalTo("{\"order\":7}")))
                .withRequestBody(matchingJsonPath("$.stateConfiguration.retrierRetryCount", equalTo("1"))));
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
