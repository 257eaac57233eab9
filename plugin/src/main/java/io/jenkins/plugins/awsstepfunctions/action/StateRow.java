package io.jenkins.plugins.awsstepfunctions.action;

import io.jenkins.plugins.awsstepfunctions.execution.Durations;
import io.jenkins.plugins.awsstepfunctions.graph.StateRun;
import java.io.Serializable;

/** One state of an execution's diagram as the build page lists it and the build record keeps it. Immutable. */
public final class StateRow implements Serializable {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final String status;
    private final String summary;
    private final int entered;
    private final String duration;
    private final String input;
    private final String output;

    private StateRow(
            String name, String status, String summary, int entered, String duration, String input, String output) {
        this.name = name;
        this.status = status;
        this.summary = summary;
        this.entered = entered;
        this.duration = duration;
        this.input = input;
        this.output = output;
    }

    static StateRow of(StateRun run) {
        return new StateRow(
                run.name(),
                run.status().name(),
                run.summary(),
                run.entered(),
                run.duration() == null ? "" : Durations.describe(run.duration()),
                run.input(),
                run.output());
    }

    public String getName() {
        return name;
    }

    /** NOT_ENTERED, RUNNING, SUCCEEDED, RETRIED, CAUGHT, FAILED, TIMED_OUT or ABORTED. */
    public String getStatus() {
        return status;
    }

    /** What the state did, with its last error: {@code failed: Canary.Failed (error rate 7% > 1%)}. */
    public String getSummary() {
        return summary;
    }

    public int getEntered() {
        return entered;
    }

    /** Its last input, cut to 2,048 characters; null unless the global configuration keeps state data. */
    public String getInput() {
        return input;
    }

    /** Its last output, cut to 2,048 characters; null unless the global configuration keeps state data. */
    public String getOutput() {
        return output;
    }

    /** From its first entry to its last exit; empty while it runs or when it never ran. */
    public String getDuration() {
        return duration;
    }
}
