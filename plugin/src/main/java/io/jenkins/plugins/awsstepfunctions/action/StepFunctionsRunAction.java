package io.jenkins.plugins.awsstepfunctions.action;

import hudson.model.Run;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionState;
import io.jenkins.plugins.awsstepfunctions.graph.ExecutionGraph;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.RunAction2;

/**
 * The build page's "AWS Step Functions" list: every execution the build started or waited for.
 *
 * <p>The build record is written (by this action and by Jenkins itself) while waits on other threads record: the
 * list is therefore never changed once published. A record replaces the whole list, of immutable records, under the
 * action's lock, and whoever writes the build serialises a list that no thread changes.
 */
public final class StepFunctionsRunAction implements RunAction2 {

    private static final Logger LOGGER = Logger.getLogger(StepFunctionsRunAction.class.getName());

    private volatile List<ExecutionRecord> executions = new ArrayList<>();
    private int starts;
    private transient Run<?, ?> run;

    /** The build's action, added on first use. */
    public static synchronized StepFunctionsRunAction of(Run<?, ?> run) {
        StepFunctionsRunAction action = run.getAction(StepFunctionsRunAction.class);
        if (action == null) {
            action = new StepFunctionsRunAction();
            run.addAction(action);
        }
        return action;
    }

    /** Records (or updates) an execution and saves the build. */
    public void record(
            String executionArn,
            String stateMachineArn,
            String status,
            Instant start,
            Instant stop,
            String syncOutputJson) {
        synchronized (this) {
            List<ExecutionRecord> next = new ArrayList<>(executions);
            int index = indexOf(next, executionArn);
            ExecutionRecord record = index < 0 ? ExecutionRecord.of(executionArn, stateMachineArn) : next.get(index);
            record = record.updated(status, start, stop, syncOutputJson);
            if (index < 0) {
                next.add(record);
            } else {
                next.set(index, record);
            }
            executions = next;
        }
        save();
    }

    /** An execution this build shows was stopped: it shows ABORTED. One the build does not show is not added. */
    public void recordStopped(String executionArn, Instant stop) {
        find(executionArn)
                .ifPresent(known -> record(
                        executionArn, known.getStateMachineArn(), ExecutionState.ABORTED.name(), null, stop, null));
    }

    private void save() {
        if (run != null) {
            try {
                run.save();
            } catch (IOException e) {
                LOGGER.log(Level.WARNING, "Could not save the AWS Step Functions executions of " + run, e);
            }
        }
    }

    /**
     * Keeps an execution's latest diagram for the build page; the build is saved when the diagram shows the end (the
     * page reads the action itself meanwhile, so a running execution's diagram needs no save).
     */
    public void graph(String executionArn, String stateMachineArn, ExecutionGraph graph) {
        synchronized (this) {
            List<ExecutionRecord> next = new ArrayList<>(executions);
            int index = indexOf(next, executionArn);
            ExecutionRecord record = index < 0 ? ExecutionRecord.of(executionArn, stateMachineArn) : next.get(index);
            record = record.withGraph(graph);
            if (index < 0) {
                next.add(record);
            } else {
                next.set(index, record);
            }
            executions = next;
        }
        if (graph.ended()) {
            save();
        }
    }

    /** Numbers this build's starts in order (1, 2, ...): what tells apart the starts of one freestyle build. */
    public synchronized int nextStart() {
        return ++starts;
    }

    private static int indexOf(List<ExecutionRecord> records, String executionArn) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).getExecutionArn().equals(executionArn)) {
                return i;
            }
        }
        return -1;
    }

    public Optional<ExecutionRecord> find(String executionArn) {
        List<ExecutionRecord> records = executions;
        int index = indexOf(records, executionArn);
        return index < 0 ? Optional.empty() : Optional.of(records.get(index));
    }

    public Run<?, ?> getRun() {
        return run;
    }

    public List<ExecutionRecord> getExecutions() {
        return Collections.unmodifiableList(executions);
    }

    /** A build record written before the list existed has none. */
    private Object readResolve() {
        if (executions == null) {
            executions = new ArrayList<>();
        }
        return this;
    }

    @Override
    public void onAttached(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public void onLoad(Run<?, ?> r) {
        this.run = r;
    }

    @Override
    public String getIconFileName() {
        return "symbol-list-outline plugin-ionicons-api";
    }

    @Override
    public String getDisplayName() {
        return "AWS Step Functions";
    }

    @Override
    public String getUrlName() {
        return "aws-step-functions";
    }
}
