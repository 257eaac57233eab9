package io.jenkins.plugins.awsstepfunctions.steps;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.awsstepfunctions.connection.InvalidSettingException;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionParameters;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionResolver;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionNotSucceededException;
import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsException;
import io.jenkins.plugins.awsstepfunctions.json.JsonException;
import io.jenkins.plugins.awsstepfunctions.watch.ControllerEngine;
import java.io.IOException;
import java.util.concurrent.Future;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * A step execution whose Step Functions calls run on the engine's call threads, never on the Pipeline's CPS thread;
 * it holds no executor and, while waiting for an execution, no thread at all.
 */
abstract class BackgroundExecution extends StepExecution {

    private static final long serialVersionUID = 1L;

    /** A piece of work that may fail with anything; failures end the step with a message for the build log. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    protected final ConnectionParameters connection;
    private transient volatile Future<?> call;

    BackgroundExecution(StepContext context, ConnectionParameters connection) {
        super(context);
        this.connection = connection;
    }

    protected final void inBackground(Work work) {
        call = ControllerEngine.get().calls().submit(() -> {
            try {
                work.run();
            } catch (Throwable t) {
                getContext().onFailure(explained(t));
            }
        });
    }

    protected final Run<?, ?> run() throws IOException, InterruptedException {
        return getContext().get(Run.class);
    }

    protected final TaskListener listener() throws IOException, InterruptedException {
        return getContext().get(TaskListener.class);
    }

    protected final ConnectionResolver.Resolved resolve() throws IOException, InterruptedException {
        return ConnectionResolver.resolve(run(), connection);
    }

    /** Expected problems end the step with their message only; anything else keeps its stack trace. */
    static Throwable explained(Throwable t) {
        if (t instanceof InvalidSettingException || t instanceof StepFunctionsException
                || t instanceof ExecutionNotSucceededException || t instanceof JsonException) {
            return new AbortException(t.getMessage());
        }
        return t;
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        Future<?> running = call;
        if (running != null) {
            running.cancel(true);
        }
        super.stop(cause);
    }
}
