package io.jenkins.plugins.awsstepfunctions.watch;

import io.jenkins.plugins.awsstepfunctions.execution.ExecutionDescription;
import io.jenkins.plugins.awsstepfunctions.execution.FailureReport;
import java.io.Serializable;
import java.util.Optional;

/** How a watched execution ended: its final description and, for FAILED, TIMED_OUT and ABORTED, the failure report. */
public record WatchResult(ExecutionDescription description, FailureReport report) implements Serializable {

    public Optional<FailureReport> failureReport() {
        return Optional.ofNullable(report);
    }

    /** Why the execution did not succeed, in one paragraph: the failure report, else status, error and cause. */
    public String failureMessage() {
        return failureReport()
                .map(FailureReport::message)
                .orElse("Execution " + description.executionArn() + " " + description.state()
                        + description.error().map(e -> ": " + e).orElse("")
                        + description.cause().map(c -> ": " + c).orElse("") + ".");
    }
}
