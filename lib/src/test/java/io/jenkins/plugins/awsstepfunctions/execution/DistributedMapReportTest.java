package io.jenkins.plugins.awsstepfunctions.execution;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs.jsonResponse;
import static io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs.operation;
import static io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs.serviceError;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.jenkins.plugins.awsstepfunctions.testing.AwsShapes;
import io.jenkins.plugins.awsstepfunctions.testing.EndpointLease;
import io.jenkins.plugins.awsstepfunctions.testing.StateMachines;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A failure in a Distributed Map (which moto does not run): the report adds the Map Run's counters and the reports
 * of a few failed child executions. Responses are shaped as the Step Functions API reference documents them.
 */
class DistributedMapReportTest {

    private static final String STATE_MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:objects";
    private static final String PARENT = "arn:aws:states:us-east-1:123456789012:execution:objects:nightly-12";
    private static final String MAP_RUN =
            "arn:aws:states:us-east-1:123456789012:mapRun:objects/ProcessObjects:3b2c1d0e";
    private static final String CHILD_1 =
            "arn:aws:states:us-east-1:123456789012:execution:objects/ProcessObjects:0f1e2d3c-0001";
    private static final String CHILD_2 =
            "arn:aws:states:us-east-1:123456789012:execution:objects/ProcessObjects:0f1e2d3c-0002";

    @RegisterExtension
    static WireMockExtension service = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private EndpointLease endpoint;
    private StepFunctionsOperations operations;

    @BeforeEach
    void connect() {
        endpoint = EndpointLease.at(service.baseUrl());
        operations = new StepFunctionsOperations(endpoint.lease().sfn());
        service.stubFor(operation("DescribeStateMachineForExecution")
                .willReturn(jsonResponse(AwsShapes.stateMachineForExecution(
                        STATE_MACHINE, StateMachines.definition("diagrams/distributed-map")))));
        service.stubFor(operation("GetExecutionHistory")
                .withRequestBody(containing(PARENT))
                .willReturn(jsonResponse(Map.of("events", parentHistory()))));
        for (String child : List.of(CHILD_1, CHILD_2)) {
            service.stubFor(operation("DescribeExecution")
                    .withRequestBody(containing(child))
                    .willReturn(jsonResponse(
                            failed(child, STATE_MACHINE + "/ProcessObjects", "Lambda.Unknown", "bad key"))));
            service.stubFor(operation("GetExecutionHistory")
                    .withRequestBody(containing(child))
                    .willReturn(jsonResponse(Map.of("events", childHistory()))));
        }
    }

    @AfterEach
    void disconnect() {
        endpoint.close();
    }

