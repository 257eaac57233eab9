package io.jenkins.plugins.awsstepfunctions.execution;

import io.jenkins.plugins.awsstepfunctions.json.Json;
import java.io.Serializable;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.sfn.model.StartSyncExecutionResponse;

/** The result of a synchronous EXPRESS execution: SUCCEEDED, FAILED or TIMED_OUT, with output or error and cause. */
public final class SyncExecutionResult implements Serializable {

    private static final long serialVersionUID = 1L;

    private final ExecutionArn executionArn;
    private final String stateMachineArn;
    private final String name;
    private final ExecutionState state;
    private final Instant startDate;
    private final Instant stopDate;
    private final String outputJson;
    private final Object output;
    private final String error;
    private final String cause;
    private final Long billedDurationMillis;
    private final Long billedMemoryMb;

    private SyncExecutionResult(StartSyncExecutionResponse response) {
        this.executionArn = ExecutionArn.parse("executionArn", response.executionArn());
        this.stateMachineArn = response.stateMachineArn();
        this.name = response.name();
        this.state = ExecutionState.of(response.status(), response.statusAsString(), response.executionArn());
        this.startDate = response.startDate();
        this.stopDate = response.stopDate();
        this.outputJson = response.output();
        this.output = response.output() == null
                ? null
                : Json.parse("the output of " + response.executionArn(), response.output());
        this.error = response.error();
        this.cause = response.cause();
        this.billedDurationMillis = response.billingDetails() == null
                ? null
                : response.billingDetails().billedDurationInMilliseconds();
        this.billedMemoryMb = response.billingDetails() == null
                ? null
                : response.billingDetails().billedMemoryUsedInMB();
    }

    static SyncExecutionResult of(StartSyncExecutionResponse response) {
        return new SyncExecutionResult(response);
    }

    public ExecutionArn executionArn() {
        return executionArn;
    }

    public String stateMachineArn() {
        return stateMachineArn;
    }

    public String name() {
        return name;
    }

    public ExecutionState state() {
        return state;
    }

    public Instant startDate() {
        return startDate;
    }

    public Instant stopDate() {
        return stopDate;
    }

    public Optional<String> outputJson() {
        return Optional.ofNullable(outputJson);
    }

    public Object output() {
        return output;
    }

    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    public Optional<String> cause() {
        return Optional.ofNullable(cause);
    }

    public Optional<Long> billedDurationMillis() {
        return Optional.ofNullable(billedDurationMillis);
    }

    public Optional<Long> billedMemoryMb() {
        return Optional.ofNullable(billedMemoryMb);
    }

    /**
     * A one-paragraph explanation of a failed or timed-out run for a build log (Step Functions keeps no history of
     * EXPRESS executions, so error and cause are all there is).
     */
    public String failureMessage() {
        return "Express execution " + executionArn + " " + state
                + (error == null ? "" : ": " + error) + (cause == null ? "" : ": " + FailureReport.shortCause(cause))
                + (state == ExecutionState.TIMED_OUT && error == null
                        ? " (the state machine's TimeoutSeconds, or the 5-minute limit of synchronous executions)"
                        : "")
                + ".";
    }
}
