package io.jenkins.plugins.awsstepfunctions.execution;

import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.SyncExecutionStatus;

/** The six statuses of an execution. PENDING_REDRIVE is not finished: a redrive is about to run it again. */
public enum ExecutionState {
    RUNNING,
    SUCCEEDED,
    FAILED,
    TIMED_OUT,
    ABORTED,
    PENDING_REDRIVE;

    /** SUCCEEDED, FAILED, TIMED_OUT or ABORTED: the execution will not change any more unless redriven. */
    public boolean isFinished() {
        return this != RUNNING && this != PENDING_REDRIVE;
    }

    /** FAILED, TIMED_OUT or ABORTED. */
    public boolean isFailure() {
        return this == FAILED || this == TIMED_OUT || this == ABORTED;
    }

    static ExecutionState of(ExecutionStatus status, String raw, String executionArn) {
        return switch (status == null ? ExecutionStatus.UNKNOWN_TO_SDK_VERSION : status) {
            case RUNNING -> RUNNING;
            case SUCCEEDED -> SUCCEEDED;
            case FAILED -> FAILED;
            case TIMED_OUT -> TIMED_OUT;
            case ABORTED -> ABORTED;
            case PENDING_REDRIVE -> PENDING_REDRIVE;
            default -> throw unknown(raw, executionArn);
        };
    }

    static ExecutionState of(SyncExecutionStatus status, String raw, String executionArn) {
        return switch (status == null ? SyncExecutionStatus.UNKNOWN_TO_SDK_VERSION : status) {
            case SUCCEEDED -> SUCCEEDED;
            case FAILED -> FAILED;
            case TIMED_OUT -> TIMED_OUT;
            default -> throw unknown(raw, executionArn);
        };
    }

    private static IllegalStateException unknown(String raw, String executionArn) {
        return new IllegalStateException("Step Functions reported the status '" + raw + "' for " + executionArn
                + ", which this version of the plugin does not know; update the plugin");
    }
}
