package io.jenkins.plugins.awsstepfunctions.action;

import io.jenkins.plugins.awsstepfunctions.execution.ConsoleLinks;
import io.jenkins.plugins.awsstepfunctions.execution.Durations;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionArn;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/**
 * One execution a build started or waited for, as the build page lists it. Immutable: an update is a new record, so
 * the build record can be written while another thread records (see {@link StepFunctionsRunAction}).
 */
public final class ExecutionRecord implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String executionArn;
    private final String stateMachineArn;
    private final String status;
    private final long startMillis;
    private final long stopMillis;
    private final String syncOutputJson;

    private ExecutionRecord(
            String executionArn,
            String stateMachineArn,
            String status,
            long startMillis,
            long stopMillis,
            String syncOutputJson) {
        this.executionArn = executionArn;
        this.stateMachineArn = stateMachineArn;
        this.status = status;
        this.startMillis = startMillis;
        this.stopMillis = stopMillis;
        this.syncOutputJson = syncOutputJson;
    }

    static ExecutionRecord of(String executionArn, String stateMachineArn) {
        return new ExecutionRecord(executionArn, stateMachineArn, null, 0, 0, null);
    }

    public String getExecutionArn() {
        return executionArn;
    }

    public String getStateMachineArn() {
        return stateMachineArn;
    }

    /** RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, PENDING_REDRIVE, or STARTED before the first check. */
    public String getStatus() {
        return status;
    }

    public String getDuration() {
        if (startMillis == 0 || stopMillis == 0) {
            return "";
        }
        return Durations.describe(Duration.ofMillis(stopMillis - startMillis));
    }

    public String getConsoleLink() {
        return ConsoleLinks.execution(ExecutionArn.parse("executionArn", executionArn))
                .orElse(null);
    }

    /** The output of a synchronous Express run, kept because Step Functions keeps none. */
    public String getSyncOutputJson() {
        return syncOutputJson;
    }

    /** This record with a new status; the times and output only where given. */
    ExecutionRecord updated(String status, Instant start, Instant stop, String syncOutputJson) {
        return new ExecutionRecord(
                executionArn,
                stateMachineArn,
                status,
                start == null ? startMillis : start.toEpochMilli(),
                stop == null ? stopMillis : stop.toEpochMilli(),
                syncOutputJson == null ? this.syncOutputJson : syncOutputJson);
    }
}
