package io.jenkins.plugins.awsstepfunctions.execution;

import io.jenkins.plugins.awsstepfunctions.json.Json;
import io.jenkins.plugins.awsstepfunctions.json.JsonException;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Why an execution did not succeed: the state that failed (and the Map iterations and Parallel states around it),
 * its error and cause, the task resource, and for timeouts which timeout fired. {@link #message()} is the paragraph a
 * build log shows.
 */
public final class FailureReport implements Serializable {

    private static final long serialVersionUID = 1L;
    private static final int MAX_CAUSE_IN_MESSAGE = 1000;

    private final ExecutionArn executionArn;
    private final ExecutionState state;
    private final String failedState;
    private final String failedStateType;
    private final List<String> enclosingStates;
    private final String resource;
    private final String error;
    private final String cause;
    private final String timeout;
    private final String earlier;
    private final String mapRun;
    private final String note;

    FailureReport(
            ExecutionArn executionArn,
            ExecutionState state,
            String failedState,
            String failedStateType,
            List<String> enclosingStates,
            String resource,
            String error,
            String cause,
            String timeout,
            String earlier,
            String mapRun,
            String note) {
        this.executionArn = executionArn;
        this.state = state;
        this.failedState = failedState;
        this.failedStateType = failedStateType;
        this.enclosingStates = List.copyOf(enclosingStates);
        this.resource = resource;
        this.error = error;
        this.cause = cause;
        this.timeout = timeout;
        this.earlier = earlier;
        this.mapRun = mapRun;
        this.note = note;
    }

    FailureReport withNote(String note) {
        return withAdditions(mapRun, note);
    }

    FailureReport withMapRun(String mapRun) {
        return withAdditions(mapRun, note);
    }

    /** This report with what is added after its first sentence replaced. */
    private FailureReport withAdditions(String mapRun, String note) {
        return new FailureReport(
                executionArn,
                state,
                failedState,
                failedStateType,
                enclosingStates,
                resource,
                error,
                cause,
                timeout,
                earlier,
                mapRun,
                note);
    }

    public ExecutionArn executionArn() {
        return executionArn;
    }

    /** FAILED, TIMED_OUT or ABORTED. */
    public ExecutionState state() {
        return state;
    }

    /** The innermost state that failed, or the one running when the execution timed out or was aborted. */
    public Optional<String> failedState() {
        return Optional.ofNullable(failedState);
    }

    /** Its type: Task, Fail, Wait, Map, Parallel, ... */
    public Optional<String> failedStateType() {
        return Optional.ofNullable(failedStateType);
    }

    /** The states around it, outermost first: {@code Each[3]} for a Map iteration, {@code Both} for a Parallel. */
    public List<String> enclosingStates() {
        return enclosingStates;
    }

    /** The task's resource (a Lambda function, an SDK integration), when a Task failed. */
    public Optional<String> resource() {
        return Optional.ofNullable(resource);
    }

    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    public Optional<String> cause() {
        return Optional.ofNullable(cause);
    }

    /** Which timeout fired, e.g. {@code the state machine's TimeoutSeconds (300 s)}. */
    public Optional<String> timeout() {
        return Optional.ofNullable(timeout);
    }

    /**
     * What went wrong before the failure without ending the execution: states whose failure a Catch rule handled,
     * and states that failed and were retried, e.g. {@code Earlier, a Catch handled 'CallApi' failing with Api.Down.}
     */
    public Optional<String> earlier() {
        return Optional.ofNullable(earlier);
    }

    /**
     * For a failure in a Distributed Map: the Map Run's counters and the failure reports of a few of its failed
     * child executions.
     */
    public Optional<String> mapRun() {
        return Optional.ofNullable(mapRun);
    }

    /** One paragraph for a build log. */
    public String message() {
        StringBuilder text = new StringBuilder("Execution ")
                .append(executionArn)
                .append(' ')
                .append(state == ExecutionState.ABORTED ? "was ABORTED" : state.name());
        if (failedState != null) {
            text.append(state == ExecutionState.FAILED ? " in state '" : " while in state '")
                    .append(failedState)
                    .append('\'');
            if (failedStateType != null || resource != null) {
                text.append(" (")
                        .append(failedStateType == null ? "" : failedStateType)
                        .append(resource == null ? "" : (failedStateType == null ? "" : ", ") + "resource " + resource)
                        .append(')');
            }
            if (!enclosingStates.isEmpty()) {
                text.append(" inside ").append(String.join(" > ", enclosingStates));
            }
        }
        if (timeout != null) {
            text.append(": ").append(timeout).append(" elapsed");
        }
        if (error != null) {
            text.append(": ").append(error);
        }
        if (cause != null) {
            text.append(": ").append(shortCause(cause));
        }
        text.append('.');
        if (earlier != null) {
            text.append(' ').append(earlier);
        }
        if (mapRun != null) {
            text.append(' ').append(mapRun);
        }
        if (note != null) {
            text.append(' ').append(note);
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return message();
    }

    /** A cause for a log line: a Lambda error's {@code errorMessage} when the cause is its JSON, cut at 1000 chars. */
    static String shortCause(String cause) {
        String shown = cause;
        if (cause.startsWith("{")) {
            try {
                if (Json.parse("cause", cause) instanceof Map<?, ?> map
                        && map.get("errorMessage") instanceof String m) {
                    shown = map.get("errorType") instanceof String type ? type + ": " + m : m;
                }
            } catch (JsonException notJson) {
                // shown as it is
            }
        }
        return shown.length() <= MAX_CAUSE_IN_MESSAGE
                ? shown
                : shown.substring(0, MAX_CAUSE_IN_MESSAGE) + "... (" + shown.length() + " characters in all)";
    }
}