    @Test
    void theReportCountsTheItemsAndExplainsAFewFailedChildren() {
        service.stubFor(operation("DescribeMapRun")
                .willReturn(jsonResponse(AwsShapes.mapRun(
                        MAP_RUN, PARENT, "FAILED", AwsShapes.counts(10_000, 0, 0, 9_300, 700, 0, 0)))));
        service.stubFor(operation("ListExecutions")
                .willReturn(jsonResponse(
                        Map.of("executions", List.of(listItem(CHILD_1), listItem(CHILD_2)), "nextToken", "more"))));

        FailureReport report = operations.failureReport(parentDescription());

        assertThat(report.failedState()).contains("ProcessObjects");
        assertThat(report.mapRun())
                .contains("Map Run " + MAP_RUN + ": 9,300 of 10,000 items succeeded, 700 failed, 0 running, 0 pending."
                        + " Failed item: Execution " + CHILD_1 + " FAILED in state 'Transform' (Task, resource"
                        + " lambda:invoke): Lambda.Unknown: bad key."
                        + " Failed item: Execution " + CHILD_2 + " FAILED in state 'Transform' (Task, resource"
                        + " lambda:invoke): Lambda.Unknown: bad key.");
        assertThat(report.message()).contains("Map Run " + MAP_RUN);
        service.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", WireMock.equalTo("AWSStepFunctions.ListExecutions"))
                .withRequestBody(containing("\"mapRunArn\":\"" + MAP_RUN + "\""))
                .withRequestBody(containing("\"statusFilter\":\"FAILED\""))
                .withRequestBody(containing("\"maxResults\":3")));
    }

    @Test
    void whenTheMapRunCannotBeReadTheReportSaysSoAndKeepsTheFailure() {
        service.stubFor(operation("DescribeMapRun")
                .willReturn(serviceError(
                        400, "AccessDeniedException", "not authorized to perform: states:DescribeMapRun")));
        service.stubFor(operation("ListExecutions")
                .willReturn(serviceError(
                        400, "AccessDeniedException", "not authorized to perform: states:ListExecutions")));

        FailureReport report = operations.failureReport(parentDescription());

        assertThat(report.error()).contains("States.ExceedToleratedFailureThreshold");
        assertThat(report.mapRun().orElseThrow())
                .startsWith("Map Run " + MAP_RUN + ": its counters could not be read (")
                .contains("states:DescribeMapRun")
                .contains("Its failed items could not be listed (")
                .contains("states:ListExecutions");
    }

    private ExecutionDescription parentDescription() {
        service.stubFor(operation("DescribeExecution")
                .withRequestBody(containing(PARENT))
                .willReturn(jsonResponse(failed(
                        PARENT,
                        STATE_MACHINE,
                        "States.ExceedToleratedFailureThreshold",
                        "The specified tolerated failure threshold was exceeded"))));
        return operations.describe(ExecutionArn.parse("executionArn", PARENT));
    }

    private static Map<String, Object> failed(String arn, String stateMachine, String error, String cause) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("executionArn", arn);
        body.put("stateMachineArn", stateMachine);
        body.put("status", "FAILED");
        body.put("startDate", 1.7E9);
        body.put("stopDate", 1.7E9 + 60);
        body.put("error", error);
        body.put("cause", cause);
        return body;
    }

    private static Map<String, Object> listItem(String arn) {
        return Map.of(
                "executionArn",
                arn,
                "stateMachineArn",
                STATE_MACHINE,
                "name",
                arn.substring(arn.lastIndexOf(':') + 1),
                "status",
                "FAILED",
                "startDate",
                1.7E9,
                "stopDate",
                1.7E9 + 5);
    }

    private static List<Map<String, Object>> parentHistory() {
        return List.of(
                AwsShapes.event(1, 0, "ExecutionStarted", Map.of()),
                AwsShapes.event(
                        2, 1, "MapStateEntered", Map.of("stateEnteredEventDetails", Map.of("name", "ProcessObjects"))),
                AwsShapes.event(3, 2, "MapStateStarted", Map.of("mapStateStartedEventDetails", Map.of("length", 0))),
                AwsShapes.event(
                        4, 3, "MapRunStarted", Map.of("mapRunStartedEventDetails", Map.of("mapRunArn", MAP_RUN))),
                AwsShapes.event(
                        5,
                        4,
                        "MapRunFailed",
                        Map.of(
                                "mapRunFailedEventDetails",
                                Map.of(
                                        "error", "States.ExceedToleratedFailureThreshold",
                                        "cause", "The specified tolerated failure threshold was exceeded"))),
                AwsShapes.event(6, 5, "MapStateFailed", Map.of()),
                AwsShapes.event(
                        7,
                        6,
                        "ExecutionFailed",
                        Map.of(
                                "executionFailedEventDetails",
                                Map.of(
                                        "error", "States.ExceedToleratedFailureThreshold",
                                        "cause", "The specified tolerated failure threshold was exceeded"))));
    }

    private static List<Map<String, Object>> childHistory() {
        return List.of(
                AwsShapes.event(1, 0, "ExecutionStarted", Map.of()),
                AwsShapes.event(
                        2, 1, "TaskStateEntered", Map.of("stateEnteredEventDetails", Map.of("name", "Transform"))),
                AwsShapes.event(
                        3,
                        2,
                        "TaskScheduled",
                        Map.of(
                                "taskScheduledEventDetails",
                                Map.of(
                                        "resourceType", "lambda",
                                        "resource", "invoke",
                                        "region", "us-east-1",
                                        "parameters", "{}"))),
                AwsShapes.event(
                        4,
                        3,
                        "TaskFailed",
                        Map.of(
                                "taskFailedEventDetails",
                                Map.of(
                                        "resourceType",
                                        "lambda",
                                        "resource",
                                        "invoke",
                                        "error",
                                        "Lambda.Unknown",
                                        "cause",
                                        "bad key"))),
                AwsShapes.event(
                        5,
                        4,
                        "ExecutionFailed",
                        Map.of("executionFailedEventDetails", Map.of("error", "Lambda.Unknown", "cause", "bad key"))));
    }
}
