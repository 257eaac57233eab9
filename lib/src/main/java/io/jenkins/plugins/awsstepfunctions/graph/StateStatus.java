package io.jenkins.plugins.awsstepfunctions.graph;

/** What happened to a state in one execution, as its diagram colours it. */
public enum StateStatus {
    /** The execution never reached it. */
    NOT_ENTERED("not entered"),
    /** Entered and not left yet. */
    RUNNING("running"),
    /** Left normally. */
    SUCCEEDED("succeeded"),
    /** Left normally after at least one failed attempt that a Retry rule repeated. */
    RETRIED("succeeded after retries"),
    /** Failed, and a Catch rule sent the execution on. */
    CAUGHT("caught"),
    /** Failed, and the failure ended its branch or the execution. */
    FAILED("failed"),
    /** Ran out of time ({@code TimeoutSeconds}, or the execution's). */
    TIMED_OUT("timed out"),
    /** Stopped unfinished: the execution was stopped, or another branch's failure cancelled it. */
    ABORTED("aborted");

    private final String description;

    StateStatus(String description) {
        this.description = description;
    }

    public String describe() {
        return description;
    }
}
