package io.jenkins.plugins.awsstepfunctions.execution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;

/** History chains as Step Functions (and moto) write them, including interleaved Map iterations. */
class FailureReportsTest {

    private static final String ARN = "arn:aws:states:us-east-1:123456789012:execution:orders:b1";

    private static HistoryEvent.Builder event(long id, long previous, HistoryEventType type) {
        return HistoryEvent.builder()
                .id(id)
                .previousEventId(previous)
                .type(type)
                .timestamp(Instant.ofEpochSecond(id));
    }

    @Test
    void siblingIterationOnTheChainIsNotTakenForAnEnclosingState() {
        ExecutionDescription failed = ExecutionDescription.of(DescribeExecutionResponse.builder()
                .executionArn(ARN)
                .stateMachineArn("arn:aws:states:us-east-1:123456789012:stateMachine:orders")
                .status("FAILED")
                .startDate(Instant.EPOCH)
                .error("Item.Rejected")
                .cause("bad")
                .build());
        List<HistoryEvent> events = List.of(
                event(1, 0, HistoryEventType.EXECUTION_STARTED).build(),
                event(2, 1, HistoryEventType.MAP_STATE_ENTERED)
                        .stateEnteredEventDetails(d -> d.name("Each"))
                        .build(),
                event(3, 2, HistoryEventType.MAP_STATE_STARTED).build(),
                event(4, 3, HistoryEventType.MAP_ITERATION_STARTED)
                        .mapIterationStartedEventDetails(d -> d.name("Each").index(0))
                        .build(),
                // The second iteration's start points at the first one's, as when iterations interleave.
                event(5, 4, HistoryEventType.MAP_ITERATION_STARTED)
                        .mapIterationStartedEventDetails(d -> d.name("Each").index(1))
                        .build(),
                event(6, 5, HistoryEventType.FAIL_STATE_ENTERED)
                        .stateEnteredEventDetails(d -> d.name("Reject"))
                        .build(),
                event(7, 6, HistoryEventType.MAP_ITERATION_FAILED)
                        .mapIterationFailedEventDetails(d -> d.name("Each").index(1))
                        .build(),
                event(8, 6, HistoryEventType.MAP_STATE_FAILED).build(),
                event(9, 8, HistoryEventType.EXECUTION_FAILED)
                        .executionFailedEventDetails(
                                d -> d.error("Item.Rejected").cause("bad"))
                        .build());

        FailureReport report = FailureReports.from(failed, events, null);

        assertThat(report.failedState()).contains("Reject");
        assertThat(report.enclosingStates()).containsExactly("Each[1]");
    }

    @Test
    void failedParallelIsTracedToTheFailingBranchWhateverTheOtherBranchDidLast() {
        ExecutionDescription failed = ExecutionDescription.of(DescribeExecutionResponse.builder()
                .executionArn(ARN)
                .stateMachineArn("arn:aws:states:us-east-1:123456789012:stateMachine:orders")
                .status("FAILED")
                .startDate(Instant.EPOCH)
                .error("Canary.Failed")
                .cause("7%")
                .build());
        List<HistoryEvent> events = List.of(
                event(1, 0, HistoryEventType.EXECUTION_STARTED).build(),
                event(2, 1, HistoryEventType.PARALLEL_STATE_ENTERED)
                        .stateEnteredEventDetails(d -> d.name("Deploy"))
                        .build(),
                event(3, 2, HistoryEventType.PARALLEL_STATE_STARTED).build(),
                event(4, 3, HistoryEventType.FAIL_STATE_ENTERED)
                        .stateEnteredEventDetails(d -> d.name("Canary"))
                        .build(),
                event(5, 3, HistoryEventType.WAIT_STATE_ENTERED)
                        .stateEnteredEventDetails(d -> d.name("Traffic"))
                        .build(),
                // The failed Parallel points at the other branch's last event, which did not fail.
                event(6, 5, HistoryEventType.PARALLEL_STATE_FAILED).build(),
                event(7, 6, HistoryEventType.EXECUTION_FAILED)
                        .executionFailedEventDetails(
                                d -> d.error("Canary.Failed").cause("7%"))
                        .build());

        FailureReport report = FailureReports.from(failed, events, null);

        assertThat(report.failedState()).contains("Canary");
        assertThat(report.enclosingStates()).containsExactly("Deploy");
    }

