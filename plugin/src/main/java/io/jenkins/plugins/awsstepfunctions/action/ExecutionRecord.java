package io.jenkins.plugins.awsstepfunctions.action;

import io.jenkins.plugins.awsstepfunctions.execution.ConsoleLinks;
import io.jenkins.plugins.awsstepfunctions.execution.Durations;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionArn;
import io.jenkins.plugins.awsstepfunctions.graph.ExecutionGraph;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One execution a build started or waited for, as the build page lists it. Immutable: an update is a new record, so
 * the build record can be written while another thread records (see {@link StepFunctionsRunAction}).
 */
public final class ExecutionRecord implements Serializable {

    private static final long serialVersionUID = 1L;

    /** A diagram of about a thousand states; beyond, the build page lists the states without the drawing. */
    static final int MAX_SVG_CHARS = 512 * 1024;

    private final String executionArn;
    private final String stateMachineArn;
    private final String status;
    private final long startMillis;
    private final long stopMillis;
    private final String syncOutputJson;
    /** The diagram as last drawn; null before the first history read, in records older than diagrams, or too big. */
    private final String graphSvg;

    private final String graphIdPrefix;
    private final List<StateRow> states;

    private ExecutionRecord(
            String executionArn,
            String stateMachineArn,
            String status,
            long startMillis,
            long stopMillis,
            String syncOutputJson,
            String graphSvg,
            String graphIdPrefix,
            List<StateRow> states) {
        this.executionArn = executionArn;
        this.stateMachineArn = stateMachineArn;
        this.status = status;
        this.startMillis = startMillis;
        this.stopMillis = stopMillis;
        this.syncOutputJson = syncOutputJson;
        this.graphSvg = graphSvg;
        this.graphIdPrefix = graphIdPrefix;
        // An ArrayList, not List.copyOf: the build record is written by XStream, which reads plain collections back.
        this.states = states == null ? null : new ArrayList<>(states);
    }

    static ExecutionRecord of(String executionArn, String stateMachineArn) {
        return new ExecutionRecord(executionArn, stateMachineArn, null, 0, 0, null, null, null, null);
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
        return Durations.describe(Duration.ofMillis(stopMillis - startMillis));
    }

    public String getConsoleLink() {
        return ConsoleLinks.execution(ExecutionArn.parse("executionArn", executionArn))
                .orElse(null);
    }

    /** The output of a synchronous Express run, kept because Step Functions keeps none. */
    public String getSyncOutputJson() {
        return syncOutputJson;
    }

    /** The execution's diagram, safe to put in the page as it is (every text in it is escaped); null if none. */
    public String getGraphSvg() {
        return graphSvg;
    }

    /** The start of the ids in the diagram: state {@code n}'s row has the id {@code <prefix>state-<n>}. */
    public String getGraphIdPrefix() {
        return graphIdPrefix;
    }

    /** Every state of the diagram, in the definition's order (nested states after their Parallel or Map). */
    public List<StateRow> getStates() {
        return states == null ? List.of() : Collections.unmodifiableList(states);
    }

    /** This record with a new status; the times and output only where given. */
    ExecutionRecord updated(String status, Instant start, Instant stop, String syncOutputJson) {
        return new ExecutionRecord(
                executionArn,
                stateMachineArn,
                status,
                start == null ? startMillis : start.toEpochMilli(),
                stop == null ? stopMillis : stop.toEpochMilli(),
                syncOutputJson == null ? this.syncOutputJson : syncOutputJson,
                graphSvg,
                graphIdPrefix,
                states);
    }

    /** This record with the diagram drawn last; a drawing larger than {@value #MAX_SVG_CHARS} characters is not kept. */
    ExecutionRecord withGraph(ExecutionGraph graph) {
        return new ExecutionRecord(
                executionArn,
                stateMachineArn,
                status,
                startMillis,
                stopMillis,
                syncOutputJson,
                graph.svg().length() <= MAX_SVG_CHARS ? graph.svg() : null,
                graph.idPrefix(),
                graph.states().stream().map(StateRow::of).toList());
    }
}
