package io.jenkins.plugins.awsstepfunctions.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jenkins.plugins.awsstepfunctions.connection.ClientLease;
import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.connection.StepFunctionsClients;
import io.jenkins.plugins.awsstepfunctions.testing.MotoExtension;
import io.jenkins.plugins.awsstepfunctions.testing.MotoServer;
import io.jenkins.plugins.awsstepfunctions.testing.StateMachines;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Start, describe, output, failure reports and stop against executions that really run in moto. */
@ExtendWith(MotoExtension.class)
class OperationsAgainstMotoTest {

    private static StepFunctionsClients clients;
    private static ClientLease lease;
    private static StepFunctionsOperations operations;

    @BeforeAll
    static void connect(MotoServer moto) {
        clients = new StepFunctionsClients();
        lease = clients.lease(moto.settings(), MotoServer.credentials());
        operations = new StepFunctionsOperations(lease.sfn());
    }

    @AfterAll
    static void disconnect() {
        lease.close();
        clients.close();
    }

    private static String stateMachine(String definition) {
        return StateMachines.create(lease.sfn(), definition);
    }

    private static StartRequest.Builder request(String stateMachineArn, String name, Object input) {
        return StartRequest.builder()
                .stateMachineArn(stateMachineArn)
                .name(name)
                .input(ExecutionInput.of("input", input));
    }

