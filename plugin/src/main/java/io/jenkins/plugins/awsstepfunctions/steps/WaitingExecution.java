package io.jenkins.plugins.awsstepfunctions.steps;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.awsstepfunctions.action.StepFunctionsRunAction;
import io.jenkins.plugins.awsstepfunctions.config.StepFunctionsGlobalConfiguration;
import io.jenkins.plugins.awsstepfunctions.connection.ClientLease;
import io.jenkins.plugins.awsstepfunctions.connection.ConnectionSettings;
import io.jenkins.plugins.awsstepfunctions.connection.CredentialsSource;
import io.jenkins.plugins.awsstepfunctions.console.ConsoleLines;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionParameters;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionArn;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionDescription;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionState;
import io.jenkins.plugins.awsstepfunctions.execution.StepFunctionsOperations;
import io.jenkins.plugins.awsstepfunctions.graph.ExecutionGraph;
import io.jenkins.plugins.awsstepfunctions.watch.ControllerEngine;
import io.jenkins.plugins.awsstepfunctions.watch.EngineStoppedException;
import io.jenkins.plugins.awsstepfunctions.watch.ProgressEvent;
import io.jenkins.plugins.awsstepfunctions.watch.WaitMode;
import io.jenkins.plugins.awsstepfunctions.watch.Watch;
import io.jenkins.plugins.awsstepfunctions.watch.WatchListener;
import io.jenkins.plugins.awsstepfunctions.watch.WatchOptions;
import io.jenkins.plugins.awsstepfunctions.watch.WatchRequest;
import io.jenkins.plugins.awsstepfunctions.watch.WatchResult;
import io.jenkins.plugins.awsstepfunctions.watch.WatchTimeoutException;
import io.jenkins.plugins.awsstepfunctions.watch.WatcherClosedException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/**
 * Waits for an execution through the controller-wide watcher: no executor and no thread is held, the watch is
 * re-registered from the persisted request after a controller restart, and progress lines go to the build log.
 *
 * <p>A controller shutdown never ends the step: the watcher's stop completes the watch with a
 * {@link WatcherClosedException}, which leaves the step's outcome open, and {@link #onResume()} watches again.
 */
abstract class WaitingExecution extends BackgroundExecution {

    private static final long serialVersionUID = 1L;

    private final boolean failOnError;
    private final boolean stopOnAbort;
    private final boolean returnArn;
    private WatchRequest request;
    private volatile long progressCursor;
    private volatile String lastStatus;
    private transient volatile Watch watch;

    WaitingExecution(
            StepContext context,
            ConnectionParameters connection,
            boolean failOnError,
            boolean stopOnAbort,
            boolean returnArn) {
        super(context, connection);
        this.failOnError = failOnError;
        this.stopOnAbort = stopOnAbort;
        this.returnArn = returnArn;
    }

    /** Starts waiting; called from a background call, once the execution is known. */
    protected final void waitFor(
            ExecutionArn execution,
            ConnectionSettings settings,
            CredentialsSource credentials,
            int pollIntervalSeconds,
            int timeoutSeconds)
            throws Exception {
        Instant deadline = timeoutSeconds > 0 ? Instant.now().plusSeconds(timeoutSeconds) : null;
        WatchOptions options = WatchOptions.builder()
                .pollInterval(Duration.ofSeconds(pollIntervalSeconds))
                .progress(true)
                .graph(true)
                .stateData(StepFunctionsGlobalConfiguration.get().isKeepStateData())
                .build();
        request = WatchRequest.of(execution, settings, deadline, options);
        getContext().saveState();
        TaskListener listener = listener();
        listener.getLogger()
                .println(ConsoleLines.PREFIX + "Waiting for " + execution + ConsoleLines.consoleLink(execution)
                        + (deadline == null ? "" : " until " + deadline));
        register(credentials, listener);
    }

