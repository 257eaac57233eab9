package io.jenkins.plugins.awsstepfunctions.execution;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs.jsonResponse;
import static io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs.operation;
import static io.jenkins.plugins.awsstepfunctions.testing.WireMockStubs.serviceError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.jenkins.plugins.awsstepfunctions.connection.ClientSettings;
import io.jenkins.plugins.awsstepfunctions.testing.EndpointLease;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What moto cannot do: synchronous Express runs, redrive, PENDING_REDRIVE, faults and refusals. */
class OperationsAgainstWireMockTest {

    private static final String STATE_MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:orders";
    private static final String EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:orders:build-7";

    @RegisterExtension
    static WireMockExtension service = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort())
            .build();

    private EndpointLease endpoint;
    private StepFunctionsOperations operations;

    @BeforeEach
    void connect() {
        endpoint = EndpointLease.at(
                service.baseUrl(),
                ClientSettings.fromMap(
                        "clientConfig", Map.of("retries", Map.of("mode", "standard", "total_max_attempts", 3))));
        operations = new StepFunctionsOperations(endpoint.lease().sfn());
    }

    @AfterEach
    void disconnect() {
        endpoint.close();
    }

    private static Map<String, Object> description(String status, Object... more) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("executionArn", EXECUTION);
        body.put("stateMachineArn", STATE_MACHINE);
        body.put("name", "build-7");
        body.put("status", status);
        body.put("startDate", 1.7645e9);
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    private static StartRequest request() {
        return StartRequest.builder()
                .stateMachineArn(STATE_MACHINE)
                .name("build-7")
                .input(ExecutionInput.of("input", Map.of("order", 1)))
                .build();
    }

    @Test
    void syncExecutionReturnsItsOutputAndBilling() {
        service.stubFor(operation("StartSyncExecution")
                .willReturn(jsonResponse(Map.of(
                        "executionArn",
                        "arn:aws:states:us-east-1:123456789012:express:orders:build-7:0f9c",
                        "stateMachineArn",
                        STATE_MACHINE,
                        "name",
                        "build-7",
                        "status",
                        "SUCCEEDED",
                        "startDate",
                        1.7645e9,
                        "stopDate",
                        1.7645e9 + 0.2,
                        "output",
                        "{\"total\":12.5}",
                        "billingDetails",
                        Map.of("billedDurationInMilliseconds", 200, "billedMemoryUsedInMB", 64)))));

        SyncExecutionResult result = operations.startSync(request());

        assertThat(result.state()).isEqualTo(ExecutionState.SUCCEEDED);
        assertThat(result.output()).isEqualTo(Map.of("total", new java.math.BigDecimal("12.5")));
        assertThat(result.billedDurationMillis()).contains(200L);
        assertThat(result.billedMemoryMb()).contains(64L);
        assertThat(result.executionArn().isExpress()).isTrue();
        service.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSStepFunctions.StartSyncExecution"))
                .withRequestBody(matchingJsonPath("$.input", equalTo("{\"order\":1}")))
                .withRequestBody(matchingJsonPath("$.name", equalTo("build-7"))));
    }

    @Test
    void failedSyncExecutionExplainsItsErrorAndCause() {
        service.stubFor(operation("StartSyncExecution")
                .willReturn(jsonResponse(Map.of(
                        "executionArn",
                        "arn:aws:states:us-east-1:123456789012:express:orders:build-7:0f9c",
                        "status",
                        "FAILED",
                        "startDate",
                        1.7645e9,
                        "stopDate",
                        1.7645e9,
                        "error",
                        "Lambda.Unknown",
                        "cause",
                        "{\"errorMessage\":\"boom\",\"errorType\":\"RuntimeError\"}"))));

        SyncExecutionResult result = operations.startSync(request());

        assertThat(result.state()).isEqualTo(ExecutionState.FAILED);
        assertThat(result.failureMessage())
                .isEqualTo("Express execution"
                        + " arn:aws:states:us-east-1:123456789012:express:orders:build-7:0f9c FAILED: Lambda.Unknown:"
                        + " RuntimeError: boom.");
    }

    @Test
    void timedOutSyncExecutionSaysWhichLimitsMayHaveFired() {
        service.stubFor(operation("StartSyncExecution")
                .willReturn(jsonResponse(Map.of(
                        "executionArn",
                        "arn:aws:states:us-east-1:123456789012:express:orders:build-7:0f9c",
                        "status",
                        "TIMED_OUT",
                        "startDate",
                        1.7645e9,
                        "stopDate",
                        1.7645e9 + 300))));

        SyncExecutionResult result = operations.startSync(request());

        assertThat(result.state()).isEqualTo(ExecutionState.TIMED_OUT);
        assertThat(result.failureMessage())
                .endsWith("TIMED_OUT (the state machine's TimeoutSeconds, or the 5-minute"
                        + " limit of synchronous executions).");
    }

    @Test
    void redrivableFailedExecutionIsRedrivenWithAStableClientToken() {
        service.stubFor(operation("DescribeExecution")
                .willReturn(jsonResponse(description(
                        "FAILED",
                        "redriveStatus",
                        "REDRIVABLE",
                        "redriveCount",
                        2,
                        "error",
                        "X",
                        "stopDate",
                        1.7646e9))));
        service.stubFor(operation("RedriveExecution").willReturn(jsonResponse(Map.of("redriveDate", 1.7647e9))));

        StartResult result = operations.startOrRedrive(request());

        assertThat(result.outcome()).isEqualTo(StartResult.Outcome.REDRIVEN);
        assertThat(result.executionArn().toString()).isEqualTo(EXECUTION);
        service.verify(
                1,
                postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("AWSStepFunctions.RedriveExecution"))
                        .withRequestBody(matchingJsonPath("$.executionArn", equalTo(EXECUTION)))
                        .withRequestBody(matchingJsonPath(
                                "$.clientToken", equalTo(StepFunctionsOperations.redriveToken(EXECUTION, 2)))));
    }

    @Test
    void redriveTokenChangesWithTheRedriveCountOnly() {
        assertThat(StepFunctionsOperations.redriveToken(EXECUTION, 0))
                .isEqualTo(StepFunctionsOperations.redriveToken(EXECUTION, 0))
                .isNotEqualTo(StepFunctionsOperations.redriveToken(EXECUTION, 1))
                .hasSizeLessThanOrEqualTo(64)
                .startsWith("jenkins-");
    }

    @Test
    void notRedrivableExecutionIsExplainedWithTheServicesReasonAndNotRedriven() {
        service.stubFor(operation("DescribeExecution")
                .willReturn(jsonResponse(description(
                        "TIMED_OUT",
                        "redriveStatus",
                        "NOT_REDRIVABLE",
                        "redriveStatusReason",
                        "Execution is older than the 14-day redrive window"))));

        assertThatThrownBy(() -> operations.startOrRedrive(request()))
                .isInstanceOf(StepFunctionsException.class)
                .hasMessage("RedriveExecution on " + EXECUTION + " was not attempted: the execution TIMED_OUT and"
                        + " Step Functions says it is NOT_REDRIVABLE (Execution is older than the 14-day redrive"
                        + " window). Start a new execution under another name instead.")
                .extracting(e -> ((StepFunctionsException) e).kind())
                .isEqualTo(StepFunctionsException.Kind.NOT_REDRIVABLE);
        service.verify(
                0,
                postRequestedFor(urlEqualTo("/"))
                        .withHeader("X-Amz-Target", equalTo("AWSStepFunctions.RedriveExecution")));
    }

    @Test
    void redriveRefusedByTheServiceIsExplained() {
        service.stubFor(operation("DescribeExecution").willReturn(jsonResponse(description("ABORTED"))));
        service.stubFor(operation("RedriveExecution")
                .willReturn(serviceError(
                        400, "ExecutionNotRedrivable", "Execution with the given ARN was aborted by a user")));

        assertThatThrownBy(() -> operations.startOrRedrive(request()))
                .isInstanceOf(StepFunctionsException.class)
                .hasMessage("RedriveExecution on " + EXECUTION + " failed: the execution cannot be redriven (AWS said:"
                        + " Execution with the given ARN was aborted by a user).");
    }

    @Test
    void aStopSendsItsErrorAndCause() {
        // moto accepts error and cause on StopExecution and drops them; this is what reaches AWS.
        service.stubFor(operation("DescribeExecution").willReturn(jsonResponse(description("RUNNING"))));
        service.stubFor(operation("StopExecution").willReturn(jsonResponse(Map.of("stopDate", 1.7647e9))));

        StopResult result = operations.stopIfRunning(
                ExecutionArn.parse("executionArn", EXECUTION), "Jenkins.Stopped", "Stopped by the Jenkins build #7");

        assertThat(result.stopped()).isTrue();
        service.verify(postRequestedFor(urlEqualTo("/"))
                .withHeader("X-Amz-Target", equalTo("AWSStepFunctions.StopExecution"))
                .withRequestBody(matchingJsonPath("$.executionArn", equalTo(EXECUTION)))
                .withRequestBody(matchingJsonPath("$.error", equalTo("Jenkins.Stopped")))
                .withRequestBody(matchingJsonPath("$.cause", equalTo("Stopped by the Jenkins build #7"))));
    }

    @Test
    void pendingRedriveIsNotFinishedAndIsLeftAlone() {
        service.stubFor(operation("DescribeExecution")
                .willReturn(jsonResponse(description("PENDING_REDRIVE", "redriveCount", 1))));

        ExecutionDescription described = operations.describe(ExecutionArn.parse("a", EXECUTION));
        StartResult result = operations.startOrRedrive(request());

        assertThat(described.state()).isEqualTo(ExecutionState.PENDING_REDRIVE);
        assertThat(described.state().isFinished()).isFalse();
        assertThat(described.redriveCount()).isEqualTo(1);
        assertThat(result.outcome()).isEqualTo(StartResult.Outcome.ALREADY_RUNNING);
    }

    @Test
    void throttlingThenSuccessIsRetriedTransparently() {
        service.stubFor(operation("DescribeExecution")
                .inScenario("throttle")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(serviceError(400, "ThrottlingException", "Rate exceeded"))
                .willSetStateTo("once"));
        service.stubFor(operation("DescribeExecution")
                .inScenario("throttle")
                .whenScenarioStateIs("once")
                .willReturn(jsonResponse(description("RUNNING"))));

        assertThat(operations.describe(ExecutionArn.parse("a", EXECUTION)).state())
                .isEqualTo(ExecutionState.RUNNING);
        service.verify(2, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void serverErrorThenSuccessIsRetriedTransparently() {
        service.stubFor(operation("DescribeExecution")
                .inScenario("5xx")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(serviceError(500, "InternalFailure", "oops"))
                .willSetStateTo("once"));
        service.stubFor(operation("DescribeExecution")
                .inScenario("5xx")
                .whenScenarioStateIs("once")
                .willReturn(jsonResponse(description("SUCCEEDED", "output", "\"done\""))));

        ExecutionDescription described = operations.describe(ExecutionArn.parse("a", EXECUTION));

        assertThat(described.output()).as("a JSON string output").isEqualTo("done");
        service.verify(2, postRequestedFor(urlEqualTo("/")));
    }

    @Test
    void throttlingThatOutlastsTheRetriesIsExplained() {
        service.stubFor(
                operation("DescribeExecution").willReturn(serviceError(400, "ThrottlingException", "Rate exceeded")));

        assertThatThrownBy(() -> operations.describe(ExecutionArn.parse("a", EXECUTION)))
                .isInstanceOf(StepFunctionsException.class)
                .hasMessage(
                        "DescribeExecution on " + EXECUTION + " failed: throttled after 3 attempts (AWS said: Rate"
                                + " exceeded). The DescribeExecution quota is shared by every caller in the account and region;"
                                + " poll less often (a longer pollInterval, a lower rate budget) or raise clientConfig.retries.")
                .extracting(e -> ((StepFunctionsException) e).kind())
                .isEqualTo(StepFunctionsException.Kind.THROTTLED);
    }

    @Test
    void accessDeniedNamesTheIamActionToGrant() {
        service.stubFor(
                operation("DescribeExecution")
                        .willReturn(
                                serviceError(
                                        400,
                                        "AccessDeniedException",
                                        "User: arn:aws:iam::123456789012:user/jenkins is not authorized to perform: states:DescribeExecution")));

        assertThatThrownBy(() -> operations.describe(ExecutionArn.parse("a", EXECUTION)))
                .isInstanceOf(StepFunctionsException.class)
                .hasMessageStartingWith("DescribeExecution on " + EXECUTION + " failed: access denied (AWS said: User:")
                .hasMessageContaining(
                        "The credentials need the IAM permission states:DescribeExecution on this" + " resource")
                .extracting(e -> ((StepFunctionsException) e).kind())
                .isEqualTo(StepFunctionsException.Kind.ACCESS_DENIED);
    }

    @Test
    void failureReportWithoutHistoryPermissionKeepsTheErrorAndSaysWhatIsMissing() {
        service.stubFor(operation("GetExecutionHistory")
                .willReturn(serviceError(
                        400, "AccessDeniedException", "not authorized to perform: states:GetExecutionHistory")));
        service.stubFor(operation("DescribeExecution")
                .willReturn(jsonResponse(description("FAILED", "error", "Deploy.Failed", "cause", "bad config"))));

        FailureReport report = operations.failureReport(operations.describe(ExecutionArn.parse("a", EXECUTION)));

        assertThat(report.message())
                .startsWith("Execution " + EXECUTION + " FAILED: Deploy.Failed: bad config."
                        + " (The failing state is unknown: GetExecutionHistory on " + EXECUTION
                        + " failed: access denied")
                .contains("states:GetExecutionHistory");
    }

    @Test
    void taskFailureNamesTheResourceAndTheLambdaErrorMessage() {
        service.stubFor(operation("DescribeExecution")
                .willReturn(jsonResponse(description(
                        "FAILED",
                        "error",
                        "Lambda.ServiceException",
                        "cause",
                        "{\"errorMessage\":\"card declined\",\"errorType\":\"PaymentError\"}"))));
        service.stubFor(
                operation("GetExecutionHistory")
                        .willReturn(
                                jsonResponse(
                                        Map.of(
                                                "events",
                                                List.of(
                                                        event(1, 0, "ExecutionStarted", Map.of()),
                                                        event(
                                                                2,
                                                                1,
                                                                "TaskStateEntered",
                                                                Map.of(
                                                                        "stateEnteredEventDetails",
                                                                        Map.of("name", "Charge"))),
                                                        event(3, 2, "TaskScheduled", Map.of()),
                                                        event(4, 3, "TaskStarted", Map.of()),
                                                        event(
                                                                5,
                                                                4,
                                                                "TaskFailed",
                                                                Map.of(
                                                                        "taskFailedEventDetails",
                                                                        Map.of(
                                                                                "resourceType",
                                                                                "lambda",
                                                                                "resource",
                                                                                "invoke",
                                                                                "error",
                                                                                "Lambda.ServiceException",
                                                                                "cause",
                                                                                "{\"errorMessage\":\"card declined\",\"errorType\":\"PaymentError\"}"))),
                                                        event(
                                                                6,
                                                                5,
                                                                "ExecutionFailed",
                                                                Map.of(
                                                                        "executionFailedEventDetails",
                                                                        Map.of(
                                                                                "error", "Lambda.ServiceException",
                                                                                "cause",
                                                                                        "{\"errorMessage\":\"card declined\",\"errorType\":\"PaymentError\"}"))))))));
        service.stubFor(operation("DescribeStateMachineForExecution")
                .willReturn(jsonResponse(Map.of(
                        "stateMachineArn",
                        STATE_MACHINE,
                        "name",
                        "orders",
                        "definition",
                        "{}",
                        "roleArn",
                        "arn:aws:iam::1:role/r",
                        "updateDate",
                        1.7e9))));

        FailureReport report = operations.failureReport(operations.describe(ExecutionArn.parse("a", EXECUTION)));

        assertThat(report.resource()).contains("lambda:invoke");
        assertThat(report.message())
                .isEqualTo("Execution " + EXECUTION + " FAILED in state 'Charge' (Task,"
                        + " resource lambda:invoke): Lambda.ServiceException: PaymentError: card declined.");
    }

    @Test
    void stateTimeoutNamesTheStatesTimeoutSecondsFromTheDefinition() {
        service.stubFor(operation("DescribeExecution")
                .willReturn(jsonResponse(description("FAILED", "error", "States.Timeout"))));
        service.stubFor(operation("GetExecutionHistory")
                .willReturn(jsonResponse(Map.of(
                        "events",
                        List.of(
                                event(1, 0, "ExecutionStarted", Map.of()),
                                event(
                                        2,
                                        1,
                                        "TaskStateEntered",
                                        Map.of("stateEnteredEventDetails", Map.of("name", "Call"))),
                                event(
                                        3,
                                        2,
                                        "TaskTimedOut",
                                        Map.of(
                                                "taskTimedOutEventDetails",
                                                Map.of(
                                                        "resourceType",
                                                        "lambda",
                                                        "resource",
                                                        "invoke",
                                                        "error",
                                                        "States.Timeout"))),
                                event(
                                        4,
                                        3,
                                        "ExecutionFailed",
                                        Map.of("executionFailedEventDetails", Map.of("error", "States.Timeout"))))))));
        service.stubFor(
                operation("DescribeStateMachineForExecution")
                        .willReturn(
                                jsonResponse(
                                        Map.of(
                                                "stateMachineArn",
                                                STATE_MACHINE,
                                                "name",
                                                "orders",
                                                "roleArn",
                                                "arn:aws:iam::1:role/r",
                                                "updateDate",
                                                1.7e9,
                                                "definition",
                                                "{\"StartAt\":\"Outer\",\"States\":{\"Outer\":{\"Type\":\"Parallel\","
                                                        + "\"End\":true,\"Branches\":[{\"StartAt\":\"Call\",\"States\":{\"Call\":{\"Type\":\"Task\","
                                                        + "\"Resource\":\"arn:aws:states:::lambda:invoke\",\"TimeoutSeconds\":5,\"End\":true}}}]}}}"))));

        FailureReport report = operations.failureReport(operations.describe(ExecutionArn.parse("a", EXECUTION)));

        assertThat(report.timeout()).contains("the TimeoutSeconds of state 'Call' (5 s)");
        assertThat(report.message())
                .isEqualTo("Execution " + EXECUTION + " FAILED in state 'Call' (Task, resource"
                        + " lambda:invoke): the TimeoutSeconds of state 'Call' (5 s) elapsed: States.Timeout.");
    }

    @Test
    void unreachableEndpointIsExplainedWithTheEndpoint() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String endpoint = "http://127.0.0.1:" + closedPort;
        try (EndpointLease closed = EndpointLease.at(
                endpoint, ClientSettings.fromMap("clientConfig", Map.of("retries", Map.of("total_max_attempts", 1))))) {
            assertThatThrownBy(() -> new StepFunctionsOperations(closed.lease().sfn())
                            .describe(ExecutionArn.parse("a", EXECUTION)))
                    .isInstanceOf(StepFunctionsException.class)
                    .hasMessage("DescribeExecution on " + EXECUTION + " failed: could not reach Step Functions at "
                            + endpoint + " (us-east-1): the connection was refused; check endpointUrl, proxies and"
                            + " firewalls.")
                    .extracting(e -> ((StepFunctionsException) e).kind())
                    .isEqualTo(StepFunctionsException.Kind.CONNECTION);
        }
    }

    private static Map<String, Object> event(long id, long previous, String type, Map<String, Object> details) {
        Map<String, Object> event = new LinkedHashMap<>(details);
        event.put("id", id);
        event.put("previousEventId", previous);
        event.put("type", type);
        event.put("timestamp", 1.7645e9 + id);
        return event;
    }
}
