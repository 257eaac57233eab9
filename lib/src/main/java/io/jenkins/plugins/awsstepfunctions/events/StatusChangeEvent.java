package io.jenkins.plugins.awsstepfunctions.events;

import io.jenkins.plugins.awsstepfunctions.execution.ExecutionArn;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionDescription;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionState;
import java.time.Instant;
import java.util.Optional;

/**
 * One "Step Functions Execution Status Change" event, as EventBridge delivers it: what DescribeExecution would have
 * said at that moment, except that the output is left out when it was too large for the event.
 *
 * @param eventId EventBridge's id of the event (duplicates share it)
 * @param description the execution as the event describes it; its output is absent when {@code outputIncluded} is false
 * @param outputIncluded whether the event carried the execution's output ({@code outputDetails.included})
 */
public record StatusChangeEvent(String eventId, ExecutionDescription description, boolean outputIncluded) {

    public ExecutionArn executionArn() {
        return description.executionArn();
    }

    public ExecutionState state() {
        return description.state();
    }

    public Optional<Instant> stopDate() {
        return description.stopDate();
    }

    /** The event alone says how the execution ended: it ended, and a SUCCEEDED one carries its output. */
    public boolean complete() {
        return state().isFinished() && (outputIncluded || state() != ExecutionState.SUCCEEDED);
    }
}