    private static ExecutionDescription awaitEnd(ExecutionArn execution) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        ExecutionDescription description = operations.describe(execution);
        while (!description.state().isFinished() && Instant.now().isBefore(deadline)) {
            sleep(100);
            description = operations.describe(execution);
        }
        return description;
    }

    @Test
    void startWithAMapInputSucceedsWithTheParsedOutput() {
        String arn = stateMachine("pass");

        StartResult started =
                operations.start(request(arn, "map-input", Map.of("build", 42)).build());

        assertThat(started.outcome()).isEqualTo(StartResult.Outcome.STARTED);
        assertThat(started.executionArn().name()).isEqualTo("map-input");
        ExecutionDescription end = awaitEnd(started.executionArn());
        assertThat(end.state()).isEqualTo(ExecutionState.SUCCEEDED);
        assertThat(end.output()).isEqualTo(Map.of("greeting", "hello", "input", Map.of("build", 42L)));
        assertThat(end.summary())
                .matches(java.util.regex.Pattern.quote(started.executionArn().toString())
                        + " SUCCEEDED after \\d+\\.\\d s");
    }

    @Test
    void startWithAJsonStringInputPassesItUnchanged() {
        String arn = stateMachine("pass");

        StartResult started = operations.start(
                request(arn, "string-input", "{\"build\": \"b-7\"}").build());

        assertThat(awaitEnd(started.executionArn()).output())
                .isEqualTo(Map.of("greeting", "hello", "input", Map.of("build", "b-7")));
    }

    @Test
    void outputKeepsEveryJsonType() {
        String arn = stateMachine("echo-value");
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("a", 1L);
        object.put("b", List.of(true, "x"));
        // A string output is covered against WireMock: moto 5.2.1 returns it without JSON quotes.
        List<Object> values = Arrays.asList(object, List.of(1L, 2L), 7L, new BigDecimal("2.5"), true, null);

        for (int i = 0; i < values.size(); i++) {
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("value", values.get(i));
            ExecutionArn execution =
                    operations.start(request(arn, "type-" + i, input).build()).executionArn();
            awaitEnd(execution);

            assertThat(operations.output(execution))
                    .as("output of %s", values.get(i))
                    .isEqualTo(values.get(i));
        }
    }

    @Test
    void sameNameAndInputWhileRunningReturnsTheSameExecution() {
        String arn = stateMachine("wait-then-succeed");
        StartRequest request = request(arn, "idempotent", Map.of("seconds", 30)).build();

        StartResult first = operations.start(request);
        StartResult again = operations.start(request);

        assertThat(again.executionArn()).isEqualTo(first.executionArn());
        operations.stop(first.executionArn(), "Test.Cleanup", "done");
    }

    @Test
    void sameNameWithOtherInputIsExplained() {
        String arn = stateMachine("wait-then-succeed");
        ExecutionArn first = operations
                .start(request(arn, "taken", Map.of("seconds", 30)).build())
                .executionArn();

        assertThatThrownBy(() -> operations.start(
                        request(arn, "taken", Map.of("seconds", 31)).build()))
                .isInstanceOf(StepFunctionsException.class)
                .hasMessageStartingWith(
                        "StartExecution on " + arn + " failed: an execution with this name already" + " exists")
                .hasMessageContaining("Use another name, or redrive: true to resume a failed execution of this name.")
                .extracting(e -> ((StepFunctionsException) e).kind())
                .isEqualTo(StepFunctionsException.Kind.ALREADY_EXISTS);
        operations.stop(first, "Test.Cleanup", "done");
    }

    @Test
    void describeReportsRunningThenSucceeded() {
        String arn = stateMachine("wait-then-succeed");
        ExecutionArn execution = operations
                .start(request(arn, "running", Map.of("seconds", 1)).build())
                .executionArn();

        ExecutionDescription running = operations.describe(execution);
        assertThat(running.state()).isEqualTo(ExecutionState.RUNNING);
        assertThat(running.state().isFinished()).isFalse();
        assertThat(running.stopDate()).isEmpty();

        ExecutionDescription end = awaitEnd(execution);
        assertThat(end.state()).isEqualTo(ExecutionState.SUCCEEDED);
        assertThat(end.stopDate()).isPresent();
        assertThat(end.stateMachineArn()).isEqualTo(arn);
        assertThat(end.name()).isEqualTo("running");
    }

    @Test
    void failureReportNamesTheFailStateWithItsErrorAndCause() {
        String arn = stateMachine("fail");
        ExecutionArn execution =
                operations.start(request(arn, "failing", Map.of()).build()).executionArn();

        ExecutionDescription end = awaitEnd(execution);
        FailureReport report = operations.failureReport(end);

        assertThat(end.state()).isEqualTo(ExecutionState.FAILED);
        assertThat(report.failedState()).contains("Explode");
        assertThat(report.failedStateType()).contains("Fail");
        assertThat(report.error()).contains("Deployment.Rejected");
        assertThat(report.cause()).contains("The canary reported 42 errors");
        assertThat(report.message())
                .isEqualTo("Execution " + execution + " FAILED in state 'Explode' (Fail):"
                        + " Deployment.Rejected: The canary reported 42 errors.");
    }

    @Test
    void failureReportAlsoNamesAnEarlierFailureACatchHandled() {
        String arn = stateMachine("caught-then-failed");
        ExecutionArn execution = operations
                .start(request(arn, "caught-then-failed", Map.of()).build())
                .executionArn();

        FailureReport report = operations.failureReport(awaitEnd(execution));

        assertThat(report.failedState()).contains("Fallback");
        assertThat(report.earlier())
                .contains("Earlier, a Catch handled 'Try' failing with Api.Down (503 from the API).");
        assertThat(report.message())
                .isEqualTo("Execution " + execution + " FAILED in state 'Fallback' (Fail): Fallback.Failed: no fallback"
                        + " either. Earlier, a Catch handled 'Try' failing with Api.Down (503 from the API).");
    }

    @Test
    void failureReportNamesTheFailedStateInsideAMapIteration() {
        String arn = stateMachine("map-fail");
        ExecutionArn execution = operations
                .start(request(arn, "map-fails", Map.of("items", List.of(1, 2, 3)))
                        .build())
                .executionArn();

        FailureReport report = operations.failureReport(awaitEnd(execution));

        assertThat(report.failedState()).contains("RejectItem");
        assertThat(report.enclosingStates()).containsExactly("Each[1]");
        assertThat(report.message())
                .isEqualTo("Execution " + execution + " FAILED in state 'RejectItem' (Fail)"
                        + " inside Each[1]: Item.Rejected: item 2 is not allowed.");
    }

    @Test
    void failureReportNamesTheFailedBranchStateInsideAParallel() {
        String arn = stateMachine("parallel-fail");
        ExecutionArn execution = operations
                .start(request(arn, "parallel-fails", Map.of()).build())
                .executionArn();

        FailureReport report = operations.failureReport(awaitEnd(execution));

        assertThat(report.failedState()).contains("Canary");
        assertThat(report.enclosingStates()).containsExactly("Deploy");
        assertThat(report.error()).contains("Canary.Failed");
        assertThat(report.cause()).contains("error rate 7% > 1%");
    }

    @Test
    void timedOutExecutionReportsTheTimeoutThatFired() {
        String arn = stateMachine("timeout");
        ExecutionArn execution =
                operations.start(request(arn, "too-slow", Map.of()).build()).executionArn();

        ExecutionDescription end = awaitEnd(execution);
        FailureReport report = operations.failureReport(end);

        assertThat(end.state()).isEqualTo(ExecutionState.TIMED_OUT);
        assertThat(report.timeout()).contains("the state machine's TimeoutSeconds (1 s)");
        assertThat(report.message())
                .isEqualTo("Execution " + execution + " TIMED_OUT while in state 'TooLong'"
                        + " (Wait): the state machine's TimeoutSeconds (1 s) elapsed.");
    }

    @Test
    void stoppedExecutionIsAbortedAndItsReportSaysWhere() {
        String arn = stateMachine("wait-then-succeed");
        ExecutionArn execution = operations
                .start(request(arn, "to-stop", Map.of("seconds", 60)).build())
                .executionArn();
        awaitStateEntered(execution, "Wait");

        operations.stop(execution, "Build.Aborted", "aborted by a test");

        ExecutionDescription end = awaitEnd(execution);
        assertThat(end.state()).isEqualTo(ExecutionState.ABORTED);
        assertThat(operations.failureReport(end).message())
                .startsWith("Execution " + execution + " was ABORTED while in state 'Wait' (Wait)");
    }

    @Test
    void outputOfAFailedExecutionFailsWithTheReport() {
        String arn = stateMachine("fail");
        ExecutionArn execution =
                operations.start(request(arn, "no-output", Map.of()).build()).executionArn();
        awaitEnd(execution);

        assertThatThrownBy(() -> operations.output(execution))
                .isInstanceOf(ExecutionNotSucceededException.class)
                .hasMessageContaining("FAILED in state 'Explode'")
                .satisfies(e -> assertThat(((ExecutionNotSucceededException) e).report())
                        .isPresent());
    }

    @Test
    void outputOfARunningExecutionSaysItIsStillRunning() {
        String arn = stateMachine("wait-then-succeed");
        ExecutionArn execution = operations
                .start(request(arn, "not-yet", Map.of("seconds", 60)).build())
                .executionArn();

        assertThatThrownBy(() -> operations.output(execution))
                .isInstanceOf(ExecutionNotSucceededException.class)
                .hasMessage("Execution " + execution + " is RUNNING and has no output yet; wait for it to end first.");
        operations.stop(execution, "Test.Cleanup", "done");
    }

    @Test
    void startOrRedriveStartsAnAbsentExecutionAndLeavesRunningAndSucceededOnesAlone() {
        String arn = stateMachine("wait-then-succeed");
        StartRequest request = request(arn, "redrive-me", Map.of("seconds", 1)).build();

        StartResult first = operations.startOrRedrive(request);
        StartResult whileRunning = operations.startOrRedrive(request);
        awaitEnd(first.executionArn());
        StartResult afterSuccess = operations.startOrRedrive(request);

        assertThat(first.outcome()).isEqualTo(StartResult.Outcome.STARTED);
        assertThat(whileRunning.outcome()).isEqualTo(StartResult.Outcome.ALREADY_RUNNING);
        assertThat(afterSuccess.outcome()).isEqualTo(StartResult.Outcome.ALREADY_SUCCEEDED);
        assertThat(whileRunning.executionArn()).isEqualTo(first.executionArn());
        assertThat(afterSuccess.executionArn()).isEqualTo(first.executionArn());
    }

    @Test
    void startOrRedriveNeedsAName() {
        String arn = stateMachine("pass");

        assertThatThrownBy(() -> operations.startOrRedrive(
                        StartRequest.builder().stateMachineArn(arn).build()))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("name: is required with redrive: true: the execution to redrive is found by its name");
    }

    @Test
    void missingExecutionIsExplained() {
        String arn = stateMachine("pass");
        ExecutionArn missing = StateMachineArn.parse("arn", arn).execution("never-started");

        assertThatThrownBy(() -> operations.describe(missing))
                .isInstanceOf(StepFunctionsException.class)
                .hasMessageStartingWith("DescribeExecution on " + missing + " failed: the execution does not exist")
                .extracting(e -> ((StepFunctionsException) e).kind())
                .isEqualTo(StepFunctionsException.Kind.NOT_FOUND);
    }

    @Test
    void missingStateMachineIsExplained() {
        String missing = "arn:aws:states:us-east-1:" + MotoServer.ACCOUNT_ID + ":stateMachine:does-not-exist";

        assertThatThrownBy(
                        () -> operations.start(request(missing, "x", Map.of()).build()))
                .isInstanceOf(StepFunctionsException.class)
                .hasMessageStartingWith("StartExecution on " + missing + " failed: the state machine does not exist");
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad name", "feature/x", "a:b"})
    void badNamesAreRefusedBeforeAnyCall(String name) {
        assertThatThrownBy(() -> StartRequest.builder()
                        .stateMachineArn("arn:aws:states:us-east-1:123456789012:stateMachine:x")
                        .name(name)
                        .build())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("name: '" + name + "' contains");
    }

    @Test
    void badArnsAreRefusedBeforeAnyCall() {
        assertThatThrownBy(
                        () -> StartRequest.builder().stateMachineArn("orders").build())
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("stateMachineArn: 'orders' is not a state machine ARN");
        assertThatThrownBy(() -> operations.describe(ExecutionArn.parse("executionArn", "orders")))
                .isInstanceOf(InvalidSettingException.class);
    }

    @Test
    void expressExecutionsCannotBeDescribed() {
        ExecutionArn express =
                ExecutionArn.parse("executionArn", "arn:aws:states:us-east-1:123456789012:express:orders:e1:0f9c");

        assertThatThrownBy(() -> operations.describe(express))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageContaining(
                        "is an EXPRESS execution; Step Functions cannot describe, stop or wait for those");
    }

    /** moto ignores a stop that comes before its interpreter entered the first state; AWS does not. */
    private static void awaitStateEntered(ExecutionArn execution, String state) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (lease.sfn().getExecutionHistory(b -> b.executionArn(execution.toString())).events().stream()
                .noneMatch(e -> e.stateEnteredEventDetails() != null
                        && state.equals(e.stateEnteredEventDetails().name()))) {
            assertThat(Instant.now()).as("state %s entered", state).isBefore(deadline);
            sleep(50);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
