package io.jenkins.plugins.awsstepfunctions.execution;

import java.util.Optional;

/** An execution whose output was asked for has not succeeded: it failed, timed out, was aborted, or still runs. */
public class ExecutionNotSucceededException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ExecutionState state;
    private final FailureReport report;

    ExecutionNotSucceededException(ExecutionState state, FailureReport report, String message) {
        super(message);
        this.state = state;
        this.report = report;
    }

    public ExecutionState state() {
        return state;
    }

    /** Why it failed; absent while it still runs. */
    public Optional<FailureReport> report() {
        return Optional.ofNullable(report);
    }
}