    private void register(CredentialsSource credentials, TaskListener listener) throws Exception {
        Run<?, ?> run = run();
        ControllerEngine engine = ControllerEngine.get();
        Watch registered = engine.watcher()
                .watch(request.withProgressAfter(progressCursor), credentials, new WatchListener() {
                    @Override
                    public void onProgress(ProgressEvent event) {
                        listener.getLogger().println(ConsoleLines.PREFIX + event.describe());
                        progressCursor = event.eventId();
                    }

                    @Override
                    public void onWaitMode(WaitMode mode, String why) {
                        listener.getLogger()
                                .println(ConsoleLines.PREFIX
                                        + ConsoleLines.waitMode(
                                                request.execution(),
                                                mode,
                                                why,
                                                request.options().pollInterval(),
                                                engine.eventSafetyInterval()));
                    }

                    @Override
                    public void onGraph(ExecutionGraph graph) {
                        StepFunctionsRunAction.of(run)
                                .graph(
                                        request.execution().toString(),
                                        request.execution().stateMachine().toString(),
                                        graph);
                    }

                    @Override
                    public void onStatus(ExecutionState state) {
                        lastStatus = state.name();
                        StepFunctionsRunAction.of(run)
                                .record(
                                        request.execution().toString(),
                                        request.execution().stateMachine().toString(),
                                        state.name(),
                                        null,
                                        null,
                                        null);
                    }

                    @Override
                    public void onTrouble(String message) {
                        listener.getLogger().println(ConsoleLines.PREFIX + message);
                    }
                });
        watch = registered;
        registered.result().whenComplete((result, error) -> finished(run, listener, result, error));
    }

    private void finished(Run<?, ?> run, TaskListener listener, WatchResult result, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof CancellationException || cause instanceof WatcherClosedException || stopping()) {
            return;
        }
        if (cause != null) {
            fail(cause instanceof WatchTimeoutException ? new AbortException(cause.getMessage()) : explained(cause));
            return;
        }
        ExecutionDescription end = result.description();
        StepFunctionsRunAction.of(run)
                .record(
                        end.executionArn().toString(),
                        end.stateMachineArn(),
                        end.state().name(),
                        end.startDate(),
                        end.stopDate().orElse(null),
                        null);
        if (end.state() == ExecutionState.SUCCEEDED) {
            listener.getLogger().println(ConsoleLines.PREFIX + end.summary());
            succeed(returnArn ? end.executionArn().toString() : end.output());
            return;
        }
        String explanation = result.failureMessage();
        if (failOnError) {
            fail(new AbortException(explanation));
        } else {
            listener.getLogger()
                    .println(ConsoleLines.PREFIX + explanation + " (failOnError: false, so the step returns null)");
            succeed(returnArn ? end.executionArn().toString() : null);
        }
    }

    /** Whether the wait had begun: the execution was known and the watch request saved. */
    protected final boolean waiting() {
        return request != null;
    }

    /** After a restart: what to do when the step had not begun to wait yet (the work before the wait, again). */
    protected abstract void resumeBeforeWaiting();

    @Override
    public void onResume() {
        if (!waiting()) {
            resumeBeforeWaiting();
            return;
        }
        inBackground(() -> {
            TaskListener listener = listener();
            listener.getLogger()
                    .println(ConsoleLines.PREFIX + "Resuming the wait for " + request.execution()
                            + " after a Jenkins restart");
            register(resolve().credentials(), listener);
        });
    }

    @Override
    public void stop(Throwable cause) throws Exception {
        Watch current = watch;
        if (current != null) {
            current.cancel();
        }
        super.stop(cause);
        if (stopOnAbort && request != null && !stopping()) {
            ExecutionArn execution = request.execution();
            ControllerEngine engine;
            try {
                engine = ControllerEngine.get();
            } catch (EngineStoppedException shuttingDown) {
                return;
            }
            engine.calls().submit(() -> {
                TaskListener listener = listener();
                try (ClientLease lease = ControllerEngine.get()
                        .clients()
                        .lease(request.connection(), resolve().credentials())) {
                    new StepFunctionsOperations(lease)
                            .stop(
                                    execution,
                                    "Jenkins.Aborted",
                                    "Stopped because the Jenkins build " + run().getFullDisplayName() + " was aborted");
                    listener.getLogger().println(ConsoleLines.PREFIX + "Stopped " + execution + " (stopOnAbort: true)");
                } catch (RuntimeException e) {
                    listener.getLogger()
                            .println(ConsoleLines.PREFIX + "Could not stop " + execution + ": " + e.getMessage());
                }
                return null;
            });
        }
    }

    @Override
    public String getStatus() {
        if (request == null) {
            return "starting";
        }
        return "waiting for " + request.execution() + (lastStatus == null ? "" : " (last seen " + lastStatus + ")");
    }
}
