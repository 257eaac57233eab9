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
        return HistoryEvent.builder().id(id).previousEventId(previous).type(type).timestamp(Instant.ofEpochSecond(id));
    }

    @Test
    void siblingIterationOnTheChainIsNotTakenForAnEnclosingState() {
        ExecutionDescription failed = ExecutionDescription.of(DescribeExecutionResponse.builder().executionArn(ARN)
                .stateMachineArn("arn:aws:states:us-east-1:123456789012:stateMachine:orders").status("FAILED")
                .startDate(Instant.EPOCH).error("Item.Rejected").cause("bad").build());
        List<HistoryEvent> events = List.of(
                event(1, 0, HistoryEventType.EXECUTION_STARTED).build(),
                event(2, 1, HistoryEventType.MAP_STATE_ENTERED).stateEnteredEventDetails(d -> d.name("Each")).build(),
                event(3, 2, HistoryEventType.MAP_STATE_STARTED).build(),
                event(4, 3, HistoryEventType.MAP_ITERATION_STARTED)
                        .mapIterationStartedEventDetails(d -> d.name("Each").index(0)).build(),
                // The second iteration's start points at the first one's, as when iterations interleave.
                event(5, 4, HistoryEventType.MAP_ITERATION_STARTED)
                        .mapIterationStartedEventDetails(d -> d.name("Each").index(1)).build(),
                event(6, 5, HistoryEventType.FAIL_STATE_ENTERED).stateEnteredEventDetails(d -> d.name("Reject")).build(),
                event(7, 6, HistoryEventType.MAP_ITERATION_FAILED)
                        .mapIterationFailedEventDetails(d -> d.name("Each").index(1)).build(),
                event(8, 6, HistoryEventType.MAP_STATE_FAILED).build(),
                event(9, 8, HistoryEventType.EXECUTION_FAILED)
                        .executionFailedEventDetails(d -> d.error("Item.Rejected").cause("bad")).build());

        FailureReport report = FailureReports.from(failed, events, null);

        assertThat(report.failedState()).contains("Reject");
        assertThat(report.enclosingStates()).containsExactly("Each[1]");
    }

    @Test
    void failedParallelIsTracedToTheFailingBranchWhateverTheOtherBranchDidLast() {
        ExecutionDescription failed = ExecutionDescription.of(DescribeExecutionResponse.builder().executionArn(ARN)
                .stateMachineArn("arn:aws:states:us-east-1:123456789012:stateMachine:orders").status("FAILED")
                .startDate(Instant.EPOCH).error("Canary.Failed").cause("7%").build());
        List<HistoryEvent> events = List.of(
                event(1, 0, HistoryEventType.EXECUTION_STARTED).build(),
                event(2, 1, HistoryEventType.PARALLEL_STATE_ENTERED).stateEnteredEventDetails(d -> d.name("Deploy"))
                        .build(),
                event(3, 2, HistoryEventType.PARALLEL_STATE_STARTED).build(),
                event(4, 3, HistoryEventType.FAIL_STATE_ENTERED).stateEnteredEventDetails(d -> d.name("Canary"))
                        .build(),
                event(5, 3, HistoryEventType.WAIT_STATE_ENTERED).stateEnteredEventDetails(d -> d.name("Traffic"))
                        .build(),
                // The failed Parallel points at the other branch's last event, which did not fail.
                event(6, 5, HistoryEventType.PARALLEL_STATE_FAILED).build(),
                event(7, 6, HistoryEventType.EXECUTION_FAILED)
                        .executionFailedEventDetails(d -> d.error("Canary.Failed").cause("7%")).build());

        FailureReport report = FailureReports.from(failed, events, null);

        assertThat(report.failedState()).contains("Canary");
        assertThat(report.enclosingStates()).containsExactly("Deploy");
    }
}
