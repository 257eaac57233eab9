package io.jenkins.plugins.awsstepfunctions.action;

import hudson.model.Run;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import jenkins.model.RunAction2;

/** The build page's "AWS Step Functions" list: every execution the build started or waited for. */
public final class StepFunctionsRunAction implements RunAction2 {

    private static final Logger LOGGER = Logger.getLogger(StepFunctionsRunAction.class.getName());

    private final List<ExecutionRecord> executions = new ArrayList<>();
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
    public void record(String executionArn, String stateMachineArn, String status, Instant start, Instant stop,
            String syncOutputJson) {
        synchronized (executions) {
            ExecutionRecord record = find(executionArn).orElse(null);
            if (record == null) {
                record = new ExecutionRecord(executionArn, stateMachineArn);
                executions.add(record);
            }
            record.update(status, start, stop, syncOutputJson);
        }
        if (run != null) {
            try {
                run.save();
            } catch (IOException e) {
                LOGGER.log(Level.WARNING, "Could not save the AWS Step Functions executions of " + run, e);
            }
        }
    }

    public Optional<ExecutionRecord> find(String executionArn) {
        synchronized (executions) {
            return executions.stream().filter(e -> e.getExecutionArn().equals(executionArn)).findFirst();
        }
    }

    public Run<?, ?> getRun() {
        return run;
    }

    public List<ExecutionRecord> getExecutions() {
        synchronized (executions) {
            return List.copyOf(executions);
        }
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
