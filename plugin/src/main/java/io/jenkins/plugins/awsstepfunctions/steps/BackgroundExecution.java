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
import io.jenkins.plugins.awsstepfunctions.watch.EngineStoppedException;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * A step execution whose Step Functions calls run on the engine's call threads, never on the Pipeline's CPS thread;
 * it holds no executor and, while waiting for an execution, no thread at all.
 */
abstract class BackgroundExecution extends StepExecution {

    private static final long serialVersionUID = 1L;
    private static final Logger LOGGER = Logger.getLogger(BackgroundExecution.class.getName());
    private static final long SAVE_DEADLINE_SECONDS = 30;

    /** A piece of work that may fail with anything; failures end the step with a message for the build log. */
    @FunctionalInterface
    interface Work {
        void run() throws Exception;
    }

    protected final ConnectionParameters connection;
    private transient volatile Future<?> call;
    private transient volatile ControllerEngine engine;

    BackgroundExecution(StepContext context, ConnectionParameters connection) {
        super(context);
        this.connection = connection;
    }

    /**
     * Runs the work on a call thread. A failure ends the step, unless Jenkins is shutting down: an interrupted call
     * or a closed watcher is then the shutdown's doing, the step's outcome stays open and {@link #onResume()} does
     * the work again after the restart. The work ends the step with {@link #succeed} or {@link #fail}.
     */
    protected final void inBackground(Work work) {
        ControllerEngine current = ControllerEngine.get();
        engine = current;
        try {
            call = current.calls().submit(() -> {
                try {
                    work.run();
                } catch (Throwable t) {
                    if (!(t instanceof EngineStoppedException)) {
                        fail(explained(t));
                    }
                }
            });
        } catch (RejectedExecutionException rejected) {
            if (!current.isStopping()) {
                throw rejected;
            }
        }
    }

    /**
     * Whether Jenkins is shutting down under this step: its program is saved, so nothing the step does now (an
     * outcome, a build record) may reach it; the step is done again by {@link #onResume()} after the restart.
     */
    protected final boolean stopping() {
        ControllerEngine current = engine;
        return current != null && current.isStopping();
    }

    /** Ends the step with its result, unless Jenkins is shutting down (then the step resumes after the restart). */
    protected final void succeed(Object result) {
        if (!stopping()) {
            getContext().onSuccess(result);
        }
    }

    /** Ends the step with a failure, unless Jenkins is shutting down (then the failure may be the shutdown's). */
    protected final void fail(Throwable failure) {
        if (!stopping()) {
            getContext().onFailure(failure);
        }
    }

    /**
     * Saves this execution's fields before a call whose effect must be known after a restart (a start's first attempt,
     * a stop sent). Waits a bounded time: a save that does not finish in time leaves the step as it would be without.
     */
    protected final void saveBeforeCall() throws InterruptedException {
        try {
            getContext().saveState().get(SAVE_DEADLINE_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOGGER.log(Level.FINE, "Could not save the step's state before its call", e);
        }
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
        if (t instanceof InvalidSettingException
                || t instanceof StepFunctionsException
                || t instanceof ExecutionNotSucceededException
                || t instanceof JsonException) {
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
