package io.jenkins.plugins.awsstepfunctions.execution;

/**
 * What {@link StepFunctionsOperations#stopIfRunning} did.
 *
 * @param stopped whether this call stopped it (false: it had already ended)
 * @param before the status it had before: RUNNING or PENDING_REDRIVE when stopped, how it ended otherwise
 */
public record StopResult(ExecutionArn execution, boolean stopped, ExecutionState before) {

    /** One line for a build log. */
    public String describe() {
        return stopped
                ? "Stopped " + execution + " (it was " + before + ")"
                : execution + " had already ended (" + before + "); nothing to stop";
    }
}
