package io.jenkins.plugins.awsstepfunctions.tasks;

import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs.jsonResponse;
import static io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs.operation;
import static io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs.serviceError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsException;
import io.jenkins.plugins.awsstepfunctions.testing.EndpointLease;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Answering a task token, against answers shaped as the API reference documents them (SendTaskSuccess,
 * SendTaskFailure and SendTaskHeartbeat answer {}; a token Step Functions no longer waits for is TaskDoesNotExist or
 * TaskTimedOut). The token is a secret: no message ever holds it.
 */
class TaskTokensTest {

    private static final String TOKEN = "AQCEAAAAKgAAAAMAAAAAAAAAAf7secret-task-token-Zm9vYmFy";

    @RegisterExtension
    static WireMockExtension service = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private EndpointLease endpoint;
    private TaskTokens tokens;

    @BeforeEach
    void connect() {
        endpoint = EndpointLease.at(service.baseUrl());
        tokens = new TaskTokens(endpoint.lease());
    }

    @AfterEach
    void close() {
        endpoint.close();
    }

    @Test
    void successSendsTheTokenAndTheOutput() {
        service.stubFor(operation("SendTaskSuccess").willReturn(jsonResponse(Map.of())));

        tokens.success(TOKEN, "{\"approved\":true}");

        service.verify(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(
                        equalToJson("{\"taskToken\":\"" + TOKEN + "\",\"output\":\"{\\\"approved\\\":true}\"}")));
    }

    @Test
    void failureSendsErrorAndCause() {
        service.stubFor(operation("SendTaskFailure").willReturn(jsonResponse(Map.of())));

        tokens.failure(TOKEN, "Jenkins.Rejected", "The release was rejected in build 42");

        service.verify(postRequestedFor(urlEqualTo("/"))
                .withRequestBody(equalToJson("{\"taskToken\":\"" + TOKEN
                        + "\",\"error\":\"Jenkins.Rejected\",\"cause\":\"The release was rejected in build 42\"}")));
    }

    @Test
    void heartbeatSendsTheToken() {
        service.stubFor(operation("SendTaskHeartbeat").willReturn(jsonResponse(Map.of())));

        tokens.heartbeat(TOKEN);

        service.verify(
                postRequestedFor(urlEqualTo("/")).withRequestBody(equalToJson("{\"taskToken\":\"" + TOKEN + "\"}")));
    }

    @Test
    void aTokenNoLongerWaitedForIsExplainedWithoutTheToken() {
        service.stubFor(operation("SendTaskSuccess")
                .willReturn(serviceError(400, "TaskTimedOut", "Task Timed Out: '" + TOKEN + "'")));

        assertThatThrownBy(() -> tokens.success(TOKEN, "{}"))
                .isInstanceOf(StepFunctionsException.class)
                .hasMessageContaining("SendTaskSuccess on the task token failed")
                .hasMessageContaining("no longer waits for this task token")
                .hasMessageNotContaining(TOKEN)
                .satisfies(e -> assertThat(e.getCause()).isNull());
        service.stubFor(operation("SendTaskHeartbeat")
                .willReturn(serviceError(400, "TaskDoesNotExist", "Task does not exist")));
        assertThatThrownBy(() -> tokens.heartbeat(TOKEN))
                .isInstanceOf(StepFunctionsException.class)
                .hasMessageContaining("TaskDoesNotExist")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void badArgumentsAreRefusedBeforeAnyCallAndNeverQuoteTheToken() {
        assertThatThrownBy(() -> tokens.success(" ", "{}"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("taskToken")
                .hasMessageContaining("is required");
        String tooLong = TOKEN.repeat(60);
        assertThatThrownBy(() -> tokens.heartbeat(tooLong))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("at most 2048")
                .hasMessageNotContaining(TOKEN);
        assertThatThrownBy(() -> tokens.success(TOKEN, "{not json"))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("output")
                .hasMessageNotContaining(TOKEN);
        assertThatThrownBy(() -> tokens.failure(TOKEN, "E".repeat(257), null))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining("error")
                .hasMessageContaining("256");
        assertThat(service.getAllServeEvents()).isEmpty();
    }
}
