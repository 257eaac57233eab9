package io.jenkins.plugins.awsstepfunctions.execution;

import io.jenkins.plugins.awsstepfunctions.json.Json;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;

/**
 * What DescribeExecution says of an execution. The output is parsed into plain, {@code Serializable} Java values
 * (see {@link Json}); every field that can be absent is an {@code Optional}.
 */
public final class ExecutionDescription implements Serializable {

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
    private final int redriveCount;
    private final String redriveStatus;
    private final String redriveStatusReason;

    private ExecutionDescription(DescribeExecutionResponse response) {
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
        this.error = blankToNull(response.error());
        this.cause = blankToNull(response.cause());
        this.redriveCount = response.redriveCount() == null ? 0 : response.redriveCount();
        this.redriveStatus = response.redriveStatusAsString();
        this.redriveStatusReason = response.redriveStatusReason();
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /** From DescribeExecution's answer, or from one built from the same fields of a status-change event. */
    public static ExecutionDescription of(DescribeExecutionResponse response) {
        return new ExecutionDescription(response);
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

    public Optional<Instant> stopDate() {
        return Optional.ofNullable(stopDate);
    }

    /** The output as JSON text, present once the execution SUCCEEDED. */
    public Optional<String> outputJson() {
        return Optional.ofNullable(outputJson);
    }

    /** The output as plain Java values; {@code null} when there is none or when the output is JSON {@code null}. */
    public Object output() {
        return output;
    }

    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    public Optional<String> cause() {
        return Optional.ofNullable(cause);
    }

    public int redriveCount() {
        return redriveCount;
    }

    /** REDRIVABLE, NOT_REDRIVABLE or REDRIVABLE_BY_MAP_RUN, for executions that ended. */
    public Optional<String> redriveStatus() {
        return Optional.ofNullable(redriveStatus);
    }

    public Optional<String> redriveStatusReason() {
        return Optional.ofNullable(redriveStatusReason);
    }

    /** One line for a build log: the ARN, the status and, once it ended, how long it ran. */
    public String summary() {
        return executionArn + " " + state
                + (stopDate == null || startDate == null
                        ? ""
                        : " after " + Durations.describe(Duration.between(startDate, stopDate)));
    }

    @Override
    public String toString() {
        return executionArn + " " + state + (error == null ? "" : " " + error);
    }
}