    private static List<HistoryEvent> canaryFailsWhileFlakyTaskFailsToo() {
        return List.of(
                event(1, 0, HistoryEventType.EXECUTION_STARTED).build(),
                event(2, 1, HistoryEventType.PARALLEL_STATE_ENTERED)
                        .stateEnteredEventDetails(d -> d.name("Deploy"))
                        .build(),
                event(3, 2, HistoryEventType.PARALLEL_STATE_STARTED).build(),
                event(4, 3, HistoryEventType.TASK_STATE_ENTERED)
                        .stateEnteredEventDetails(d -> d.name("Flaky"))
                        .build(),
                event(5, 4, HistoryEventType.TASK_SCHEDULED).build(),
                event(6, 3, HistoryEventType.FAIL_STATE_ENTERED)
                        .stateEnteredEventDetails(d -> d.name("Canary"))
                        .build(),
                // The other branch's task fails (it would be retried) after the failing branch's Fail state.
                event(7, 5, HistoryEventType.TASK_FAILED)
                        .taskFailedEventDetails(d -> d.error("Flaky.Busy")
                                .cause("try again")
                                .resourceType("lambda")
                                .resource("invoke"))
                        .build(),
                event(8, 7, HistoryEventType.PARALLEL_STATE_FAILED).build(),
                event(9, 8, HistoryEventType.EXECUTION_FAILED)
                        .executionFailedEventDetails(
                                d -> d.error("Canary.Failed").cause("7%"))
                        .build());
    }

    private static ExecutionDescription failedWith(String error, String cause) {
        return ExecutionDescription.of(DescribeExecutionResponse.builder()
                .executionArn(ARN)
                .stateMachineArn("arn:aws:states:us-east-1:123456789012:stateMachine:orders")
                .status("FAILED")
                .startDate(Instant.EPOCH)
                .error(error)
                .cause(cause)
                .build());
    }

    @Test
    void aTaskRetriedBeforeTheFailureIsSummarised() {
        // AWS's history: Deploy fails once, its Retry runs it again and it succeeds; then Verify fails for good.
        List<HistoryEvent> events = List.of(
                event(1, 0, HistoryEventType.EXECUTION_STARTED).build(),
                event(2, 1, HistoryEventType.TASK_STATE_ENTERED)
                        .stateEnteredEventDetails(d -> d.name("Deploy"))
                        .build(),
                event(3, 2, HistoryEventType.TASK_SCHEDULED).build(),
                event(4, 3, HistoryEventType.TASK_FAILED)
                        .taskFailedEventDetails(
                                d -> d.error("Lambda.TooManyRequestsException").cause("Rate exceeded"))
                        .build(),
                event(5, 4, HistoryEventType.TASK_SCHEDULED).build(),
                event(6, 5, HistoryEventType.TASK_SUCCEEDED).build(),
                event(7, 6, HistoryEventType.TASK_STATE_EXITED)
                        .stateExitedEventDetails(d -> d.name("Deploy"))
                        .build(),
                event(8, 7, HistoryEventType.TASK_STATE_ENTERED)
                        .stateEnteredEventDetails(d -> d.name("Verify"))
                        .build(),
                event(9, 8, HistoryEventType.TASK_SCHEDULED).build(),
                event(10, 9, HistoryEventType.TASK_FAILED)
                        .taskFailedEventDetails(d -> d.error("Verify.Failed").cause("smoke test red"))
                        .build(),
                event(11, 10, HistoryEventType.EXECUTION_FAILED)
                        .executionFailedEventDetails(
                                d -> d.error("Verify.Failed").cause("smoke test red"))
                        .build());

        FailureReport report = FailureReports.from(failedWith("Verify.Failed", "smoke test red"), events, null);

        assertThat(report.failedState()).contains("Verify");
        assertThat(report.earlier())
                .contains("Retried before succeeding: 'Deploy' 1 time (last error Lambda.TooManyRequestsException).");
        assertThat(report.message())
                .endsWith("Verify.Failed: smoke test red. Retried before succeeding: 'Deploy' 1"
                        + " time (last error Lambda.TooManyRequestsException).");
    }

    @Test
    void aStateAfterAMapThatEndedIsNotReportedInsideIt() {
        List<HistoryEvent> events = List.of(
                event(1, 0, HistoryEventType.EXECUTION_STARTED).build(),
                event(2, 1, HistoryEventType.MAP_STATE_ENTERED)
                        .stateEnteredEventDetails(d -> d.name("Each"))
                        .build(),
                event(3, 2, HistoryEventType.MAP_STATE_STARTED).build(),
                event(4, 3, HistoryEventType.MAP_ITERATION_STARTED)
                        .mapIterationStartedEventDetails(d -> d.name("Each").index(0))
                        .build(),
                event(5, 4, HistoryEventType.PASS_STATE_ENTERED)
                        .stateEnteredEventDetails(d -> d.name("Item"))
                        .build(),
                event(6, 5, HistoryEventType.PASS_STATE_EXITED)
                        .stateExitedEventDetails(d -> d.name("Item"))
                        .build(),
                event(7, 6, HistoryEventType.MAP_ITERATION_SUCCEEDED)
                        .mapIterationSucceededEventDetails(d -> d.name("Each").index(0))
                        .build(),
                event(8, 7, HistoryEventType.MAP_STATE_SUCCEEDED).build(),
                event(9, 8, HistoryEventType.MAP_STATE_EXITED)
                        .stateExitedEventDetails(d -> d.name("Each"))
                        .build(),
                event(10, 9, HistoryEventType.FAIL_STATE_ENTERED)
                        .stateEnteredEventDetails(d -> d.name("Report"))
                        .build(),
                event(11, 10, HistoryEventType.EXECUTION_FAILED)
                        .executionFailedEventDetails(
                                d -> d.error("Report.Failed").cause("x"))
                        .build());

        FailureReport report = FailureReports.from(failedWith("Report.Failed", "x"), events, null);

        assertThat(report.failedState()).contains("Report");
        assertThat(report.enclosingStates()).isEmpty();
        assertThat(report.earlier()).isEmpty();
    }

