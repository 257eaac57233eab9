package io.jenkins.plugins.awsstepfunctions.execution;

import java.io.Serializable;
import java.time.Instant;

/** The execution a start (or start-or-redrive) leads to, and what was done to get there. */
public record StartResult(ExecutionArn executionArn, Instant startDate, Outcome outcome) implements Serializable {

    public enum Outcome {
        /** A new execution was started (or StartExecution returned the same running one for the same name and input). */
        STARTED,
        /** A failed, timed-out or aborted execution of that name was redriven. */
        REDRIVEN,
        /** An execution of that name is already running (or pending a redrive); it was left alone. */
        ALREADY_RUNNING,
        /** An execution of that name already succeeded; it was left alone. */
        ALREADY_SUCCEEDED,
        /**
         * An earlier attempt of this same start (a retried call, or a start repeated after a restart) had started it;
         * it was not started again.
         */
        ALREADY_STARTED
    }

    /** One line for a build log: what was done, and the execution's ARN. */
    public String describe() {
        return switch (outcome) {
            case STARTED -> "Started " + executionArn;
            case REDRIVEN -> "Redrove " + executionArn;
            case ALREADY_RUNNING -> executionArn + " is already running; not started again";
            case ALREADY_SUCCEEDED -> executionArn + " already SUCCEEDED; not started again";
            case ALREADY_STARTED ->
                executionArn + " was started by an earlier attempt of this step (a retried call"
                        + " or a controller restart); not started again";
        };
    }
}
