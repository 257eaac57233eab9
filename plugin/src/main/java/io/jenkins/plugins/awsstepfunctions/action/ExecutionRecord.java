package io.jenkins.plugins.awsstepfunctions.action;

import io.jenkins.plugins.awsstepfunctions.execution.ConsoleLinks;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionArn;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;

/** One execution a build started or waited for, as the build page lists it. */
public final class ExecutionRecord implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String executionArn;
    private final String stateMachineArn;
    private String status;
    private long startMillis;
    private long stopMillis;
    private String syncOutputJson;

    ExecutionRecord(String executionArn, String stateMachineArn) {
        this.executionArn = executionArn;
        this.stateMachineArn = stateMachineArn;
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
        Duration duration = Duration.between(Instant.ofEpochMilli(startMillis), Instant.ofEpochMilli(stopMillis));
        return duration.toMinutes() > 0 ? duration.toMinutes() + " min " + duration.toSecondsPart() + " s"
                : duration.toMillis() / 1000.0 + " s";
    }

    public String getConsoleLink() {
        return ConsoleLinks.execution(ExecutionArn.parse("executionArn", executionArn)).orElse(null);
    }

    /** The output of a synchronous Express run, kept because Step Functions keeps none. */
    public String getSyncOutputJson() {
        return syncOutputJson;
    }

    synchronized void update(String status, Instant start, Instant stop, String syncOutputJson) {
        this.status = status;
        if (start != null) {
            this.startMillis = start.toEpochMilli();
        }
        if (stop != null) {
            this.stopMillis = stop.toEpochMilli();
        }
        if (syncOutputJson != null) {
            this.syncOutputJson = syncOutputJson;
        }
    }
}
