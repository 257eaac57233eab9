package io.jenkins.plugins.awsstepfunctions.execution;

/**
 * What {@link StepFunctionsOperations#stopIfRunning} did.
 *
 * @param stopped whether this call stopped it (false: it had already ended)
 * @param before the status it had before: RUNNING or PENDING_REDRIVE when stopped (ABORTED when stopped by an
 *     earlier attempt, see {@link #afterEarlierAttempt()}), how it ended otherwise
 */
public record StopResult(ExecutionArn execution, boolean stopped, ExecutionState before) {

    /**
     * What this result means when the stop is asked again because the first call's outcome was lost (the controller
     * restarted during it): an execution now ABORTED is taken as stopped by that first call. A stop by someone else in
     * between cannot be told apart from it.
     */
    public StopResult afterEarlierAttempt() {
        return !stopped && before == ExecutionState.ABORTED
                ? new StopResult(execution, true, ExecutionState.ABORTED)
                : this;
    }

    /** One line for a build log. */
    public String describe() {
        if (stopped && before == ExecutionState.ABORTED) {
            return "Stopped " + execution + " (by the call made before the restart)";
        }
        return stopped
                ? "Stopped " + execution + " (it was " + before + ")"
                : execution + " had already ended (" + before + "); nothing to stop";
    }
}
