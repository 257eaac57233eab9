package io.jenkins.plugins.awsstepfunctions.freestyle;

import hudson.AbortException;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.jenkins.plugins.awsstepfunctions.action.StepFunctionsRunAction;
import io.jenkins.plugins.awsstepfunctions.config.StepFunctionsGlobalConfiguration;
import io.jenkins.plugins.awsstepfunctions.connection.ClientLease;
import io.jenkins.plugins.awsstepfunctions.console.ConsoleLines;
import io.jenkins.plugins.awsstepfunctions.credentials.ConnectionResolver;
import io.jenkins.plugins.awsstepfunctions.execution.ExecutionArn;
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
import io.jenkins.plugins.awsstepfunctions.watch.WatcherClosedException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ExecutionException;

/**
 * Waiting in a freestyle build: a freestyle build step runs on its executor until it returns, so this waits on the
 * controller-wide watcher (which still makes the calls within the shared budget). Aborting the build interrupts the
 * wait, cancels the watch, and with stopOnAbort stops the execution.
 */
final class FreestyleWait {

    private FreestyleWait() {}

    static WatchResult await(
            Run<?, ?> run,
            TaskListener listener,
            ExecutionArn execution,
            ConnectionResolver.Resolved connection,
            int pollInterval,
            int timeout,
            boolean stopOnAbort)
            throws AbortException, InterruptedException {
        Instant deadline = timeout > 0 ? Instant.now().plusSeconds(timeout) : null;
        WatchRequest request = WatchRequest.of(
                execution,
                connection.settings(),
                deadline,
                WatchOptions.builder()
                        .pollInterval(Duration.ofSeconds(pollInterval))
                        .progress(true)
                        .graph(true)
                        .stateData(StepFunctionsGlobalConfiguration.get().isKeepStateData())
                        .build());
        listener.getLogger().println(Messages.Log_Waiting(execution, ConsoleLines.consoleLink(execution)));
        ControllerEngine engine = ControllerEngine.get();
        Watch watch = engine.watcher().watch(request, connection.credentials(), new WatchListener() {
            @Override
            public void onProgress(ProgressEvent event) {
                listener.getLogger().println(Messages.Log_Progress(event.describe()));
            }

            @Override
            public void onWaitMode(WaitMode mode, String why) {
                listener.getLogger()
                        .println(Messages.Log_Progress(ConsoleLines.waitMode(
                                execution, mode, why, request.options().pollInterval(), engine.eventSafetyInterval())));
            }

            @Override
            public void onGraph(ExecutionGraph graph) {
                StepFunctionsRunAction.of(run)
                        .graph(execution.toString(), execution.stateMachine().toString(), graph);
            }

            @Override
            public void onTrouble(String message) {
                listener.getLogger().println(Messages.Log_Progress(message));
            }
        });
        try {
            return watch.result().get();
        } catch (InterruptedException aborted) {
            watch.cancel();
            if (stopOnAbort) {
                try (ClientLease lease =
                        ControllerEngine.get().clients().lease(request.connection(), connection.credentials())) {
                    new StepFunctionsOperations(lease)
                            .stop(execution, "Jenkins.Aborted", "Stopped because the Jenkins build was aborted");
                    listener.getLogger().println(Messages.Log_Stopped(execution));
                } catch (EngineStoppedException shuttingDown) {
                    listener.getLogger().println(Messages.Error_ShuttingDown(execution));
                }
            }
            throw aborted;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WatcherClosedException) {
                throw new AbortException(Messages.Error_ShuttingDown(execution));
            }
            throw new AbortException(
                    e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        }
    }
}