    @Test
    void aReportWithNothingEarlierSaysNothingMore() {
        List<HistoryEvent> events = List.of(
                event(1, 0, HistoryEventType.EXECUTION_STARTED).build(),
                event(2, 1, HistoryEventType.FAIL_STATE_ENTERED)
                        .stateEnteredEventDetails(d -> d.name("Stop"))
                        .build(),
                event(3, 2, HistoryEventType.EXECUTION_FAILED)
                        .executionFailedEventDetails(d -> d.error("E").cause("c"))
                        .build());

        FailureReport report = FailureReports.from(failedWith("E", "c"), events, null);

        assertThat(report.earlier()).isEmpty();
        assertThat(report.message()).endsWith("FAILED in state 'Stop' (Fail): E: c.");
    }

    @Test
    void anotherBranchsFailureAfterTheFailingBranchEndedIsNotTakenForTheCause() {
        String definition = "{\"StartAt\":\"Deploy\",\"States\":{\"Deploy\":{\"Type\":\"Parallel\",\"End\":true,"
                + "\"Branches\":[{\"StartAt\":\"Flaky\",\"States\":{\"Flaky\":{\"Type\":\"Task\",\"Resource\":\"x\","
                + "\"End\":true}}},{\"StartAt\":\"Canary\",\"States\":{\"Canary\":{\"Type\":\"Fail\","
                + "\"Error\":\"Canary.Failed\",\"Cause\":\"7%\"}}}]}}}";

        FailureReport report =
                FailureReports.from(failedWith("Canary.Failed", "7%"), canaryFailsWhileFlakyTaskFailsToo(), definition);

        assertThat(report.failedState()).contains("Canary");
        assertThat(report.resource()).isEmpty();
        assertThat(report.enclosingStates()).containsExactly("Deploy");
    }

    @Test
    void withoutTheDefinitionAFailStateStillOutranksAnotherBranchsTaskFailure() {
        FailureReport report =
                FailureReports.from(failedWith("Canary.Failed", "7%"), canaryFailsWhileFlakyTaskFailsToo(), null);

        assertThat(report.failedState()).contains("Canary");
    }

    @Test
    void aTaskFailureWhoseErrorEndedTheExecutionIsTheCauseEvenAfterAnotherBranchsFailState() {
        List<HistoryEvent> events = List.of(
                event(1, 0, HistoryEventType.EXECUTION_STARTED).build(),
                event(2, 1, HistoryEventType.PARALLEL_STATE_ENTERED)
                        .stateEnteredEventDetails(d -> d.name("Deploy"))
                        .build(),
                event(3, 2, HistoryEventType.PARALLEL_STATE_STARTED).build(),
                event(4, 3, HistoryEventType.TASK_STATE_ENTERED)
                        .stateEnteredEventDetails(d -> d.name("Charge"))
                        .build(),
                event(5, 4, HistoryEventType.TASK_SCHEDULED).build(),
                event(6, 5, HistoryEventType.TASK_FAILED)
                        .taskFailedEventDetails(d -> d.error("Payments.Down")
                                .cause("503")
                                .resourceType("lambda")
                                .resource("invoke"))
                        .build(),
                event(7, 3, HistoryEventType.FAIL_STATE_ENTERED)
                        .stateEnteredEventDetails(d -> d.name("Other"))
                        .build(),
                event(8, 7, HistoryEventType.PARALLEL_STATE_FAILED).build(),
                event(9, 8, HistoryEventType.EXECUTION_FAILED)
                        .executionFailedEventDetails(
                                d -> d.error("Payments.Down").cause("503"))
                        .build());

        FailureReport report = FailureReports.from(failedWith("Payments.Down", "503"), events, null);

        assertThat(report.failedState()).contains("Charge");
    }
}
